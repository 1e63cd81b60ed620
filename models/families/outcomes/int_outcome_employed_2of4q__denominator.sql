{#- EMPLOYED_2OF4Q population: every person of the contract's cohort; anchor: exit. The window is the
    4 full quarters after exit, quarter(exit) + 1 ... quarter(exit) + 4. -#}

with

population as (

    {{ ids_outcome_population('EMPLOYED_2OF4Q') }}

),

final as (

    select
        *,
        {{ ids_quarter_index('exit_date') }} as exit_quarter,
        {{ ids_quarter_end(ids_quarter_index('exit_date') ~ ' + 4') }} as window_end_date
    from population

)

select * from final
