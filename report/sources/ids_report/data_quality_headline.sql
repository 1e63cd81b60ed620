-- One row: agencies reporting, checks, and checks by status.
select
    count(distinct agency) as n_agencies,
    count(*) as n_checks,
    count(*) filter (where status = 'fail') as n_failing_checks
from rpt_data_quality
