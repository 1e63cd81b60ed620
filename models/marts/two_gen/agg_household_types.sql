{#- Published: families by household type (HUD LSA: adult only, adult and child, child only) and
    calendar year, with the year's total. A count of 1 to min_cell_size - 1 is suppressed, and
    because the total minus the other types would give it back, a second type is suppressed with
    it (complementary suppression, macros/marts/suppression.sql). -#}

with

family_years as (

    select * from {{ ref('fct_family_year') }}

),

by_type as (

    select
        calendar_year,
        household_type,
        false as is_total,
        count(*) as n_families
    from family_years
    group by calendar_year, household_type

),

totals as (

    select
        calendar_year,
        'TOTAL' as household_type,
        true as is_total,
        count(*) as n_families
    from family_years
    group by calendar_year

),

cells as (

    select * from by_type
    union all
    select * from totals

),

suppressed as (

    {{ ids_complementary_suppression('cells', ['calendar_year'], 'n_families', 'is_total', ['household_type']) }}

),

final as (

    select
        cast(calendar_year as integer) as calendar_year,
        household_type,
        is_total,
        cast(case when is_suppressed then null else n_families end as integer) as n_families,
        cast(
            case
                when not is_suppressed and not is_total
                    then round(n_families / max(case when is_total and not is_suppressed then n_families end) over (
                        partition by calendar_year
                    ), 4)
            end as decimal(5, 4)
        ) as share_of_families,
        is_suppressed,
        is_suppressed and not is_primary as is_complementary_suppression
    from suppressed

)

select * from final
