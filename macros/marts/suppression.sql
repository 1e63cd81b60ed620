{#- Small-cell suppression for published aggregates (outcome_metrics.md, "Published counts"): a count
    of units between 1 and var('min_cell_size') - 1 becomes null. Use ids_is_small_cell() for the
    is_suppressed flag and to null every rate or amount derived from a suppressed count. -#}
{% macro ids_is_small_cell(count_expression) -%}
    coalesce({{ count_expression }} between 1 and {{ var('min_cell_size') | int - 1 }}, false)
{%- endmacro %}

{% macro ids_suppress(count_expression) -%}
    case when {{ ids_is_small_cell(count_expression) }} then null else {{ count_expression }} end
{%- endmacro %}

{#- Complementary suppression over a partition with its published total: when exactly one part of
    a group is suppressed (a count of 1 to min_cell_size - 1), the total minus the other parts
    would give it back, so the smallest other non-zero part is suppressed too (ties: order_by);
    when there is no such part, the total is. `relation` holds one row per part and one total row
    per group (is_total_column true) with the raw count; the result adds is_suppressed and
    `<count_column>_published` (the count, null when suppressed). -#}
{% macro ids_complementary_suppression(relation, group_by, count_column, is_total_column, order_by) -%}
    {%- set groups = group_by | join(', ') -%}
    select
        cells.*,
        cells.is_primary
        or (cells.n_primary_parts = 1 and not cells.{{ is_total_column }} and cells.candidate_rank = 1)
        or (cells.n_primary_parts = 1 and cells.{{ is_total_column }} and cells.n_candidates = 0)
            as is_suppressed
    from (
        select
            flagged.*,
            sum(case when flagged.is_primary and not flagged.{{ is_total_column }} then 1 else 0 end)
                over (partition by {{ groups }}) as n_primary_parts,
            sum(case when flagged.is_candidate then 1 else 0 end)
                over (partition by {{ groups }}) as n_candidates,
            case
                when flagged.is_candidate
                    then row_number() over (
                        partition by {{ groups }}, flagged.is_candidate
                        order by flagged.{{ count_column }}, {{ order_by | join(', ') }}
                    )
            end as candidate_rank
        from (
            select
                parts.*,
                {{ ids_is_small_cell('parts.' ~ count_column) }} as is_primary,
                not parts.{{ is_total_column }}
                and not {{ ids_is_small_cell('parts.' ~ count_column) }}
                and parts.{{ count_column }} > 0 as is_candidate
            from {{ relation }} as parts
        ) as flagged
    ) as cells
{%- endmacro %}

{#- The small-cell scan of a published relation: one row per count between 1 and min_cell_size - 1
    (column_name, small_count); no rows means clean. Checks every numeric column whose name starts
    with `n_` (the count convention of the marts), or the columns given. Used by the generic test
    no_small_cells and reusable for packages. -#}
{% macro ids_small_cell_scan(relation, count_columns=none) -%}
    {%- set columns = count_columns if count_columns is not none else [] -%}
    {%- if count_columns is none and execute -%}
        {%- for column in adapter.get_columns_in_relation(relation) -%}
            {%- if column.name.startswith('n_') and (column.is_integer() or column.is_number()) -%}
                {%- do columns.append(column.name) -%}
            {%- endif -%}
        {%- endfor -%}
    {%- endif %}
    {%- for column_name in columns %}
    select
        '{{ column_name }}' as column_name,
        cast({{ adapter.quote(column_name) }} as bigint) as small_count
    from {{ relation }}
    where {{ ids_is_small_cell(adapter.quote(column_name)) }}
    union all
    {%- endfor %}
    select
        cast(null as varchar) as column_name,
        cast(null as bigint) as small_count
    where false
{%- endmacro %}
