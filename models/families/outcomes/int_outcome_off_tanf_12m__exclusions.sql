{#- OFF_TANF_12M exclusions: none (every family of the cohort is in the denominator). -#}

with

denominator as (

    select * from {{ ref('int_outcome_off_tanf_12m__denominator') }}

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
