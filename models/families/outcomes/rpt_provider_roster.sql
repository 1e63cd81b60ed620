{#- Per contract, the provider's own clients (participant_id, PersonalID or child_person_id; a FaDSS
    family by its family_id) with each outcome's status and reason: the one person-level view a
    provider may get, of its own clients only, to check and dispute. Restricted zone. -#}

with

outcomes as (

    select * from {{ ref('int_contract_outcomes_long') }}

),

cohort as (

    select * from {{ ref('int_contract_cohort') }}

),

final as (

    select
        outcomes.contract_id,
        cohort.provider_id,
        outcomes.outcome_id,
        outcomes.metric_id,
        outcomes.unit_type,
        cohort.client_id,
        array_to_string(cohort.client_ids, ',') as client_ids,
        cohort.family_id,
        outcomes.entry_date,
        outcomes.exit_date,
        outcomes.window_end_date,
        outcomes.status,
        outcomes.status_reason,
        outcomes.outcome_value,
        outcomes.decided_on,
        outcomes.as_of_date
    from outcomes
    inner join cohort
        on
            outcomes.contract_id = cohort.contract_id
            and outcomes.unit_type = cohort.unit_type
            and outcomes.unit_id = cohort.unit_id

)

select * from final
