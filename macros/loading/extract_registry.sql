{#- The partner extracts the warehouse stages, as (source name, table name, staging model) triples.
    The quarantine and the reconciliation iterate over this list; sources.yml holds the columns. -#}
{% macro ids_partner_extracts() %}
    {{ return([
        {'source': 'dhs', 'table': 'dhs_case_members', 'model': 'stg_dhs__case_members'},
        {'source': 'ece', 'table': 'ece_subsidy_authorizations', 'model': 'stg_ece__subsidy_authorizations'},
        {'source': 'dol', 'table': 'dol_ui_wages', 'model': 'stg_dol__ui_wages'},
        {'source': 'doe', 'table': 'doe_students', 'model': 'stg_doe__students'},
        {'source': 'doe', 'table': 'doe_enrollments', 'model': 'stg_doe__enrollments'},
        {'source': 'doe', 'table': 'doe_assessments', 'model': 'stg_doe__assessments'},
        {'source': 'dcf', 'table': 'dcf_persons', 'model': 'stg_dcf__persons'},
        {'source': 'dcf', 'table': 'dcf_reports', 'model': 'stg_dcf__reports'},
        {'source': 'dcf', 'table': 'dcf_removals', 'model': 'stg_dcf__removals'},
        {'source': 'mcd', 'table': 'mcd_eligibility', 'model': 'stg_mcd__eligibility'},
        {'source': 'mcd', 'table': 'mcd_claims', 'model': 'stg_mcd__claims'},
        {'source': 'hmis', 'table': 'hmis_client', 'model': 'stg_hmis__client'},
        {'source': 'hmis', 'table': 'hmis_enrollment', 'model': 'stg_hmis__enrollment'},
        {'source': 'fadss', 'table': 'fadss_enrollments', 'model': 'stg_fadss__enrollments'},
    ]) }}
{% endmacro %}


{#- Declared columns of a source table, from its sources.yml entry (the contract), in order. Each
    item: name, data_type, meta. Only meaningful at execution time (the graph is empty at parse). -#}
{% macro ids_declared_columns(source_name, table_name) %}
    {%- set found = [] -%}
    {%- set node = ids_source_node(source_name, table_name) -%}
    {%- if node is none -%}{{ return(found) }}{%- endif -%}
    {%- for col in node.columns.values() -%}
        {%- do found.append({
            'name': col.name,
            'data_type': (col.data_type or 'varchar') | lower,
            'meta': ids_meta_of(col),
        }) -%}
    {%- endfor -%}
    {{ return(found) }}
{% endmacro %}
