{#- DuckDB takes up to 80% of RAM by default (18.8 GiB on the 24 GiB machine), and at a million
    persons `make build`, which set no limit, used it: 6.2 GB for linkage, 8.8 GB for the build. So
    the project caps it: IDS_MEMORY_LIMIT (default 3GB) is the database's memory_limit, beyond which
    DuckDB spills to disk; what is outside it (dbt, the Python models' Arrow tables, the UDFs) is a
    few hundred MB, so a dbt process stays within 4 GiB. IDS_MEMORY_LIMIT=none leaves DuckDB's own.
    IDS_DUCKDB_THREADS caps DuckDB's threads (dbt's own `threads` only sets how many models run at
    once). Runs at the start of every invocation; both settings are global to the database. -#}
{% macro ids_apply_resource_limits() %}
    {%- set memory = env_var('IDS_MEMORY_LIMIT', '') or '3GB' -%}
    {%- set duckdb_threads = env_var('IDS_DUCKDB_THREADS', '') -%}
    {%- if memory | lower != 'none' %}set memory_limit = '{{ memory }}';{% endif %}
    {%- if duckdb_threads %}set threads = {{ duckdb_threads | int }};{% endif %}
    select 1 as resource_limits_applied
{% endmacro %}
