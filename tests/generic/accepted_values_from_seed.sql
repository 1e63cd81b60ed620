{#- Every non-null value of the column is a code of `code_set` in seeds/reference/ref_code_values.csv:
    the one code list that staging's quarantine also checks against. -#}
{% test accepted_values_from_seed(model, column_name, code_set) %}

select {{ column_name }} as unknown_code, count(*) as n_rows
from {{ model }}
where {{ column_name }} is not null
    and cast({{ column_name }} as varchar) not in (
        select codes.code from {{ ref('ref_code_values') }} as codes
        where codes.code_set = '{{ code_set }}'
    )
group by 1

{% endtest %}
