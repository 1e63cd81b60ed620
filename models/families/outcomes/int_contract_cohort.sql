{#- The initial population of every contract (outcome_metrics.md, "Cohorts"): one row per contract and
    unit. A unit is a person (person_id after linkage: two source ids of one person are one member) or,
    for FaDSS, also a family (the provider's family_id with its provider_id). Each unit enters once,
    with its earliest qualifying row; ties: the earliest exit (an open row's exit is last), then the
    smallest source row id. -#}

with

contracts as (

    select * from {{ ref('stg_contracts__contracts') }}

),

crosswalk as (

    select * from {{ ref('person_crosswalk') }}

),

person_index as (

    select * from {{ ref('person_index') }}

),

fadss as (

    select * from {{ ref('stg_fadss__enrollments') }}

),

hmis as (

    select * from {{ ref('stg_hmis__enrollment') }}

),

ece as (

    select * from {{ ref('stg_ece__subsidy_authorizations') }}

),

fadss_rows as (

    select
        contracts.contract_id,
        contracts.program,
        contracts.provider_id,
        crosswalk.person_id,
        crosswalk.record_key,
        fadss.participant_id as client_id,
        fadss.provider_id || '|' || fadss.family_id as family_unit_id,
        fadss.family_id,
        fadss.role,
        fadss.enroll_date as entry_date,
        fadss.exit_date,
        cast(null as integer) as exit_destination,
        fadss.participant_id || '|' || lpad(cast(fadss.source_row_number as varchar), 12, '0') as source_row_id
    from contracts
    inner join fadss
        on
            contracts.program = 'FADSS'
            and contracts.provider_id = fadss.provider_id
            and contracts.start_date <= fadss.enroll_date
            and contracts.end_date >= fadss.enroll_date
    inner join crosswalk
        on fadss.participant_id = crosswalk.source_person_id and crosswalk.source_system = 'fadss'

),

hmis_rows as (

    select
        contracts.contract_id,
        contracts.program,
        contracts.provider_id,
        crosswalk.person_id,
        crosswalk.record_key,
        hmis.personal_id as client_id,
        cast(null as varchar) as family_unit_id,
        cast(null as varchar) as family_id,
        cast(null as varchar) as role,  -- noqa: RF04
        hmis.entry_date,
        hmis.exit_date,
        hmis.destination as exit_destination,
        hmis.enrollment_id as source_row_id
    from contracts
    inner join hmis
        on
            contracts.program = 'PSH'
            and contracts.provider_id = hmis.project_id
            and contracts.start_date <= hmis.entry_date
            and contracts.end_date >= hmis.entry_date
    inner join crosswalk
        on hmis.personal_id = crosswalk.source_person_id and crosswalk.source_system = 'hmis'

),

ece_rows as (

    select
        contracts.contract_id,
        contracts.program,
        contracts.provider_id,
        crosswalk.person_id,
        crosswalk.record_key,
        ece.child_person_id as client_id,
        cast(null as varchar) as family_unit_id,
        cast(null as varchar) as family_id,
        cast(null as varchar) as role,  -- noqa: RF04
        ece.auth_start as entry_date,
        ece.auth_end as exit_date,
        cast(null as integer) as exit_destination,
        ece.authorization_id as source_row_id
    from contracts
    inner join ece
        on
            contracts.program = 'ECE'
            and contracts.provider_id = ece.provider_id
            and contracts.start_date <= ece.auth_start
            and contracts.end_date >= ece.auth_start
    inner join crosswalk
        on ece.child_person_id = crosswalk.source_person_id and crosswalk.source_system = 'ece'

),

qualifying_rows as (

    select * from fadss_rows
    union all
    select * from hmis_rows
    union all
    select * from ece_rows

),

-- ECE: entry is the earliest auth_start of the child's qualifying rows, exit the latest auth_end
-- (open while any qualifying authorization is open); FaDSS and PSH take the earliest row's dates.
person_spans as (

    select
        contract_id,
        person_id,
        min(entry_date) as first_entry_date,
        case when bool_or(exit_date is null) then null else max(exit_date) end as last_exit_date,
        list(distinct client_id order by client_id) as client_ids
    from qualifying_rows
    group by contract_id, person_id

),

person_first_row as (

    select * from qualifying_rows
    qualify row_number() over (
        partition by contract_id, person_id
        order by entry_date asc, exit_date asc nulls last, source_row_id asc
    ) = 1

),

person_units as (

    select
        person_first_row.contract_id,
        person_first_row.program,
        person_first_row.provider_id,
        'person' as unit_type,
        person_first_row.person_id as unit_id,
        person_first_row.person_id,
        person_first_row.record_key,
        person_first_row.client_id,
        person_spans.client_ids,
        person_first_row.family_id,
        person_first_row.role,
        person_first_row.source_row_id,
        person_first_row.entry_date,
        case
            when person_first_row.program = 'ECE' then person_spans.last_exit_date
            else person_first_row.exit_date
        end as exit_date,
        person_first_row.exit_destination
    from person_first_row
    inner join person_spans
        on
            person_first_row.contract_id = person_spans.contract_id
            and person_first_row.person_id = person_spans.person_id

),

family_units as (

    select
        contract_id,
        any_value(program) as program,  -- noqa: RF04
        any_value(provider_id) as provider_id,
        'family' as unit_type,
        family_unit_id as unit_id,
        cast(null as varchar) as person_id,
        cast(null as varchar) as record_key,
        any_value(family_id) as client_id,
        list(distinct client_id order by client_id) as client_ids,
        any_value(family_id) as family_id,
        cast(null as varchar) as role,  -- noqa: RF04
        min(source_row_id) as source_row_id,
        min(entry_date) as entry_date,
        case when bool_or(exit_date is null) then null else max(exit_date) end as exit_date,
        cast(null as integer) as exit_destination
    from qualifying_rows
    where program = 'FADSS'
    group by contract_id, family_unit_id

),

units as (

    select * from person_units
    union all
    select * from family_units

),

final as (

    select
        units.*,
        person_index.dob,
        {{ ids_age_on('person_index.dob', 'units.entry_date') }} as age_at_entry,
        case
            when units.unit_type = 'family' then null
            when units.program = 'FADSS' then units.role in ('PRIMARY_ADULT', 'SECONDARY_ADULT')
            when units.program = 'PSH' then {{ ids_age_on('person_index.dob', 'units.entry_date') }} >= 18
            else false
        end as is_adult,
        case
            when units.unit_type = 'family' then null
            when units.program = 'FADSS' then units.role = 'CHILD'
            when units.program = 'PSH' then {{ ids_age_on('person_index.dob', 'units.entry_date') }} < 18
            else true
        end as is_child
    from units
    left join person_index on units.person_id = person_index.person_id

)

select * from final
