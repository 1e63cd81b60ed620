{#- DuckDB takes up to 80% of RAM by default. Set IDS_MEMORY_LIMIT (e.g. 3GB) to cap the database's
    memory, and IDS_DUCKDB_THREADS to cap its threads (dbt's own `threads` only sets how many models
    run at once). Runs at the start of every invocation; both settings are global to the database. -#}
{% macro ids_apply_resource_limits() %}
    {%- set memory = env_var('IDS_MEMORY_LIMIT', '') -%}
    {%- set duckdb_threads = env_var('IDS_DUCKDB_THREADS', '') -%}
    {%- if memory %}set memory_limit = '{{ memory }}';{% endif %}
    {%- if duckdb_threads %}set threads = {{ duckdb_threads | int }};{% endif %}
    select 1 as resource_limits_applied
{% endmacro %}
