-- Persons and families known to each agency in the latest year (null where suppressed).
with latest as (
    select max(calendar_year) as calendar_year from agg_agency_overlap
)

select
    overlap.agency,
    max(overlap.n_persons) as n_persons,
    max(overlap.n_families) as n_families
from agg_agency_overlap as overlap
inner join latest on overlap.calendar_year = latest.calendar_year
group by overlap.agency
order by overlap.agency
