-- One row: families followed over all years.
select count(distinct family_key) as n_families
from fct_family_year
