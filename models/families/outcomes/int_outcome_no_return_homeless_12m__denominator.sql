{#- NO_RETURN_HOMELESS_12M population: every person of the PSH contract's cohort; anchor: exit of the
    qualifying enrollment; the window is [exit, exit + window_months]. -#}

with

population as (

    {{ ids_outcome_population('NO_RETURN_HOMELESS_12M') }}

),

final as (

    select
        *,
        {{ ids_add_months('exit_date', 'window_months') }} as window_end_date
    from population

)

select * from final
