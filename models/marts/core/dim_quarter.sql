{#- The calendar-quarter spine of the marts: every quarter from var('min_plausible_date') to the
    quarter of the as-of date (macros/marts/dates.sql). fct_person_quarter is built on it. -#}

with

spine as (

    {{ dbt.date_spine(
        'quarter',
        "cast('" ~ var('min_plausible_date') ~ "' as date)",
        dbt.dateadd('quarter', 1, dbt.date_trunc('quarter', 'current_date')),
    ) }}

),

as_of as (

    select {{ ids_marts_as_of_date() }} as as_of_date

),

quarters as (

    select cast(spine.date_quarter as date) as quarter_start_date
    from spine

),

final as (

    select
        cast({{ ids_quarter_index("quarters.quarter_start_date") }} as integer) as quarter_index,
        cast(extract(year from quarters.quarter_start_date) as integer) as calendar_year,
        cast(extract(quarter from quarters.quarter_start_date) as integer) as calendar_quarter,
        cast(extract(year from quarters.quarter_start_date) as varchar)
        || '-Q' || cast(extract(quarter from quarters.quarter_start_date) as varchar) as quarter_label,
        quarters.quarter_start_date,
        cast({{ dbt.dateadd('day', -1, dbt.dateadd('quarter', 1, 'quarters.quarter_start_date')) }} as date)
            as quarter_end_date,
        as_of.as_of_date
    from quarters
    cross join as_of
    where quarters.quarter_start_date <= as_of.as_of_date

)

select * from final
