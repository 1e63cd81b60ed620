-- Per contract and outcome; the mart already nulls the figures of suppressed cells. No per-contract
-- payment table is read (fct_contract_payments is not on the report).
select
    contract_id,
    outcome_id,
    n_cohort,
    n_achieved,
    achieved_rate,
    baseline_rate,
    amount_paid,
    case when is_suppressed then 'yes' else 'no' end as suppressed
from rpt_provider_scorecard
order by contract_id, outcome_id
