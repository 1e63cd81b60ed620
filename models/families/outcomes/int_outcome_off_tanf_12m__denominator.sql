{#- OFF_TANF_12M population: every FaDSS family of the contract's cohort; anchor: exit (the family's
    latest exit, none while any qualifying row is open); check date c = exit + window_months. -#}

with

population as (

    {{ ids_outcome_population('OFF_TANF_12M') }}

),

final as (

    select
        *,
        {{ ids_add_months('exit_date', 'window_months') }} as window_end_date
    from population

)

select * from final
