{#- Runs at the start of every dbt invocation (on-run-start). Creates the `raw` schema and the two
    bookkeeping tables the loader writes, so that staging and the quarantine read the same tables in
    demo mode (seeds) and folder mode (load_extracts). Idempotent. -#}
{% macro ids_prepare_raw_zone() %}
    create schema if not exists raw;
    create table if not exists raw.ids_load_log (
        extract_name varchar,
        load_mode varchar,
        file_path varchar,
        file_format varchar,
        rows_loaded bigint,
        rows_rejected_by_reader bigint,
        loaded_at timestamp
    );
    alter table raw.ids_load_log add column if not exists load_notes varchar;
    alter table raw.ids_load_log add column if not exists file_modified_at timestamp;
    alter table raw.ids_load_log add column if not exists file_bytes bigint;
    alter table raw.ids_load_log add column if not exists lines_transcoded bigint;
    create table if not exists raw.ids_reader_rejects (
        extract_name varchar,
        file_path varchar,
        line_number bigint,
        column_name varchar,
        error_type varchar,
        error_message varchar,
        raw_line varchar
    );
    {{ ids_purge_tables_ddl() }}
{% endmacro %}
