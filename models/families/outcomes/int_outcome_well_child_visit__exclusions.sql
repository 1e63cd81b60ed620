{#- WELL_CHILD_VISIT exclusions: not a child, age unknown, or age 6 or more at entry. -#}

with

denominator as (

    select * from {{ ref('int_outcome_well_child_visit__denominator') }}

),

final as (

    select
        contract_id,
        outcome_id,
        unit_id,
        case
            when not coalesce(is_child, false) then {{ ids_child_exclusion_reason() }}
            when age_at_entry is null then 'age unknown'
            else 'age ' || age_at_entry || ' at entry (6 or more)'
        end as status_reason
    from denominator
    where
        not coalesce(is_child, false)
        or age_at_entry is null
        or age_at_entry >= 6

)

select * from final
