{#- EARNINGS_GAIN exclusions: as EMPLOYED_2OF4Q (a child, or a PSH client of unknown age). -#}

with

denominator as (

    select * from {{ ref('int_outcome_earnings_gain__denominator') }}

),

final as (

    select
        contract_id,
        outcome_id,
        unit_id,
        {{ ids_adult_exclusion_reason() }} as status_reason
    from denominator
    where not coalesce(is_adult, false)

)

select * from final
