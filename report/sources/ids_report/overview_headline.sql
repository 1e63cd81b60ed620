-- One row: how many agencies the overlap covers, and its latest year.
select
    count(distinct agency) as n_agencies,
    max(calendar_year) as latest_year
from agg_agency_overlap
