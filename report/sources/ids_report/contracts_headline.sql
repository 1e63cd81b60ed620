-- One row: contracts, what was paid on the outcomes shown (amounts of suppressed cells are null and
-- not added), and how many outcomes have suppressed figures.
select
    count(distinct contract_id) as n_contracts,
    count(*) as n_outcomes,
    coalesce(sum(amount_paid), 0) as amount_paid_shown,
    count(*) filter (where is_suppressed) as n_outcomes_suppressed
from rpt_provider_scorecard
