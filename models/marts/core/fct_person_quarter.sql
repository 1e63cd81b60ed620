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

    select * from {{ ref('stg_dol__ui_wage_quarters') }}

),

enrollments as (

    select * from {{ ref('stg_doe__enrollments') }}

),

as_of as (

    select max(as_of_date) as as_of_date from quarters

),

spell_bounds as (

    select
        person_keys.person_id,
        spells.service,
        {{ ids_quarter_index('spells.spell_start') }} as first_quarter_index,
        {{ ids_quarter_index('coalesce(spells.spell_end, as_of.as_of_date)') }} as last_quarter_index
    from spells
    inner join person_keys on spells.person_key = person_keys.person_key
    cross join as_of

),

spell_quarters as (

    select
        spell_bounds.person_id,
        quarters.quarter_index,
        spell_bounds.service
    from spell_bounds
    inner join quarters
        on
            spell_bounds.first_quarter_index <= quarters.quarter_index
            and spell_bounds.last_quarter_index >= quarters.quarter_index

),

-- wages of a quarter are the sum over all employers, negative adjustments included
-- (outcome_metrics.md, EMPLOYED_2OF4Q); an employer counts when its net wages are positive
wages_by_employer as (

    select
        crosswalk.person_id,
        wages.year_quarter as quarter_index,
        wages.employer_ein,
        sum(wages.wages) as employer_wages
    from wages
    inner join crosswalk
        on crosswalk.source_system = 'dol' and wages.ssn_raw = crosswalk.source_person_id
    group by crosswalk.person_id, wages.year_quarter, wages.employer_ein

),

-- DOE reports days per enrollment and school year, not per quarter: a quarter's attendance rate is
-- that of the enrollments whose [entry, exit] touches the quarter
enrollment_bounds as (

    select
        crosswalk.person_id,
        {{ ids_quarter_index('enrollments.entry_date') }} as first_quarter_index,
        {{ ids_quarter_index(
            'coalesce(enrollments.exit_date, least(enrollments.school_year_end_date, as_of.as_of_date))'
        ) }} as last_quarter_index,
        enrollments.days_enrolled,
        enrollments.days_attended
    from enrollments
    inner join crosswalk
        on crosswalk.source_system = 'doe' and enrollments.state_student_id = crosswalk.source_person_id
    cross join as_of

),

enrollment_quarters as (

    select
        enrollment_bounds.person_id,
        quarters.quarter_index,
        enrollment_bounds.days_enrolled,
        enrollment_bounds.days_attended
    from enrollment_bounds
    inner join quarters
        on
            enrollment_bounds.first_quarter_index <= quarters.quarter_index
            and enrollment_bounds.last_quarter_index >= quarters.quarter_index

),

-- one stream of person-quarter facts on the short internal person_id, aggregated once (no
-- distinct union, no joins back); the 64-character person_key is attached at the end
quarter_facts as (

    select
        person_id,
        quarter_index,
        service,
        cast(null as decimal(18, 2)) as employer_wages,
        false as is_wage_row,
        cast(null as integer) as days_enrolled,
        cast(null as integer) as days_attended
    from spell_quarters

    union all

    select
        person_id,
        quarter_index,
        cast(null as varchar) as service,
        employer_wages,
        true as is_wage_row,
        cast(null as integer) as days_enrolled,
        cast(null as integer) as days_attended
    from wages_by_employer

    union all

    select
        person_id,
        quarter_index,
        cast(null as varchar) as service,
        cast(null as decimal(18, 2)) as employer_wages,
        false as is_wage_row,
        days_enrolled,
        days_attended
    from enrollment_quarters

),

person_quarters as (

    select
        person_id,
        quarter_index,
        coalesce(bool_or(service = 'TANF'), false) as has_tanf,
        coalesce(bool_or(service = 'SNAP'), false) as has_snap,
        coalesce(bool_or(service = 'MEDICAID'), false) as has_medicaid,
        coalesce(bool_or(service = 'CHIP'), false) as has_chip,
        coalesce(bool_or(service = 'CHILD_CARE_SUBSIDY'), false) as has_child_care_subsidy,
        coalesce(bool_or(service = 'SCHOOL_ENROLLMENT'), false) as is_enrolled_in_school,
        coalesce(bool_or(service = 'HOMELESS_PROJECT'), false) as in_homeless_project,
        coalesce(bool_or(service = 'HOUSING_PROJECT'), false) as in_housing_project,
        coalesce(bool_or(service = 'OUT_OF_HOME_CARE'), false) as is_in_care,
        coalesce(bool_or(service = 'FADSS'), false) as in_fadss,
        bool_or(is_wage_row) as has_wage_record,
        coalesce(sum(employer_wages), 0) as ui_wages,
        count(case when employer_wages > 0 then 1 end) as n_employers,
        sum(days_enrolled) as days_enrolled,
        sum(days_attended) as days_attended
    from quarter_facts
    group by person_id, quarter_index

),

key_dobs as (

    select
        person_keys.person_id,
        person_keys.person_key,
        persons.dob
    from person_keys
    left join persons on person_keys.person_id = persons.person_id

),

final as (

    select
        key_dobs.person_key,
        quarters.quarter_index,
        quarters.quarter_label,
        quarters.calendar_year,
        quarters.calendar_quarter,
        quarters.quarter_start_date,
        cast({{ ids_age_on('key_dobs.dob', 'quarters.quarter_start_date') }} as integer) as age,
        person_quarters.has_tanf,
        person_quarters.has_snap,
        person_quarters.has_medicaid,
        person_quarters.has_chip,
        person_quarters.has_child_care_subsidy,
        person_quarters.is_enrolled_in_school,
        person_quarters.in_homeless_project,
        person_quarters.in_housing_project,
        person_quarters.is_in_care,
        person_quarters.in_fadss,
        cast(
            {%- for flag in ['has_tanf', 'has_snap', 'has_medicaid', 'has_chip', 'has_child_care_subsidy',
                'is_enrolled_in_school', 'in_homeless_project', 'in_housing_project', 'is_in_care', 'in_fadss'] %}
            cast(person_quarters.{{ flag }} as integer){% if not loop.last %} +{% endif %}
            {%- endfor %}
            as integer
        ) as n_services,
        person_quarters.has_wage_record,
        cast(person_quarters.ui_wages as decimal(18, 2)) as ui_wages,
        cast(person_quarters.n_employers as integer) as n_employers,
        person_quarters.ui_wages > 0 as is_employed,
        cast(person_quarters.days_enrolled as integer) as days_enrolled,
        cast(person_quarters.days_attended as integer) as days_attended,
        cast(
            case
                when person_quarters.days_enrolled > 0
                    then person_quarters.days_attended / person_quarters.days_enrolled
            end as decimal(5, 4)
        ) as attendance_rate
    from person_quarters
    inner join quarters on person_quarters.quarter_index = quarters.quarter_index
    inner join key_dobs on person_quarters.person_id = key_dobs.person_id

)

select * from final
