{#- Per contract and outcome, what a provider and the public may see: cohort, measured, achieved,
    pending, the rate against the baseline, the payment and how many achieved outcomes rest on links
    below 0.9. Counts of units of 1 to min_cell_size - 1 are suppressed (null, is_suppressed), with
    every figure derived from them: the rate and the payment when achieved or measured is suppressed
    (amount / price and the baseline would give them back). The payable count itself is no count of
    units (no set of persons is "the payable ones": it is floor(achieved - baseline x measured)), so a
    small payable count is shown when the counts it comes from are: hiding it would hide nothing a
    reader cannot compute from them. -#}

with

payments as (

    select * from {{ ref('fct_contract_payments') }}

),

contracts as (

    select * from {{ ref('stg_contracts__contracts') }}

),

flags as (

    select
        payments.*,
        contracts.program,
        contracts.provider_id,
        contracts.contract_name,
        {{ ids_is_small_cell('payments.n_achieved') }} as achieved_is_small,
        {{ ids_is_small_cell('payments.n_measured') }} as measured_is_small
    from payments
    inner join contracts on payments.contract_id = contracts.contract_id

),

final as (

    select
        contract_id,
        outcome_id,
        metric_id,
        program,
        provider_id,
        contract_name,
        as_of_date,
        {{ ids_suppress('n_cohort') }} as n_cohort,
        {{ ids_suppress('n_measured') }} as n_measured,
        {{ ids_suppress('n_achieved') }} as n_achieved,
        {{ ids_suppress('n_pending') }} as n_pending,
        case when not (achieved_is_small or measured_is_small) then achieved_rate end as achieved_rate,
        baseline_rate,
        case
            when not (achieved_is_small or measured_is_small)
                then cast(achieved_rate - baseline_rate as decimal(18, 6))
        end as rate_above_baseline,
        case when not (achieved_is_small or measured_is_small) then amount_paid end as amount_paid,
        {{ ids_suppress('n_achieved_on_weak_links') }} as n_achieved_on_weak_links,
        (
            {{ ids_is_small_cell('n_cohort') }}
            or measured_is_small
            or achieved_is_small
            or {{ ids_is_small_cell('n_pending') }}
            or {{ ids_is_small_cell('n_achieved_on_weak_links') }}
        ) as is_suppressed
    from flags

)

select * from final
