{#- The quarantine: every raw row that could not be staged, from every extract, with why. Rows that
    failed a staging check come from the base models; lines the CSV reader could not read come from
    the loader. Restricted zone: the raw row is kept so the partner can be told what to fix. -#}
{%- set extracts = ids_partner_extracts() + ids_contract_config_tables() -%}

with

{% for e in extracts -%}
{%- set cols = ids_declared_columns(e.source, e.table) -%}
{%- set key_cols = ids_source_meta(e.source, e.table).get('row_key', []) -%}
{{ e.table }} as (

    select
        '{{ e.source }}' as agency,
        '{{ e.table }}' as extract_name,
        'staging_check' as rejected_by,
        _ids_row_number as source_row_number,
        {% if key_cols -%}
        concat_ws('|'{% for k in key_cols %}, coalesce("{{ k }}__text", ''){% endfor %})
        {%- else -%}
        cast(null as varchar)
        {%- endif %} as row_key,
        _ids_reject_reasons as reject_reasons,
        _ids_row_hash as row_hash,
        {% if cols -%}
        cast(json_object(
            {%- for c in cols %}'{{ c.name }}', "{{ c.name }}__text"{% if not loop.last %}, {% endif %}{% endfor -%}
        ) as varchar)
        {%- else -%}
        cast(null as varchar)
        {%- endif %} as raw_row
    from {{ ref('base_' ~ e.model[4:]) }}
    where not _ids_is_duplicate and len(_ids_reject_reasons) > 0

),

{% endfor -%}

unreadable_lines as (

    select
        extract_name,
        line_number,
        list(
            distinct 'UNREADABLE_LINE:' || replace(upper(error_type), ' ', '_')
            order by 'UNREADABLE_LINE:' || replace(upper(error_type), ' ', '_')
        ) as reject_reasons,
        min(raw_line) as raw_line
    from {{ source('ids_loader', 'ids_reader_rejects') }}
    group by extract_name, line_number

),

reader_rejects as (

    select
        split_part(extract_name, '_', 1) as agency,
        extract_name,
        'csv_reader' as rejected_by,
        line_number as source_row_number,
        cast(null as varchar) as row_key,
        reject_reasons,
        md5(extract_name || ':' || line_number) as row_hash,
        raw_line as raw_row
    from unreadable_lines

),

unioned as (

    {% for e in extracts -%}
    select * from {{ e.table }}
    union all
    {% endfor -%}
    select * from reader_rejects

),

final as (

    select
        md5(extract_name || ':' || rejected_by || ':' || row_hash) as rejected_row_id,
        agency,
        extract_name,
        rejected_by,
        source_row_number,
        row_key,
        reject_reasons,
        array_to_string(reject_reasons, ', ') as reject_reason_text,
        raw_row
    from unioned

)

select * from final
