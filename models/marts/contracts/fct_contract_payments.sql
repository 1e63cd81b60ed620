{#- One row per contract outcome: counts per status and the payment (outcome_metrics.md, "Payments"),
    in exact decimals: measured = achieved + not_achieved; achieved_rate = achieved / measured (null
    when nothing is measured); payable = max(0, floor(achieved - baseline_rate x measured)); amount =
    payable x price. Outcomes of a contract are paid in ascending outcome_id (text order) until
    max_payment: the outcome that crosses the cap gets the remainder, later ones nothing; an empty
    max_payment means no cap. For the contracting office only: exact counts, no person-level data. -#}

with

terms as (

    select * from {{ ref('stg_contracts__outcome_terms') }}

),

contracts as (

    select * from {{ ref('stg_contracts__contracts') }}

),

outcomes as (

    select * from {{ ref('fct_contract_outcomes') }}

),

dates as (

    select * from {{ ref('int_contract_measure_dates') }}

),

counts as (

    select
        contract_id,
        outcome_id,
        count(*) as n_cohort,
        count(*) filter (where status = 'excluded') as n_excluded,
        count(*) filter (where status = 'pending') as n_pending,
        count(*) filter (where status = 'not_measurable') as n_not_measurable,
        count(*) filter (where status = 'achieved') as n_achieved,
        count(*) filter (where status = 'not_achieved') as n_not_achieved,
        count(*) filter (where status = 'achieved' and link_confidence < 0.9) as n_achieved_on_weak_links
    from outcomes
    group by contract_id, outcome_id

),

measured as (

    select
        terms.contract_id,
        terms.outcome_id,
        terms.metric_id,
        coalesce(counts.n_cohort, 0) as n_cohort,
        coalesce(counts.n_excluded, 0) as n_excluded,
        coalesce(counts.n_pending, 0) as n_pending,
        coalesce(counts.n_not_measurable, 0) as n_not_measurable,
        coalesce(counts.n_achieved, 0) as n_achieved,
        coalesce(counts.n_not_achieved, 0) as n_not_achieved,
        coalesce(counts.n_achieved, 0) + coalesce(counts.n_not_achieved, 0) as n_measured,
        coalesce(counts.n_achieved_on_weak_links, 0) as n_achieved_on_weak_links,
        cast(terms.baseline_rate as decimal(18, 6)) as baseline_rate,
        cast(terms.price_per_outcome as decimal(18, 2)) as price_per_outcome,
        cast(contracts.max_payment as decimal(18, 2)) as max_payment
    from terms
    inner join contracts on terms.contract_id = contracts.contract_id
    left join counts on terms.contract_id = counts.contract_id and terms.outcome_id = counts.outcome_id

),

payable as (

    select
        *,
        case
            when n_measured > 0
                then cast(cast(n_achieved as decimal(18, 6)) / n_measured as decimal(18, 6))
        end as achieved_rate,
        cast(
            greatest(0, floor(cast(n_achieved as decimal(18, 6)) - baseline_rate * n_measured)) as integer
        ) as payable_outcomes
    from measured

),

uncapped as (

    select
        *,
        cast(payable_outcomes * price_per_outcome as decimal(18, 2)) as amount_uncapped
    from payable

),

capped as (

    select
        *,
        coalesce(
            sum(amount_uncapped) over (
                partition by contract_id order by outcome_id
                rows between unbounded preceding and 1 preceding
            ),
            cast(0 as decimal(18, 2))
        ) as amount_before
    from uncapped

),

final as (

    select
        capped.contract_id,
        capped.outcome_id,
        capped.metric_id,
        capped.n_cohort,
        capped.n_excluded,
        capped.n_pending,
        capped.n_not_measurable,
        capped.n_achieved,
        capped.n_not_achieved,
        capped.n_measured,
        capped.achieved_rate,
        capped.baseline_rate,
        capped.payable_outcomes,
        capped.price_per_outcome,
        capped.amount_uncapped,
        cast(
            case
                when capped.max_payment is null then capped.amount_uncapped
                else greatest(
                    cast(0 as decimal(18, 2)),
                    least(capped.amount_uncapped, capped.max_payment - capped.amount_before)
                )
            end as decimal(18, 2)
        ) as amount_paid,
        capped.max_payment,
        coalesce(
            capped.max_payment is not null
            and capped.amount_before + capped.amount_uncapped > capped.max_payment
            and capped.amount_uncapped > 0,
            false
        ) as is_capped,
        capped.n_achieved_on_weak_links,
        dates.as_of_date,
        '{{ invocation_id }}' as payment_run_id
    from capped
    cross join dates

)

select * from final
