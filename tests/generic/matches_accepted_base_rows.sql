{#- A staging model holds only rows its base model accepted: same count as the accepted, distinct
    rows of the base. Proves staging neither drops nor multiplies rows. -#}
{% test matches_accepted_base_rows(model, base_model) %}

with

staged as (
    select count(*) as n from {{ model }}
),

accepted as (
    select count(*) as n from {{ base_model }}
    where not _ids_is_duplicate and len(_ids_reject_reasons) = 0
)

select staged.n as staged_rows, accepted.n as accepted_rows
from staged
cross join accepted
where staged.n != accepted.n

{% endtest %}
