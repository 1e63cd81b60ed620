{#- No date after today: births, reports, services and entries cannot have happened yet. -#}
{% test not_in_future(model, column_name) %}

select {{ column_name }} as future_date
from {{ model }}
where {{ column_name }} > current_date

{% endtest %}
