{#- EMPLOYED_2OF4Q exclusions: a child (FaDSS role CHILD; PSH under 18 at entry; every ECE unit), or a
    PSH client whose age at entry is unknown. -#}

with

denominator as (

    select * from {{ ref('int_outcome_employed_2of4q__denominator') }}

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
