{#- For every decided contract outcome (achieved or not_achieved), the events that decided it: which
    wage quarters, which TANF spell, enrollment, removal, assessment or claim, or, when the outcome is
    that nothing happened, one row saying no qualifying event was found. Restricted zone.

    link_confidence approximates the lowest match probability on the links that tie the cohort
    record to the evidence record: 1.0 when they are the same source record; else the match
    probability of the direct candidate pair between the two records when one was scored; else the
    lowest probability among the linked pairs (p >= 0.5, no veto) inside the person's cluster. -#}

with

outcomes as (

    select * from {{ ref('int_contract_outcomes_long') }}
    where status in ('achieved', 'not_achieved')

),

crosswalk as (

    select * from {{ ref('person_crosswalk') }}

),

pairs as (

    select
        candidates.record_key_l,
        candidates.record_key_r,
        least(candidates.record_key_l, candidates.record_key_r) as record_key_low,
        greatest(candidates.record_key_l, candidates.record_key_r) as record_key_high,
        scored.match_probability,
        scored.link_veto
    from {{ ref('int_scored_pairs') }} as scored
    inner join {{ ref('int_candidate_pairs') }} as candidates on scored.pair_id = candidates.pair_id

),

person_weakest_link as (

    select
        crosswalk_l.person_id,
        min(pairs.match_probability) as min_link_probability
    from pairs
    inner join crosswalk as crosswalk_l on pairs.record_key_l = crosswalk_l.record_key
    inner join crosswalk as crosswalk_r on pairs.record_key_r = crosswalk_r.record_key
    where
        crosswalk_l.person_id = crosswalk_r.person_id
        and pairs.match_probability >= 0.5
        and pairs.link_veto is null
    group by crosswalk_l.person_id

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
                else coalesce(direct.match_probability, person_weakest_link.min_link_probability, 1.0)
            end
        ) as link_confidence
    from event_keys
    left join pairs as direct
        on
            least(event_keys.anchor_record_key, event_keys.evidence_record_key) = direct.record_key_low
            and greatest(event_keys.anchor_record_key, event_keys.evidence_record_key) = direct.record_key_high
    left join crosswalk on event_keys.evidence_record_key = crosswalk.record_key
    left join person_weakest_link on crosswalk.person_id = person_weakest_link.person_id
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
