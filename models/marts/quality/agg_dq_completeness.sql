{#- Completeness flags at their natural grain: per extract and declared column, how many of the rows
    the partner sent (exact re-sent copies counted once) carry a value. Empty and `NULL` are missing,
    as the spec says. Counts are of extract rows, not persons. -#}
{%- set extracts = ids_partner_extracts() -%}

with

{% for e in extracts -%}
{%- set cols = ids_declared_columns(e.source, e.table) %}
{{ e.table }} as (

    select
        {%- for c in cols %}
        count("{{ c.name }}__text") as "{{ c.name }}",
        {%- endfor %}
        count(*) as n_rows
    from {{ ref('base_' ~ e.model[4:]) }}
    where not _ids_is_duplicate

),

{% endfor -%}

unioned as (

    {% for e in extracts -%}
    {%- set cols = ids_declared_columns(e.source, e.table) -%}
    {%- for c in cols -%}
    select
        '{{ e.source }}' as agency,
        '{{ e.table }}' as extract_name,
        '{{ c.name }}' as column_name,
        {{ 'true' if c.meta.get('required') else 'false' }} as is_required,
        n_rows as n_evaluated,
        "{{ c.name }}" as n_populated
    from {{ e.table }}
    {% if not loop.last %}union all
    {% endif -%}
    {%- endfor %}
    {% if not loop.last %}union all
    {% endif -%}
    {% endfor %}

),

final as (

    select
        agency,
        extract_name,
        column_name,
        is_required,
        n_evaluated,
        n_populated,
        n_evaluated - n_populated as n_missing
    from unioned

)

select * from final
