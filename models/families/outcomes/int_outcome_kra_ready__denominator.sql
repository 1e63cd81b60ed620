{#- KRA_READY population: every child of the ECE contract's cohort. The kindergarten year K is the
    school year of the child's earliest KRA assessment, else the school year Y with age 5 on Sep 1 of
    Y. Months of subsidy = days covered by the union of the child's authorization intervals (any
    provider; both ends count; an open authorization counts up to as_of_date) before Aug 15 of K,
    divided by 30.4375. -#}

with

population as (

    {{ ids_outcome_population('KRA_READY') }}

),

crosswalk as (

    select * from {{ ref('person_crosswalk') }}

),

assessments as (

    select * from {{ ref('stg_doe__assessments') }}
    where assessment = 'KRA'

),

authorizations as (

    select * from {{ ref('stg_ece__subsidy_authorizations') }}

),

persons as (

    select distinct
        person_id,
        dob,
        as_of_date
    from population

),

earliest_kra as (

    select
        crosswalk.person_id,
        min(assessments.school_year_start) as kra_school_year_start
    from assessments
    inner join crosswalk
        on crosswalk.source_system = 'doe' and assessments.state_student_id = crosswalk.source_person_id
    group by crosswalk.person_id

),

kindergarten as (

    select
        persons.person_id,
        persons.as_of_date,
        earliest_kra.kra_school_year_start,
        coalesce(
            earliest_kra.kra_school_year_start,
            extract(year from persons.dob) + 5
            + case when extract(month from persons.dob) * 100 + extract(day from persons.dob) > 901 then 1 else 0 end
        ) as kindergarten_year
    from persons
    left join earliest_kra on persons.person_id = earliest_kra.person_id

),

intervals as (

    select
        kindergarten.person_id,
        authorizations.auth_start as interval_start,
        least(
            coalesce(authorizations.auth_end, kindergarten.as_of_date),
            make_date(cast(kindergarten.kindergarten_year as integer), 8, 14)
        ) as interval_end
    from kindergarten
    inner join crosswalk
        on kindergarten.person_id = crosswalk.person_id and crosswalk.source_system = 'ece'
    inner join authorizations on crosswalk.source_person_id = authorizations.child_person_id
    where kindergarten.kindergarten_year is not null

),

ordered_intervals as (

    select
        person_id,
        interval_start,
        interval_end,
        max(interval_end) over (
            partition by person_id order by interval_start, interval_end
            rows between unbounded preceding and 1 preceding
        ) as previous_max_end
    from intervals
    where interval_end >= interval_start

),

islands as (

    select
        person_id,
        interval_start,
        interval_end,
        sum(
            case
                when previous_max_end is null or interval_start > previous_max_end + 1 then 1 else 0
            end
        ) over (partition by person_id order by interval_start, interval_end rows unbounded preceding) as island
    from ordered_intervals

),

covered_days as (

    select
        person_id,
        sum({{ dbt.datediff('island_start', 'island_end', 'day') }} + 1) as days_covered
    from (
        select
            person_id,
            island,
            min(interval_start) as island_start,
            max(interval_end) as island_end
        from islands
        group by person_id, island
    ) as merged
    group by person_id

),

final as (

    select
        population.*,
        kindergarten.kra_school_year_start,
        cast(kindergarten.kindergarten_year as integer) as kindergarten_year,
        make_date(cast(kindergarten.kindergarten_year as integer), 8, 15) as kindergarten_start_date,
        cast(cast(coalesce(covered_days.days_covered, 0) as decimal(18, 6)) / 30.4375 as decimal(18, 6)) as months_of_subsidy,
        {{ ids_add_months('population.entry_date', 'population.window_months') }} as entry_window_end_date,
        make_date(cast(kindergarten.kindergarten_year as integer), 12, 31) as window_end_date
    from population
    left join kindergarten on population.person_id = kindergarten.person_id
    left join covered_days on population.person_id = covered_days.person_id

)

select * from final
