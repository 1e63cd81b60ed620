{#- NO_REMOVAL_12M measure: not achieved as soon as a dcf_removals episode of the ECE child, or of any
    FaDSS participant with role CHILD in the family, has removal_date in [entry, entry +
    window_months]; achieved once the window has ended on or before as_of_date; pending otherwise.
    Never not measurable. -#}

with

denominator as (

    select * from {{ ref('int_outcome_no_removal_12m__denominator') }}

),

members as (

    select * from {{ ref('int_contract_family_members') }}

),

crosswalk as (

    select * from {{ ref('person_crosswalk') }}
    where source_system = 'dcf'

),

removals as (

    select * from {{ ref('stg_dcf__removals') }}

),

children as (

    select
        denominator.contract_id,
        denominator.outcome_id,
        denominator.unit_id,
        denominator.person_id as child_person_id,
        denominator.record_key as anchor_record_key
    from denominator
    where denominator.unit_type = 'person'
    union all
    select
        denominator.contract_id,
        denominator.outcome_id,
        denominator.unit_id,
        members.person_id as child_person_id,
        members.record_key as anchor_record_key
    from denominator
    inner join members
        on
            denominator.contract_id = members.contract_id
            and denominator.unit_id = members.unit_id
            and members.is_child
    where denominator.unit_type = 'family'

),

window_removals as (

    select
        children.contract_id,
        children.outcome_id,
        children.unit_id,
        count(*) as n_removals,
        min(removals.removal_date) as first_removal_date,
        list(
            {
                'evidence_type': 'dcf_removal',
                'source_system': 'dcf',
                'source_record_ids': [removals.removal_record_id],
                'evidence_record_keys': [crosswalk.record_key],
                'anchor_record_key': children.anchor_record_key,
                'event_date': removals.removal_date,
                'event_detail': 'removal ' || removals.removal_id || ' on ' || cast(removals.removal_date as varchar)
            }
            order by removals.removal_date, removals.removal_id
        ) as evidence
    from children
    inner join denominator
        on
            children.contract_id = denominator.contract_id
            and children.outcome_id = denominator.outcome_id
            and children.unit_id = denominator.unit_id
    inner join crosswalk on children.child_person_id = crosswalk.person_id
    inner join removals
        on
            crosswalk.source_person_id = removals.dcf_person_id
            and removals.removal_date between denominator.entry_date and denominator.window_end_date
    group by children.contract_id, children.outcome_id, children.unit_id

),

statused as (

    select
        denominator.*,
        coalesce(window_removals.n_removals, 0) as n_removals,
        window_removals.first_removal_date,
        window_removals.evidence,
        case
            when window_removals.n_removals > 0 then 'not_achieved'
            when denominator.window_end_date <= denominator.as_of_date then 'achieved'
            else 'pending'
        end as status
    from denominator
    left join window_removals
        on
            denominator.contract_id = window_removals.contract_id
            and denominator.outcome_id = window_removals.outcome_id
            and denominator.unit_id = window_removals.unit_id

),

final as (

    select
        contract_id,
        outcome_id,
        unit_id,
        status,
        case
            when status = 'not_achieved' then n_removals || ' removal(s) within the window after entry'
            when status = 'achieved' then 'no removal within the window after entry'
            else 'window ends after as_of_date; no removal seen yet'
        end as status_reason,
        case when status != 'pending' then cast(n_removals as decimal(18, 6)) end as outcome_value,
        case
            when status = 'not_achieved' then first_removal_date
            when status = 'achieved' then window_end_date
        end as decided_on,
        evidence
    from statused

)

select * from final
