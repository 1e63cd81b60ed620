{#- SCHOOL_ATTENDANCE_90 exclusions: not a child (FaDSS adult role; PSH 18 or older at entry), age
    unknown, or age on Sep 1 of the school year outside 5-17. -#}

with

denominator as (

    select * from {{ ref('int_outcome_school_attendance_90__denominator') }}

),

final as (

    select
        contract_id,
        outcome_id,
        unit_id,
        case
            when not coalesce(is_child, false) then {{ ids_child_exclusion_reason() }}
            when age_on_sep_1 is null then 'age unknown'
            else 'age ' || age_on_sep_1 || ' on Sep 1 of the school year (outside 5-17)'
        end as status_reason
    from denominator
    where
        not coalesce(is_child, false)
        or age_on_sep_1 is null
        or age_on_sep_1 not between 5 and 17

)

select * from final
