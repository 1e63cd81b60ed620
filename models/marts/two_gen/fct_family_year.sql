{#- Two generations side by side: one row per family and calendar year in which a member is observed
    (fct_person_quarter). Members are those of family_crosswalk born by the end of the year. Parents
    are the caregiving generation (role PARENT or GRANDPARENT), children role CHILD. Adult or child
    for the household type is by age on Dec 31 of the year (HUD LSA: adult 18+); members of unknown
    age do not decide it, and with no known age it is UNKNOWN. School outcomes are those of the
    school year that ends in the year (Aug 15 of year - 1 to Jun 15 of year). -#}

with

family_crosswalk as (

    select
        person_id,
        family_id,
        role_in_family
    from {{ ref('family_crosswalk') }}

),

family_keys as (

    select * from {{ ref('family_key_map') }}

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

panel as (

    select * from {{ ref('fct_person_quarter') }}

),

spells as (

    select * from {{ ref('fct_service_spells') }}

),

quarters as (

    select * from {{ ref('dim_quarter') }}

),

enrollments as (

    select * from {{ ref('stg_doe__enrollments') }}

),

assessments as (

    select * from {{ ref('stg_doe__assessments') }}

),

claims as (

    select * from {{ ref('stg_mcd__claims') }}

),

removals as (

    select * from {{ ref('stg_dcf__removals') }}

),

as_of as (

    select max(as_of_date) as as_of_date from quarters

),

members as (

    select
        family_crosswalk.person_id,
        person_keys.person_key,
        family_keys.family_key,
        family_crosswalk.role_in_family,
        persons.dob
    from family_crosswalk
    inner join person_keys on family_crosswalk.person_id = person_keys.person_id
    inner join family_keys on family_crosswalk.family_id = family_keys.family_id
    left join persons on family_crosswalk.person_id = persons.person_id

),

-- the panel once per person and year (four times fewer rows to join than quarters)
person_years as (

    select
        person_key,
        calendar_year,
        sum(case when is_employed then 1 else 0 end) as employed_quarters,
        sum(ui_wages) as ui_wages,
        bool_or(is_in_care) as was_in_care
    from panel
    group by person_key, calendar_year

),

family_years as (

    select distinct
        members.family_key,
        person_years.calendar_year
    from person_years
    inner join members on person_years.person_key = members.person_key

),

member_years as (

    select
        family_years.family_key,
        family_years.calendar_year,
        members.person_id,
        members.person_key,
        members.role_in_family,
        members.role_in_family in ('PARENT', 'GRANDPARENT') as is_parent,
        members.role_in_family = 'CHILD' as is_child,
        {{ ids_age_on('members.dob', 'make_date(family_years.calendar_year, 12, 31)') }} as age_end_of_year
    from family_years
    inner join members on family_years.family_key = members.family_key
    where members.dob is null or extract(year from members.dob) <= family_years.calendar_year

),

household as (

    select
        family_key,
        calendar_year,
        count(*) as n_members,
        count(case when age_end_of_year >= 18 then 1 end) as n_adults,
        count(case when age_end_of_year < 18 then 1 end) as n_minors,
        count(case when age_end_of_year is null then 1 end) as n_age_unknown,
        count(case when is_parent then 1 end) as n_parents,
        count(case when is_child then 1 end) as n_children,
        count(case when is_child and age_end_of_year < 6 then 1 end) as n_children_under_6
    from member_years
    group by family_key, calendar_year

),

-- parents: employment and earnings from the quarter panel
parent_quarters as (

    select
        member_years.family_key,
        member_years.calendar_year,
        sum(person_years.employed_quarters) as parent_employed_quarters,
        sum(person_years.ui_wages) as parent_earnings
    from member_years
    inner join person_years
        on
            member_years.person_key = person_years.person_key
            and member_years.calendar_year = person_years.calendar_year
    where member_years.is_parent
    group by member_years.family_key, member_years.calendar_year

),

-- parents: months of the year in which any parent had an open TANF or SNAP spell
parent_benefit_spells as (

    select
        member_years.family_key,
        member_years.calendar_year,
        spells.service,
        greatest(spells.spell_start, make_date(member_years.calendar_year, 1, 1)) as covered_start,
        least(
            coalesce(spells.spell_end, as_of.as_of_date),
            as_of.as_of_date,
            make_date(member_years.calendar_year, 12, 31)
        ) as covered_end
    from member_years
    inner join spells on member_years.person_key = spells.person_key
    cross join as_of
    where
        member_years.is_parent
        and spells.service in ('TANF', 'SNAP')
        and spells.spell_start <= make_date(member_years.calendar_year, 12, 31)
        and coalesce(spells.spell_end, as_of.as_of_date) >= make_date(member_years.calendar_year, 1, 1)

),

parent_benefit_months as (

    select
        family_key,
        calendar_year,
        service,
        unnest(generate_series(
            cast(extract(month from covered_start) as integer),
            cast(extract(month from covered_end) as integer)
        )) as benefit_month
    from parent_benefit_spells
    where covered_start <= covered_end

),

-- distinct first, then a count (a count(distinct) per family-year holds every set in memory)
distinct_parent_benefit_months as (

    select distinct
        family_key,
        calendar_year,
        service,
        benefit_month
    from parent_benefit_months

),

parent_months as (

    select
        family_key,
        calendar_year,
        count(*) filter (where service = 'TANF') as parent_tanf_months,
        count(*) filter (where service = 'SNAP') as parent_snap_months
    from distinct_parent_benefit_months
    group by family_key, calendar_year

),

-- children: attendance of the school year that ends in the calendar year
child_attendance as (

    select
        crosswalk.person_id,
        enrollments.school_year_start + 1 as calendar_year,
        sum(enrollments.days_enrolled) as days_enrolled,
        sum(enrollments.days_attended) as days_attended
    from enrollments
    inner join crosswalk
        on crosswalk.source_system = 'doe' and enrollments.state_student_id = crosswalk.source_person_id
    group by crosswalk.person_id, enrollments.school_year_start + 1

),

child_assessments as (

    select
        crosswalk.person_id,
        assessments.school_year_start + 1 as calendar_year,
        bool_or(assessments.assessment = 'KRA') as has_kra,
        bool_or(assessments.assessment = 'KRA' and assessments.is_proficient) as is_kra_ready,
        bool_or(assessments.assessment = 'ELA3') as has_ela3,
        bool_or(assessments.assessment = 'ELA3' and assessments.is_proficient) as is_ela3_proficient,
        bool_or(assessments.assessment = 'MATH3') as has_math3,
        bool_or(assessments.assessment = 'MATH3' and assessments.is_proficient) as is_math3_proficient
    from assessments
    inner join crosswalk
        on crosswalk.source_system = 'doe' and assessments.state_student_id = crosswalk.source_person_id
    group by crosswalk.person_id, assessments.school_year_start + 1

),

child_well_visits as (

    select distinct
        crosswalk.person_id,
        cast(extract(year from claims.service_date) as integer) as calendar_year
    from claims
    inner join crosswalk on crosswalk.source_system = 'mcd' and claims.medicaid_id = crosswalk.source_person_id
    where claims.service_category = 'WELL_CHILD'

),

child_removals as (

    select distinct
        crosswalk.person_id,
        cast(extract(year from removals.removal_date) as integer) as calendar_year
    from removals
    inner join crosswalk on crosswalk.source_system = 'dcf' and removals.dcf_person_id = crosswalk.source_person_id

),

child_in_care as (

    select
        person_key,
        calendar_year
    from person_years
    where was_in_care

),

children as (

    select
        member_years.family_key,
        member_years.calendar_year,
        sum(child_attendance.days_enrolled) as children_days_enrolled,
        sum(child_attendance.days_attended) as children_days_attended,
        count(case when child_attendance.days_enrolled > 0 then 1 end) as n_children_with_attendance,
        count(
            case
                when
                    child_attendance.days_enrolled > 0
                    and child_attendance.days_attended / child_attendance.days_enrolled < 0.9
                    then 1
            end
        ) as n_children_chronically_absent,
        count(case when child_assessments.has_kra then 1 end) as n_children_kra_assessed,
        count(case when child_assessments.is_kra_ready then 1 end) as n_children_kra_ready,
        count(case when child_assessments.has_ela3 then 1 end) as n_children_grade3_ela_assessed,
        count(case when child_assessments.is_ela3_proficient then 1 end) as n_children_grade3_ela_proficient,
        count(case when child_assessments.has_math3 then 1 end) as n_children_grade3_math_assessed,
        count(case when child_assessments.is_math3_proficient then 1 end) as n_children_grade3_math_proficient,
        count(
            case when member_years.age_end_of_year < 6 and child_well_visits.person_id is not null then 1 end
        ) as n_children_under_6_with_well_child_visit,
        count(child_removals.person_id) as n_children_removed,
        count(child_in_care.person_key) as n_children_in_care
    from member_years
    left join child_attendance
        on
            member_years.person_id = child_attendance.person_id
            and member_years.calendar_year = child_attendance.calendar_year
    left join child_assessments
        on
            member_years.person_id = child_assessments.person_id
            and member_years.calendar_year = child_assessments.calendar_year
    left join child_well_visits
        on
            member_years.person_id = child_well_visits.person_id
            and member_years.calendar_year = child_well_visits.calendar_year
    left join child_removals
        on
            member_years.person_id = child_removals.person_id
            and member_years.calendar_year = child_removals.calendar_year
    left join child_in_care
        on
            member_years.person_key = child_in_care.person_key
            and member_years.calendar_year = child_in_care.calendar_year
    where member_years.is_child
    group by member_years.family_key, member_years.calendar_year

),

final as (

    select
        household.family_key,
        cast(household.calendar_year as integer) as calendar_year,

        -- household (HUD LSA household types)
        case
            when household.n_adults > 0 and household.n_minors > 0 then 'ADULT_CHILD'
            when household.n_adults > 0 then 'ADULT_ONLY'
            when household.n_minors > 0 then 'CHILD_ONLY'
            else 'UNKNOWN'
        end as household_type,
        cast(household.n_members as integer) as n_members,
        cast(household.n_adults as integer) as n_adults,
        cast(household.n_minors as integer) as n_minors,
        cast(household.n_age_unknown as integer) as n_age_unknown,

        -- parents
        cast(household.n_parents as integer) as n_parents,
        cast(coalesce(parent_quarters.parent_employed_quarters, 0) as integer) as parent_employed_quarters,
        cast(coalesce(parent_quarters.parent_earnings, 0) as decimal(18, 2)) as parent_earnings,
        cast(coalesce(parent_months.parent_tanf_months, 0) as integer) as parent_tanf_months,
        cast(coalesce(parent_months.parent_snap_months, 0) as integer) as parent_snap_months,

        -- children
        cast(household.n_children as integer) as n_children,
        cast(coalesce(children.children_days_enrolled, 0) as integer) as children_days_enrolled,
        cast(coalesce(children.children_days_attended, 0) as integer) as children_days_attended,
        cast(
            case
                when children.children_days_enrolled > 0
                    then children.children_days_attended / children.children_days_enrolled
            end as decimal(5, 4)
        ) as children_attendance_rate,
        cast(coalesce(children.n_children_with_attendance, 0) as integer) as n_children_with_attendance,
        cast(coalesce(children.n_children_chronically_absent, 0) as integer) as n_children_chronically_absent,
        cast(coalesce(children.n_children_kra_assessed, 0) as integer) as n_children_kra_assessed,
        cast(coalesce(children.n_children_kra_ready, 0) as integer) as n_children_kra_ready,
        cast(coalesce(children.n_children_grade3_ela_assessed, 0) as integer) as n_children_grade3_ela_assessed,
        cast(coalesce(children.n_children_grade3_ela_proficient, 0) as integer)
            as n_children_grade3_ela_proficient,
        cast(coalesce(children.n_children_grade3_math_assessed, 0) as integer) as n_children_grade3_math_assessed,
        cast(coalesce(children.n_children_grade3_math_proficient, 0) as integer)
            as n_children_grade3_math_proficient,
        cast(household.n_children_under_6 as integer) as n_children_under_6,
        cast(coalesce(children.n_children_under_6_with_well_child_visit, 0) as integer)
            as n_children_under_6_with_well_child_visit,
        cast(coalesce(children.n_children_removed, 0) as integer) as n_children_removed,
        cast(coalesce(children.n_children_in_care, 0) as integer) as n_children_in_care
    from household
    left join parent_quarters
        on household.family_key = parent_quarters.family_key and household.calendar_year = parent_quarters.calendar_year
    left join parent_months
        on household.family_key = parent_months.family_key and household.calendar_year = parent_months.calendar_year
    left join children
        on household.family_key = children.family_key and household.calendar_year = children.calendar_year

)

select * from final
