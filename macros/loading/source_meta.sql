{#- The `config.meta` of a source table from its sources.yml (execution time only). -#}
{% macro ids_source_meta(source_name, table_name) %}
    {%- if not execute -%}{{ return({}) }}{%- endif -%}
    {%- for node in graph.sources.values() -%}
        {%- if node.source_name == source_name and node.name == table_name -%}
            {{ return((node.get('config') or {}).get('meta') or node.get('meta') or {}) }}
        {%- endif -%}
    {%- endfor -%}
    {{ return({}) }}
{% endmacro %}
