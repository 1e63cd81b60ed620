{#- EARNINGS_GAIN population: every person of the contract's cohort; anchors: entry and exit. Before =
    quarter(entry) - 4 ... quarter(entry) - 1; after = quarter(exit) + 1 ... quarter(exit) + 4. -#}

with

population as (

    {{ ids_outcome_population('EARNINGS_GAIN') }}

),

final as (

    select
        *,
        {{ ids_quarter_index('entry_date') }} as entry_quarter,
        {{ ids_quarter_index('exit_date') }} as exit_quarter,
        {{ ids_quarter_end(ids_quarter_index('exit_date') ~ ' + 4') }} as window_end_date
    from population

)

select * from final
