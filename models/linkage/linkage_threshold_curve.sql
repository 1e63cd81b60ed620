{#- Precision and recall of the scored candidate pairs at a range of match-probability thresholds,
    before clustering, against the truth map: the picture to read before moving match_threshold in
    seeds/reference/linkage_settings.csv. (linkage_evaluation measures the clustered result at the
    chosen threshold.) -#}

with

scored as (

    select * from {{ ref('int_scored_pairs') }}

),

truth as (

    select * from {{ ref('int_truth_records') }}

),

records_per_true_person as (

    select
        true_person_id,
        count(*) as n
    from truth
    group by true_person_id

),

true_pair_total as (

    select sum(n * (n - 1) / 2) as true_pairs
    from records_per_true_person

),

labelled as (

    select
        scored.match_probability,
        coalesce(truth_l.true_person_id = truth_r.true_person_id, false) as is_true_match
    from scored
    left join truth as truth_l on scored.record_key_l = truth_l.record_key
    left join truth as truth_r on scored.record_key_r = truth_r.record_key

),

thresholds as (

    select unnest([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99, 0.999]) as threshold

),

counted as (

    select
        thresholds.threshold,
        count(labelled.match_probability) as linked_pairs,
        count(labelled.match_probability) filter (where labelled.is_true_match) as true_positive_pairs
    from thresholds
    left join labelled on thresholds.threshold <= labelled.match_probability
    group by thresholds.threshold

),

final as (

    select
        counted.threshold,
        counted.linked_pairs,
        counted.true_positive_pairs,
        true_pair_total.true_pairs,
        counted.true_positive_pairs / nullif(counted.linked_pairs, 0) as pair_precision,
        counted.true_positive_pairs / nullif(true_pair_total.true_pairs, 0) as pair_recall,
        2 * counted.true_positive_pairs
        / nullif(counted.linked_pairs + true_pair_total.true_pairs, 0) as pair_f1,
        counted.threshold = {{ ids_linkage_setting('match_threshold') }} as is_current_threshold
    from counted
    cross join true_pair_total

)

select * from final
