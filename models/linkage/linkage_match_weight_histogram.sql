{#- Distribution of candidate-pair match weights in one-bit bins, split by truth when the truth map
    is present: the picture a reviewer checks to see that matches and non-matches separate. -#}

with

scored as (

    select * from {{ ref('int_scored_pairs') }}

),

truth as (

    select * from {{ ref('int_truth_records') }}

),

binned as (

    select
        floor(scored.match_weight)::integer as weight_bin,
        case
            when truth_l.true_person_id is null or truth_r.true_person_id is null then 'unknown'
            when truth_l.true_person_id = truth_r.true_person_id then 'true_match'
            else 'true_non_match'
        end as truth_label
    from scored
    left join truth as truth_l on scored.record_key_l = truth_l.record_key
    left join truth as truth_r on scored.record_key_r = truth_r.record_key

),

final as (

    select
        weight_bin,
        1 / (1 + pow(2, -weight_bin)) as probability_at_bin_floor,
        count(*) as candidate_pairs,
        count(*) filter (where truth_label = 'true_match') as true_match_pairs,
        count(*) filter (where truth_label = 'true_non_match') as true_non_match_pairs
    from binned
    group by weight_bin

)

select * from final
