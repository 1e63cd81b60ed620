{#- One row per contract outcome and unit: the status every cohort member gets (outcome_metrics.md),
    de-identified. unit_key is the person's key, or for a FaDSS family a salted key of its provider_id
    and family_id. link_confidence: the lowest link confidence of the evidence that decided the row
    (fct_contract_outcome_evidence), null when nothing linked decided it. -#}

with

outcomes as (

    select * from {{ ref('int_contract_outcomes_long') }}

),

evidence as (

    select
        contract_id,
        outcome_id,
        unit_id,
        min(link_confidence) as link_confidence
    from {{ ref('fct_contract_outcome_evidence') }}
    group by contract_id, outcome_id, unit_id

),

final as (

    select
        outcomes.contract_id,
        outcomes.outcome_id,
        outcomes.metric_id,
        outcomes.unit_type,
        case
            when outcomes.unit_type = 'family' then {{ ids_hmac_key('fadss_family', 'outcomes.unit_id') }}
            else {{ ids_person_key('outcomes.person_id') }}
        end as unit_key,
        outcomes.entry_date,
        outcomes.exit_date,
        outcomes.window_end_date,
        outcomes.status,
        outcomes.status_reason,
        cast(outcomes.outcome_value as decimal(18, 6)) as outcome_value,
        outcomes.decided_on,
        outcomes.as_of_date,
        cast(evidence.link_confidence as double) as link_confidence
    from outcomes
    left join evidence
        on
            outcomes.contract_id = evidence.contract_id
            and outcomes.outcome_id = evidence.outcome_id
            and outcomes.unit_id = evidence.unit_id

)

select * from final
