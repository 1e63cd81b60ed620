{#- Small-cell suppression for published aggregates (outcome_metrics.md, "Published counts"): a count
    of units between 1 and var('min_cell_size') - 1 becomes null. Use ids_is_small_cell() for the
    is_suppressed flag and to null every rate or amount derived from a suppressed count. -#}
{% macro ids_is_small_cell(count_expression) -%}
    coalesce({{ count_expression }} between 1 and {{ var('min_cell_size') | int - 1 }}, false)
{%- endmacro %}

{% macro ids_suppress(count_expression) -%}
    case when {{ ids_is_small_cell(count_expression) }} then null else {{ count_expression }} end
{%- endmacro %}
