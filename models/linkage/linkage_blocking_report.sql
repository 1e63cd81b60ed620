{#- Candidate pairs per blocking rule and, when the truth map is present, how many true matches each
    rule finds and the recall of blocking as a whole (true matching record pairs that are candidates,
    over all true matching record pairs). A pair is credited to every rule that finds it. -#}
{%- set rules = ids_blocking_rules() -%}

with

pairs as (

    select * from {{ ref('int_candidate_pairs') }}

),

truth as (

    select * from {{ ref('int_truth_records') }}

),

labelled_pairs as (

    select
        pairs.pair_id,
        pairs.first_blocking_rule,
        pairs.blocking_rule_mask,
        truth_l.true_person_id is not null and truth_r.true_person_id is not null as has_truth,
        coalesce(truth_l.true_person_id = truth_r.true_person_id, false) as is_true_match
    from pairs
    left join truth as truth_l on pairs.record_key_l = truth_l.record_key
    left join truth as truth_r on pairs.record_key_r = truth_r.record_key

),

rule_bits as (

    select
        unnest(range(0, {{ rules | length }})) as rule_bit,
        unnest([{% for rule in rules %}'{{ rule.name }}'{% if not loop.last %}, {% endif %}{% endfor %}]) as blocking_rule

),

per_rule as (

    select
        rule_bits.blocking_rule,
        labelled_pairs.first_blocking_rule,
        labelled_pairs.is_true_match
    from labelled_pairs
    inner join rule_bits on (labelled_pairs.blocking_rule_mask >> rule_bits.rule_bit) & 1 = 1

),

true_pair_total as (

    select sum(n * (n - 1) / 2) as true_pairs
    from (select
        true_person_id,
        count(*) as n
    from truth
    group by true_person_id) as t

),

rules as (

    select
        blocking_rule,
        count(*) as candidate_pairs,
        count(*) filter (where first_blocking_rule = blocking_rule) as candidate_pairs_first_found,
        count(*) filter (where is_true_match) as true_match_pairs
    from per_rule
    group by blocking_rule

),

overall as (

    select
        'ALL RULES' as blocking_rule,
        count(*) as candidate_pairs,
        count(*) as candidate_pairs_first_found,
        count(*) filter (where is_true_match) as true_match_pairs
    from labelled_pairs

),

final as (

    select
        combined.*,
        true_pair_total.true_pairs as true_pairs_in_truth,
        combined.true_match_pairs / nullif(true_pair_total.true_pairs, 0) as blocking_recall
    from (
        select * from rules
        union all
        select * from overall
    ) as combined
    cross join true_pair_total

)

select * from final
