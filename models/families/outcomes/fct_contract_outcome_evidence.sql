{#- For every decided contract outcome (achieved or not_achieved), the events that decided it: which
    wage quarters, which TANF spell, enrollment, removal, assessment or claim, or, when the outcome is
    that nothing happened, one row saying no qualifying event was found. Restricted zone.

    link_confidence is the lowest match probability on the links that tie the cohort record to the
    evidence records: 1.0 when they are the same source record; else the weakest link of the
    strongest chain of links between them (int_contract_link_confidence); for an event of several
    records, the lowest of them. -#}

with

outcomes as (

    select * from {{ ref('int_contract_outcomes_long') }}
    where status in ('achieved', 'not_achieved')

),

links as (

    select * from {{ ref('int_contract_link_confidence') }}

),

exploded as (

    select
        outcomes.contract_id,
        outcomes.outcome_id,
        outcomes.unit_id,
        unnest(outcomes.evidence) as evidence_event
    from outcomes

),

events as (

    select
        exploded.contract_id,
        exploded.outcome_id,
        exploded.unit_id,
        struct_extract(exploded.evidence_event, 'evidence_type') as evidence_type,
        struct_extract(exploded.evidence_event, 'source_system') as source_system,
        struct_extract(exploded.evidence_event, 'source_record_ids') as source_record_ids,
        struct_extract(exploded.evidence_event, 'evidence_record_keys') as evidence_record_keys,
        struct_extract(exploded.evidence_event, 'anchor_record_key') as anchor_record_key,
        struct_extract(exploded.evidence_event, 'event_date') as event_date,
        struct_extract(exploded.evidence_event, 'event_detail') as event_detail
    from exploded

),

event_keys as (

    select
        events.*,
        unnest(events.evidence_record_keys) as evidence_record_key
    from events

),

confidence as (

    select
        event_keys.contract_id,
        event_keys.outcome_id,
        event_keys.unit_id,
        event_keys.evidence_type,
        event_keys.event_date,
        event_keys.event_detail,
        min(
            case
                when event_keys.evidence_record_key = event_keys.anchor_record_key then 1.0
                else links.link_confidence
            end
        ) as link_confidence
    from event_keys
    left join links
        on
            event_keys.anchor_record_key = links.anchor_record_key
            and event_keys.evidence_record_key = links.evidence_record_key
    group by all

),

event_rows as (

    select
        events.contract_id,
        events.outcome_id,
        events.unit_id,
        events.evidence_type,
        events.source_system,
        array_to_string(events.source_record_ids, ',') as source_record_ids,
        array_to_string(events.evidence_record_keys, ',') as evidence_record_keys,
        events.anchor_record_key,
        events.event_date,
        events.event_detail,
        confidence.link_confidence
    from events
    inner join confidence
        on
            events.contract_id = confidence.contract_id
            and events.outcome_id = confidence.outcome_id
            and events.unit_id = confidence.unit_id
            and events.evidence_type = confidence.evidence_type
            and events.event_date is not distinct from confidence.event_date
            and events.event_detail = confidence.event_detail

),

absence_rows as (

    select
        outcomes.contract_id,
        outcomes.outcome_id,
        outcomes.unit_id,
        'no_qualifying_event' as evidence_type,
        cast(null as varchar) as source_system,
        cast(null as varchar) as source_record_ids,
        cast(null as varchar) as evidence_record_keys,
        outcomes.record_key as anchor_record_key,
        outcomes.window_end_date as event_date,
        'no qualifying event found: ' || outcomes.status_reason as event_detail,
        cast(null as double) as link_confidence
    from outcomes
    where outcomes.evidence is null or len(outcomes.evidence) = 0

),

unioned as (

    select * from event_rows
    union all
    select * from absence_rows

),

final as (

    select
        md5(
            contract_id || '|' || outcome_id || '|' || unit_id || '|' || evidence_type || '|'
            || row_number() over (
                partition by contract_id, outcome_id, unit_id
                order by evidence_type, event_date, event_detail, source_record_ids
            )
        ) as evidence_id,
        *
    from unioned

)

select * from final
