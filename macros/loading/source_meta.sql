{#- The graph node of a source table (execution time only; the graph is empty at parse), or none. -#}
{% macro ids_source_node(source_name, table_name) %}
    {%- if not execute -%}{{ return(none) }}{%- endif -%}
    {%- for node in graph.sources.values() -%}
        {%- if node.source_name == source_name and node.name == table_name -%}
            {{ return(node) }}
        {%- endif -%}
    {%- endfor -%}
    {{ return(none) }}
{% endmacro %}


{#- The `config.meta` of a source table or column entry (dbt 1.10+ keeps it under config). -#}
{% macro ids_meta_of(entry) %}
    {{ return((entry.get('config') or {}).get('meta') or entry.get('meta') or {}) }}
{% endmacro %}


{#- The `config.meta` of a source table from its sources.yml (execution time only). -#}
{% macro ids_source_meta(source_name, table_name) %}
    {%- set node = ids_source_node(source_name, table_name) -%}
    {{ return(ids_meta_of(node) if node is not none else {}) }}
{% endmacro %}
