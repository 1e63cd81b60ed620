-- Families followed and the share of children chronically absent, per year; a year with fewer than
-- 11 families, or fewer than 11 children (absent or with attendance), has that figure left out.
select
    cast(calendar_year as varchar) as calendar_year,
    case when count(distinct family_key) >= 11 then count(distinct family_key) end as n_families,
    case
        when sum(n_children_with_attendance) >= 11 and sum(n_children_chronically_absent) >= 11
            then sum(n_children_chronically_absent) / sum(n_children_with_attendance)
    end as share_chronically_absent
from fct_family_year
group by calendar_year
order by calendar_year
