{#- Comparison levels of deterministic pseudo-random record pairs, to estimate u (how often
    non-matching records agree by chance). Records are ordered by a hash of their key and each is
    paired with the next `random_pairs_per_record` records in that order, so the sample is the same
    on every run. Almost none of these pairs are matches, which is what u needs. -#}

with

records as (

    select
        *,
        row_number() over (order by md5(record_key), record_key) as random_rank
    from {{ ref('int_person_records') }}

),

offsets as (

    select unnest(range(1, cast({{ ids_linkage_setting('random_pairs_per_record') }} as bigint) + 1)) as k

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
        {{ ids_compare_records('l', 'r') }}
    from pairs
    inner join records as l on pairs.record_key_l = l.record_key
    inner join records as r on pairs.record_key_r = r.record_key

)

select * from compared
