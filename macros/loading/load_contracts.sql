{#- Outcomes contracts as data (outcome_metrics.md: contracts and their terms are data). The demo ships
    them as seeds (schema config). In folder mode `contracts.csv` and `contract_outcome_terms.csv`
    (or .parquet), when present in the extracts folder, are copied into raw.<table> as text by the
    same loader as the partner extracts, and replace the demo contracts; when absent, the demo
    contracts apply. The base models stage whichever relation this returns, with the same quarantine. -#}
{% macro ids_contract_config_tables() %}
    {{ return([
        {'source': 'contracts', 'table': 'contracts', 'model': 'stg_contracts__contracts'},
        {'source': 'contracts', 'table': 'contract_outcome_terms', 'model': 'stg_contracts__outcome_terms'},
    ]) }}
{% endmacro %}


{#- Called by load_extracts: folder none (demo mode) removes any earlier folder copy. -#}
{% macro ids_load_contract_files(folder) %}
    {%- for t in ids_contract_config_tables() -%}
        {%- set files = [] -%}
        {%- if folder is not none -%}
            {%- set files = run_query(
                "select file from glob('" ~ folder ~ "/" ~ t.table ~ ".*') "
                ~ "where lower(file) similar to '.*\\.(csv|parquet)$' order by file").columns[0].values() -%}
        {%- endif -%}
        {%- if files | length > 1 -%}
            {{ exceptions.raise_compiler_error(
                "Contracts file '" ~ t.table ~ "' is ambiguous: found " ~ files | join(', ')
                ~ ". Keep exactly one of <name>.csv or <name>.parquet.") }}
        {%- elif files | length == 1 -%}
            {%- do ids_load_one_file(t.source, t.table, files[0]) -%}
        {%- else -%}
            {%- do run_query("drop table if exists raw." ~ t.table) -%}
        {%- endif -%}
    {%- endfor -%}
{% endmacro %}


{#- The relation a contracts base model stages: the folder's copy in raw when the loader made one,
    else the demo seed. -#}
{% macro ids_contract_config_relation(table_name, seed_relation) %}
    {%- if not execute -%}{{ return(seed_relation) }}{%- endif -%}
    {%- set loaded = adapter.get_relation(database=target.database, schema='raw', identifier=table_name) -%}
    {{ return(loaded if loaded is not none else seed_relation) }}
{% endmacro %}
