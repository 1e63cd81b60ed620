{#- A column that claims to hold usable SSNs holds nine digits that SSA could have issued: no
    placeholder, no area 000/666/9xx, no group 00, no serial 0000. Nulls are fine (unknown). -#}
{% test valid_ssn(model, column_name) %}

select {{ column_name }} as bad_ssn
from {{ model }}
where {{ column_name }} is not null
    and (
        not regexp_full_match({{ column_name }}, '\d{9}')
        or {{ column_name }} in ({{ ids_ssn_placeholders() }})
        or left({{ column_name }}, 3) in ('000', '666')
        or left({{ column_name }}, 1) = '9'
        or substr({{ column_name }}, 4, 2) = '00'
        or right({{ column_name }}, 4) = '0000'
    )

{% endtest %}
