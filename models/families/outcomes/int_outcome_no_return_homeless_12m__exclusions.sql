{#- NO_RETURN_HOMELESS_12M exclusions: an exit to a destination that is not permanent (an empty
    destination is not permanent). A person who has not exited yet is pending, not excluded. -#}

with

denominator as (

    select * from {{ ref('int_outcome_no_return_homeless_12m__denominator') }}

),

final as (

    select
        contract_id,
        outcome_id,
        unit_id,
        case
            when exit_destination is null then 'exit destination empty (not permanent)'
            else 'exit to destination ' || exit_destination || ' (not permanent)'
        end as status_reason
    from denominator
    where
        exit_date is not null
        and (exit_destination is null or exit_destination not in {{ ids_permanent_destinations() }})

)

select * from final
