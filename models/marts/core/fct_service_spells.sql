{#- One row per person per program spell in any agency. Source rows of one person and one program
    (service and service_type) that overlap or touch (the next starts at most one day after the
    latest end so far) are merged into one spell by gaps and islands over window functions; a
    spell is open when any of its rows is open. -#}

with

crosswalk as (

    select
        source_system,
        source_person_id,
        person_id
    from {{ ref('person_crosswalk') }}

),

person_keys as (

    select * from {{ ref('person_key_map') }}

),

persons as (

    select
        person_id,
        dob
    from {{ ref('person_index') }}

),

dhs as (

    select * from {{ ref('stg_dhs__case_members') }}

),

ece as (

    select * from {{ ref('stg_ece__subsidy_authorizations') }}

),

doe as (

    select * from {{ ref('stg_doe__enrollments') }}

),

dcf as (

    select * from {{ ref('stg_dcf__removals') }}

),

mcd as (

    select * from {{ ref('stg_mcd__eligibility') }}

),

hmis as (

    select * from {{ ref('stg_hmis__enrollment') }}

),

fadss as (

    select * from {{ ref('stg_fadss__enrollments') }}

),

source_rows as (

    select
        'dhs' as source_system,
        client_id as source_person_id,
        'dhs' as agency,
        program as service,
        'ALL' as service_type,
        spell_start as row_start,
        spell_end as row_end
    from dhs

    union all

    select
        'ece' as source_system,
        child_person_id as source_person_id,
        'ece' as agency,
        'CHILD_CARE_SUBSIDY' as service,
        'ALL' as service_type,
        auth_start as row_start,
        auth_end as row_end
    from ece

    -- an enrollment without exit date is current (spec); one left open in a school year that has
    -- ended closes on the school year's last day, so a forgotten exit never runs on for years
    union all

    select
        'doe' as source_system,
        state_student_id as source_person_id,
        'doe' as agency,
        'SCHOOL_ENROLLMENT' as service,
        'ALL' as service_type,
        entry_date as row_start,
        case
            when exit_date is not null then exit_date
            when school_year_end_date < {{ ids_marts_as_of_date() }} then school_year_end_date
        end as row_end
    from doe

    union all

    select
        'dcf' as source_system,
        dcf_person_id as source_person_id,
        'dcf' as agency,
        'OUT_OF_HOME_CARE' as service,
        'ALL' as service_type,
        removal_date as row_start,
        discharge_date as row_end
    from dcf

    union all

    select
        'mcd' as source_system,
        medicaid_id as source_person_id,
        'mcd' as agency,
        case when eligibility_group = 'CHIP' then 'CHIP' else 'MEDICAID' end as service,
        eligibility_group as service_type,
        elig_start as row_start,
        elig_end as row_end
    from mcd

    union all

    select
        'hmis' as source_system,
        personal_id as source_person_id,
        'hmis' as agency,
        case
            when project_type in (0, 1, 2, 4) then 'HOMELESS_PROJECT'
            else 'HOUSING_PROJECT'
        end as service,
        case project_type
            when 0 then 'ES_ENTRY_EXIT'
            when 1 then 'ES_NIGHT_BY_NIGHT'
            when 2 then 'TRANSITIONAL_HOUSING'
            when 3 then 'PERMANENT_SUPPORTIVE_HOUSING'
            when 4 then 'STREET_OUTREACH'
            when 13 then 'RAPID_REHOUSING'
            else 'PROJECT_TYPE_' || cast(project_type as varchar)
        end as service_type,
        entry_date as row_start,
        exit_date as row_end
    from hmis

    union all

    select
        'fadss' as source_system,
        participant_id as source_person_id,
        'fadss' as agency,
        'FADSS' as service,
        'ALL' as service_type,
        enroll_date as row_start,
        exit_date as row_end
    from fadss

),

linked_rows as (

    select
        crosswalk.person_id,
        source_rows.agency,
        source_rows.service,
        source_rows.service_type,
        source_rows.row_start,
        source_rows.row_end,
        coalesce(source_rows.row_end, cast('9999-12-31' as date)) as row_end_or_open
    from source_rows
    inner join crosswalk
        on
            source_rows.source_system = crosswalk.source_system
            and source_rows.source_person_id = crosswalk.source_person_id

),

ordered as (

    select
        *,
        max(row_end_or_open) over (
            partition by person_id, service, service_type
            order by row_start, row_end_or_open
            rows between unbounded preceding and 1 preceding
        ) as latest_end_before
    from linked_rows

),

flagged as (

    select
        *,
        case
            when latest_end_before is null then 1
            when row_start > {{ dbt.dateadd('day', 1, 'latest_end_before') }} then 1
            else 0
        end as starts_spell
    from ordered

),

numbered as (

    select
        *,
        sum(starts_spell) over (
            partition by person_id, service, service_type
            order by row_start, row_end_or_open
            rows between unbounded preceding and current row
        ) as spell_number
    from flagged

),

merged as (

    select
        person_id,
        agency,
        service,
        service_type,
        spell_number,
        min(row_start) as spell_start,
        max(row_end_or_open) as spell_end_or_open,
        count(*) as n_source_rows
    from numbered
    group by person_id, agency, service, service_type, spell_number

),

final as (

    select
        person_keys.person_key,
        merged.agency,
        merged.service,
        merged.service_type,
        cast(merged.spell_number as integer) as spell_number,
        merged.spell_start,
        case when merged.spell_end_or_open < cast('9999-12-31' as date) then merged.spell_end_or_open end
            as spell_end,
        merged.spell_end_or_open = cast('9999-12-31' as date) as is_open,
        cast({{ ids_age_on('persons.dob', 'merged.spell_start') }} as integer) as age_at_start,
        cast(merged.n_source_rows as integer) as n_source_rows
    from merged
    inner join person_keys on merged.person_id = person_keys.person_id
    left join persons on merged.person_id = persons.person_id

)

select * from final
