-- Persons of each agency also known to each other agency, latest year (null where suppressed).
with latest as (
    select max(calendar_year) as calendar_year from agg_agency_overlap
)

select
    overlap.calendar_year,
    overlap.agency,
    overlap.other_agency,
    overlap.n_persons_also_known
from agg_agency_overlap as overlap
inner join latest on overlap.calendar_year = latest.calendar_year
order by overlap.agency, overlap.other_agency
