{#- NO_RETURN_HOMELESS_12M measure: not achieved as soon as the person (through linkage, in any project
    of the system) has another HMIS enrollment in a homeless project (ProjectType 0, 1, 2, 4) with
    EntryDate in [exit, exit + window_months]; pending without an exit, or while the window ends
    after as_of_date and no return is seen; else achieved. -#}

with

denominator as (

    select * from {{ ref('int_outcome_no_return_homeless_12m__denominator') }}

),

exclusions as (

    select * from {{ ref('int_outcome_no_return_homeless_12m__exclusions') }}

),

crosswalk as (

    select * from {{ ref('person_crosswalk') }}
    where source_system = 'hmis'

),

hmis as (

    select * from {{ ref('stg_hmis__enrollment') }}

),

measured_units as (

    select denominator.*
    from denominator
    left join exclusions
        on
            denominator.contract_id = exclusions.contract_id
            and denominator.outcome_id = exclusions.outcome_id
            and denominator.unit_id = exclusions.unit_id
    where exclusions.unit_id is null

),

returns as (

    select
        measured_units.contract_id,
        measured_units.outcome_id,
        measured_units.unit_id,
        min(hmis.entry_date) as first_return_date,
        list(
            {
                'evidence_type': 'homeless_enrollment',
                'source_system': 'hmis',
                'source_record_ids': [hmis.enrollment_record_id],
                'evidence_record_keys': [crosswalk.record_key],
                'anchor_record_key': measured_units.record_key,
                'event_date': hmis.entry_date,
                'event_detail': 'enrollment ' || hmis.enrollment_id || ' in project ' || hmis.project_id
                || ' (type ' || hmis.project_type || ') entered ' || cast(hmis.entry_date as varchar)
            }
            order by hmis.entry_date, hmis.enrollment_id
        ) as evidence
    from measured_units
    inner join crosswalk on measured_units.person_id = crosswalk.person_id
    inner join hmis
        on
            crosswalk.source_person_id = hmis.personal_id
            and hmis.project_type in {{ ids_homeless_project_types() }}
            and hmis.entry_date between measured_units.exit_date and measured_units.window_end_date
            and measured_units.source_row_id != hmis.enrollment_id
    group by measured_units.contract_id, measured_units.outcome_id, measured_units.unit_id

),

statused as (

    select
        measured_units.*,
        returns.first_return_date,
        returns.evidence,
        case
            when measured_units.exit_date is null then 'pending'
            when returns.first_return_date is not null then 'not_achieved'
            when measured_units.window_end_date > measured_units.as_of_date then 'pending'
            else 'achieved'
        end as status
    from measured_units
    left join returns
        on
            measured_units.contract_id = returns.contract_id
            and measured_units.outcome_id = returns.outcome_id
            and measured_units.unit_id = returns.unit_id

),

final as (

    select
        contract_id,
        outcome_id,
        unit_id,
        status,
        case
            when status = 'pending' and exit_date is null then 'no exit yet'
            when status = 'pending' then 'window ends after as_of_date; no return seen yet'
            when status = 'not_achieved' then 'homeless enrollment ' || {{ dbt.datediff('exit_date', 'first_return_date', 'day') }} || ' days after exit'
            else 'no homeless enrollment within the window'
        end as status_reason,
        case
            when status = 'not_achieved'
                then cast({{ dbt.datediff('exit_date', 'first_return_date', 'day') }} as decimal(18, 6))
        end as outcome_value,
        case
            when status = 'not_achieved' then first_return_date
            when status = 'achieved' then window_end_date
        end as decided_on,
        evidence
    from statused

)

select * from final
