{#- A term naming a contract_id that is in no row of contracts is a configuration error, not a
    partner-data defect: the build stops with a message naming it (DuckDB's error()). A term whose
    contract was quarantined is quarantined itself (CONTRACT_REJECTED in the base model). -#}
with

base as (

    select * from {{ ref('base_contracts__outcome_terms') }}
    where not _ids_is_duplicate

),

contracts as (

    select contract_id__text as contract_id from {{ ref('base_contracts__contracts') }}

),

orphans as (

    select
        string_agg(
            'outcome ' || coalesce(base.outcome_id__text, '?') || ' names contract_id '
            || base.contract_id__text,
            '; ' order by base.contract_id__text, base.outcome_id__text
        ) as message
    from base
    where
        base.contract_id__text is not null
        and base.contract_id__text not in (select contracts.contract_id from contracts)
    having count(*) > 0

),

accepted as (

    select * from base
    where
        len(_ids_reject_reasons) = 0
        and coalesce((
            select
                error(
                    'contract_outcome_terms: a term points at a contract that is not in contracts: '
                    || orphans.message
                ) as failure
            from orphans
        ), true)

),

renamed as (

    select
        contract_id,
        outcome_id,
        metric_id,
        window_months,
        threshold,
        baseline_rate,
        price_per_outcome,
        description,
        _ids_row_number as source_row_number
    from accepted

)

select * from renamed
