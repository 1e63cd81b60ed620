{#- No published count lies between 1 and var('min_cell_size') - 1 (outcome_metrics.md, "Published
    counts"). Checks every integer column whose name starts with `n_` (the count convention of the
    marts), or the columns given. Applied to every agg_ and rpt_ model; the singular test
    assert_every_mart_is_scanned checks that none is left out. -#}
{% test no_small_cells(model, count_columns=none) %}

{%- set columns = count_columns if count_columns is not none else [] -%}
{%- if count_columns is none and execute -%}
    {%- for column in adapter.get_columns_in_relation(model) -%}
        {%- if column.name.startswith('n_') and (column.is_integer() or column.is_number()) -%}
            {%- do columns.append(column.name) -%}
        {%- endif -%}
    {%- endfor -%}
{%- endif %}

{%- for column_name in columns %}
select '{{ column_name }}' as column_name, {{ adapter.quote(column_name) }} as small_count
from {{ model }}
where {{ ids_is_small_cell(adapter.quote(column_name)) }}
union all
{%- endfor %}
select cast(null as varchar) as column_name, cast(null as bigint) as small_count
where false

{% endtest %}
