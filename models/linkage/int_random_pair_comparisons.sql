{#- Comparison levels of deterministic pseudo-random record pairs, to estimate u (how often
    non-matching records agree by chance). Records are ordered by a hash of their key and each is
    paired with the next `random_pairs_per_record` records in that order (fewer when that would pass
    `random_pairs_max`), so the sample is the same on every run. Almost none of these pairs are
    matches, which is what u needs. -#}

with

records as (

    select
        *,
        row_number() over (order by md5(record_key), record_key) as random_rank
    from {{ ref('int_person_records') }}

),

n_records as (

    select count(*) as n from records

),

offsets as (

    -- random_pairs_per_record, but no more than random_pairs_max pairs in all
    select
        unnest(range(
            1,
            greatest(1, least(
                cast({{ ids_linkage_setting('random_pairs_per_record') }} as bigint),
                cast(ceil({{ ids_linkage_setting('random_pairs_max') }} / greatest(n_records.n, 1)) as bigint)
            )) + 1
        )) as k
    from n_records

),

partners as (

    select
        records.record_key,
        records.random_rank + offsets.k as partner_rank
    from records
    cross join offsets

),

pairs as (

    select
        partners.record_key as record_key_l,
        r.record_key as record_key_r
    from partners
    inner join records as r on partners.partner_rank = r.random_rank

),

compared as (

    select
        pairs.record_key_l,
        pairs.record_key_r,
        {{ ids_compare_records('l', 'r') }},
        -- family context is not measured on random pairs: its u comes from candidate non-matches
        -- (linkage_parameters), because families are not independent of names and birth dates
        cast(null as integer) as household_level
    from pairs
    inner join records as l on pairs.record_key_l = l.record_key
    inner join records as r on pairs.record_key_r = r.record_key

)

select * from compared
