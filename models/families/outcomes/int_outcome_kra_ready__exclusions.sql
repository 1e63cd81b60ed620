{#- KRA_READY exclusions: age unknown (no KRA row and no DOB: no kindergarten year), Aug 15 of K before
    entry or later than entry + window_months, or fewer months of subsidy than the threshold. -#}

with

denominator as (

    select * from {{ ref('int_outcome_kra_ready__denominator') }}

),

final as (

    select
        contract_id,
        outcome_id,
        unit_id,
        case
            when not coalesce(is_child, false) then {{ ids_child_exclusion_reason() }}
            when kindergarten_year is null then 'age unknown'
            when kindergarten_start_date < entry_date then 'kindergarten year starts before entry'
            when kindergarten_start_date > entry_window_end_date
                then 'kindergarten year starts later than entry + window_months'
            else
                'months of subsidy before kindergarten ' || cast(round(months_of_subsidy, 2) as varchar)
                || ' < ' || cast(threshold as varchar)
        end as status_reason
    from denominator
    where
        not coalesce(is_child, false)
        or kindergarten_year is null
        or kindergarten_start_date < entry_date
        or kindergarten_start_date > entry_window_end_date
        or months_of_subsidy < threshold

)

select * from final
