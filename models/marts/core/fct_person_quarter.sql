{#- A panel of every linked person x calendar quarter in which the person is observed: a service
    spell, a UI wage row or a school enrollment touches the quarter. Built from the quarter spine
    (dim_quarter, which ends at the as-of quarter): each spell meets the quarters between the
    quarter of its start and the quarter of its end (open: the as-of quarter), by quarter index. -#}

with

quarters as (

    select * from {{ ref('dim_quarter') }}

),

spells as (

    select * from {{ ref('fct_service_spells') }}

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

crosswalk as (

    select
        source_system,
        source_person_id,
        person_id
    from {{ ref('person_crosswalk') }}

),

wages as (

    select * from {{ ref('stg_dol__ui_wages') }}

),

enrollments as (

    select * from {{ ref('stg_doe__enrollments') }}

),

as_of as (

    select max(as_of_date) as as_of_date from quarters

),

spell_quarters as (

    select
        spells.person_key,
        quarters.quarter_index,
        spells.service
    from spells
    inner join quarters
        on
            quarters.quarter_index >= {{ ids_quarter_index('spells.spell_start') }}
            and quarters.quarter_index
            <= {{ ids_quarter_index('coalesce(spells.spell_end, quarters.as_of_date)') }}

),

services_by_quarter as (

    select
        person_key,
        quarter_index,
        bool_or(service = 'TANF') as has_tanf,
        bool_or(service = 'SNAP') as has_snap,
        bool_or(service = 'MEDICAID') as has_medicaid,
        bool_or(service = 'CHIP') as has_chip,
        bool_or(service = 'CHILD_CARE_SUBSIDY') as has_child_care_subsidy,
        bool_or(service = 'SCHOOL_ENROLLMENT') as is_enrolled_in_school,
        bool_or(service = 'HOMELESS_PROJECT') as in_homeless_project,
        bool_or(service = 'HOUSING_PROJECT') as in_housing_project,
        bool_or(service = 'OUT_OF_HOME_CARE') as is_in_care,
        bool_or(service = 'FADSS') as in_fadss,
        count(distinct service) as n_services
    from spell_quarters
    group by person_key, quarter_index

),

linked_wages as (

    select
        person_keys.person_key,
        wages.year_quarter as quarter_index,
        wages.employer_ein,
        wages.wages
    from wages
    inner join crosswalk
        on crosswalk.source_system = 'dol' and wages.ssn_raw = crosswalk.source_person_id
    inner join person_keys on crosswalk.person_id = person_keys.person_id

),

-- wages of a quarter are the sum over all employers, negative adjustments included
-- (outcome_metrics.md, EMPLOYED_2OF4Q); an employer counts when its net wages are positive
wages_by_employer as (

    select
        person_key,
        quarter_index,
        employer_ein,
        sum(wages) as employer_wages
    from linked_wages
    group by person_key, quarter_index, employer_ein

),

wages_by_quarter as (

    select
        person_key,
        quarter_index,
        sum(employer_wages) as ui_wages,
        count(case when employer_wages > 0 then 1 end) as n_employers
    from wages_by_employer
    group by person_key, quarter_index

),

-- DOE reports days per enrollment and school year, not per quarter: a quarter's attendance rate is
-- that of the enrollments whose [entry, exit] touches the quarter
linked_enrollments as (

    select
        person_keys.person_key,
        enrollments.entry_date,
        coalesce(
            enrollments.exit_date,
            least(enrollments.school_year_end_date, as_of.as_of_date)
        ) as enrollment_end,
        enrollments.days_enrolled,
        enrollments.days_attended
    from enrollments
    inner join crosswalk
        on crosswalk.source_system = 'doe' and enrollments.state_student_id = crosswalk.source_person_id
    inner join person_keys on crosswalk.person_id = person_keys.person_id
    cross join as_of

),

attendance_by_quarter as (

    select
        linked_enrollments.person_key,
        quarters.quarter_index,
        sum(linked_enrollments.days_enrolled) as days_enrolled,
        sum(linked_enrollments.days_attended) as days_attended
    from linked_enrollments
    inner join quarters
        on
            quarters.quarter_index >= {{ ids_quarter_index('linked_enrollments.entry_date') }}
            and quarters.quarter_index <= {{ ids_quarter_index('linked_enrollments.enrollment_end') }}
    group by linked_enrollments.person_key, quarters.quarter_index

),

observed as (

    select
        person_key,
        quarter_index
    from services_by_quarter
    union
    select
        person_key,
        quarter_index
    from wages_by_quarter
    union
    select
        person_key,
        quarter_index
    from attendance_by_quarter

),

key_dobs as (

    select
        person_keys.person_key,
        persons.dob
    from person_keys
    inner join persons on person_keys.person_id = persons.person_id

),

final as (

    select
        observed.person_key,
        quarters.quarter_index,
        quarters.quarter_label,
        quarters.calendar_year,
        quarters.calendar_quarter,
        quarters.quarter_start_date,
        cast({{ ids_age_on('key_dobs.dob', 'quarters.quarter_start_date') }} as integer) as age,
        coalesce(services_by_quarter.has_tanf, false) as has_tanf,
        coalesce(services_by_quarter.has_snap, false) as has_snap,
        coalesce(services_by_quarter.has_medicaid, false) as has_medicaid,
        coalesce(services_by_quarter.has_chip, false) as has_chip,
        coalesce(services_by_quarter.has_child_care_subsidy, false) as has_child_care_subsidy,
        coalesce(services_by_quarter.is_enrolled_in_school, false) as is_enrolled_in_school,
        coalesce(services_by_quarter.in_homeless_project, false) as in_homeless_project,
        coalesce(services_by_quarter.in_housing_project, false) as in_housing_project,
        coalesce(services_by_quarter.is_in_care, false) as is_in_care,
        coalesce(services_by_quarter.in_fadss, false) as in_fadss,
        cast(coalesce(services_by_quarter.n_services, 0) as integer) as n_services,
        wages_by_quarter.person_key is not null as has_wage_record,
        cast(coalesce(wages_by_quarter.ui_wages, 0) as decimal(18, 2)) as ui_wages,
        cast(coalesce(wages_by_quarter.n_employers, 0) as integer) as n_employers,
        coalesce(wages_by_quarter.ui_wages > 0, false) as is_employed,
        cast(attendance_by_quarter.days_enrolled as integer) as days_enrolled,
        cast(attendance_by_quarter.days_attended as integer) as days_attended,
        cast(
            case
                when attendance_by_quarter.days_enrolled > 0
                    then attendance_by_quarter.days_attended / attendance_by_quarter.days_enrolled
            end as decimal(5, 4)
        ) as attendance_rate
    from observed
    inner join quarters on observed.quarter_index = quarters.quarter_index
    left join services_by_quarter
        on
            observed.person_key = services_by_quarter.person_key
            and observed.quarter_index = services_by_quarter.quarter_index
    left join wages_by_quarter
        on
            observed.person_key = wages_by_quarter.person_key
            and observed.quarter_index = wages_by_quarter.quarter_index
    left join attendance_by_quarter
        on
            observed.person_key = attendance_by_quarter.person_key
            and observed.quarter_index = attendance_by_quarter.quarter_index
    left join key_dobs on observed.person_key = key_dobs.person_key

)

select * from final
