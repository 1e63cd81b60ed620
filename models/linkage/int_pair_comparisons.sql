{#- Comparison level per field for every candidate pair (macros/linkage/comparisons.sql). -#}

with

pairs as (

    select * from {{ ref('int_candidate_pairs') }}

),

records as (

    select * from {{ ref('int_person_records') }}

),

compared as (

    select
        pairs.pair_id,
        pairs.record_key_l,
        pairs.record_key_r,
        l.source_system as source_system_l,
        r.source_system as source_system_r,
        pairs.first_blocking_rule,
        {{ ids_compare_records('l', 'r') }},
        -- kept for term-frequency adjustment of exact name matches
        case
            when l.first_key = r.first_key and not l.first_is_initial_only and not r.first_is_initial_only
                then l.first_key
        end as tf_first_key,
        case when l.last_key = r.last_key then l.last_key end as tf_last_key
    from pairs
    inner join records as l on pairs.record_key_l = l.record_key
    inner join records as r on pairs.record_key_r = r.record_key

)

select * from compared
