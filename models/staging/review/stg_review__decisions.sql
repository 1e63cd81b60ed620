{#- Clerical reviewers' decisions on record pairs: the repository's seed and, in folder mode, the
    optional `linkage_review_decisions.csv` beside the extracts, cleaned. The pair is ordered (the
    smaller record key left) so that a decision names it once whichever way round it was typed.
    Nothing is dropped: a row whose decision is not `link` or `unlink`, or whose date is not a date,
    is kept with `is_valid` false and reported by linkage_review_decision_log. -#}

{#- the loader creates the raw table in folder mode (empty when no file was sent); a warehouse
    that never ran a folder load has none, which means no decisions were sent -#}
{%- set sent_source = source('review', 'linkage_review_decisions') -%}
{%- set sent_relation = adapter.get_relation(
    database=sent_source.database, schema=sent_source.schema, identifier=sent_source.identifier
) if execute else none -%}

with

seeded as (

    select
        'seed' as decision_source,
        *
    from {{ ref('linkage_review_decisions') }}

),

sent as (

    {% if sent_relation is not none or not execute -%}
    select
        'folder' as decision_source,
        *
    from {{ sent_source }}
    {%- else -%}
    select
        'folder' as decision_source,
        *
    from {{ ref('linkage_review_decisions') }}
    where false
    {%- endif %}

),

unioned as (

    select * from seeded
    union all by name
    select * from sent

),

cleaned as (

    select
        decision_source,
        lower(trim(source_system_l)) || ':' || trim(source_person_id_l) as record_key_a,
        lower(trim(source_system_r)) || ':' || trim(source_person_id_r) as record_key_b,
        lower(trim(decision)) as decision,
        nullif(trim(reviewer), '') as reviewer,
        try_cast(nullif(trim(decided_on), '') as date) as decided_on,
        nullif(trim(decided_on), '') as decided_on_raw,
        nullif(trim(note), '') as note
    from unioned

),

final as (

    -- an exact repeat of a decision says nothing new
    select distinct
        md5(
            concat_ws('|', decision_source, record_key_a, record_key_b, decision, reviewer, decided_on_raw, note)
        ) as review_decision_id,
        decision_source,
        least(record_key_a, record_key_b) as record_key_l,
        greatest(record_key_a, record_key_b) as record_key_r,
        decision,
        reviewer,
        decided_on,
        note,
        decision in ('link', 'unlink')
        and record_key_a is not null
        and record_key_b is not null
        and record_key_a != record_key_b
        and (decided_on is not null or decided_on_raw is null) as is_valid
    from cleaned

)

select * from final
