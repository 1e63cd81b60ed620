{#- Custom schemas are used literally (raw, staging, linkage, ...), not prefixed with the target
    schema: the folder tree is the governance tier and the schema says which zone a table is in. -#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
