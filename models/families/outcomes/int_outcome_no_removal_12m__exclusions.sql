{#- NO_REMOVAL_12M exclusions: none (no DCF record means no removal). -#}

with

denominator as (

    select * from {{ ref('int_outcome_no_removal_12m__denominator') }}

),

final as (

    select
        contract_id,
        outcome_id,
        unit_id,
        cast(null as varchar) as status_reason
    from denominator
    where false

)

select * from final
