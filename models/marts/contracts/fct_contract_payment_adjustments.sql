{#- Per contract outcome, what changed since the last snapshot of the payments (an earlier run: late
    data, relinking, a new as_of_date) and the amount owed back or still due. The previous figures
    are the latest snapshot row written by another run; on a first run there is none and nothing
    changed. -#}

with

payments as (

    select * from {{ ref('fct_contract_payments') }}

),

snapshots as (

    select * from {{ ref('snp_contract_payments') }}

),

previous as (

    select *
    from snapshots
    where payment_run_id != '{{ invocation_id }}'
    qualify row_number() over (
        partition by contract_id, outcome_id order by dbt_valid_from desc, as_of_date desc
    ) = 1

),

final as (

    select
        payments.contract_id,
        payments.outcome_id,
        payments.metric_id,
        payments.as_of_date,
        previous.as_of_date as previous_as_of_date,
        previous.outcome_id is not null as has_previous_snapshot,
        coalesce(previous.n_achieved, payments.n_achieved) as previous_n_achieved,
        payments.n_achieved,
        payments.n_achieved - coalesce(previous.n_achieved, payments.n_achieved) as change_n_achieved,
        coalesce(previous.n_measured, payments.n_measured) as previous_n_measured,
        payments.n_measured,
        cast(coalesce(previous.amount_paid, payments.amount_paid) as decimal(18, 2)) as previous_amount_paid,
        payments.amount_paid,
        cast(payments.amount_paid - coalesce(previous.amount_paid, payments.amount_paid) as decimal(18, 2))
            as amount_change,
        cast(greatest(coalesce(previous.amount_paid, payments.amount_paid) - payments.amount_paid, 0) as decimal(18, 2))
            as amount_owed_back,
        cast(greatest(payments.amount_paid - coalesce(previous.amount_paid, payments.amount_paid), 0) as decimal(18, 2))
            as amount_still_due
    from payments
    left join previous
        on payments.contract_id = previous.contract_id and payments.outcome_id = previous.outcome_id

)

select * from final
