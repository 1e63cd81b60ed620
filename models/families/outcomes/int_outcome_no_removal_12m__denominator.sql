{#- NO_REMOVAL_12M population: every FaDSS family, or every ECE child, of the contract's cohort;
    anchor: entry; the window is [entry, entry + window_months]. -#}

with

population as (

    {{ ids_outcome_population('NO_REMOVAL_12M') }}

),

final as (

    select
        *,
        {{ ids_add_months('entry_date', 'window_months') }} as window_end_date
    from population

)

select * from final
