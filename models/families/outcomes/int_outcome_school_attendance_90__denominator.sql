{#- SCHOOL_ATTENDANCE_90 population: every person of the contract's cohort; anchor: entry. The school
    year Y is the first one starting after entry (Aug 15 of Y > entry); it ends Jun 15 of Y + 1. -#}

with

population as (

    {{ ids_outcome_population('SCHOOL_ATTENDANCE_90') }}

),

school_year as (

    select
        *,
        {{ ids_first_school_year_after('entry_date') }} as school_year_start
    from population

),

final as (

    select
        *,
        {{ ids_age_on('dob', 'make_date(cast(school_year_start as integer), 9, 1)') }} as age_on_sep_1,
        make_date(cast(school_year_start as integer) + 1, 6, 15) as window_end_date
    from school_year

)

select * from final
