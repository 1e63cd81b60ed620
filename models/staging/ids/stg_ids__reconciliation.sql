{#- Nothing is lost: for every extract, the rows the partner sent equal the rows staged, plus the
    rows quarantined, plus the exact duplicate copies collapsed. Counted independently from the raw
    source, the staging model, the quarantine and the loader's reject log. -#}
{%- set extracts = ids_partner_extracts() -%}

with

{% for e in extracts -%}
{{ e.table }} as (

    select
        '{{ e.source }}' as agency,
        '{{ e.table }}' as extract_name,
        (select count(*) as n from {{ source(e.source, e.table) }}) as rows_loaded,
        (select count(*) as n from {{ ref(e.model) }}) as rows_staged,
        (
            select count(*) as n from {{ ref('base_' ~ e.model[4:]) }}
            where _ids_is_duplicate
        ) as rows_collapsed_duplicates

),

{% endfor -%}

counted as (

    {% for e in extracts -%}
    select * from {{ e.table }}
    {% if not loop.last %}union all
    {% endif -%}
    {% endfor %}

),

quarantined as (

    select
        extract_name,
        count(*) filter (where rejected_by = 'staging_check') as rows_quarantined,
        count(*) filter (where rejected_by = 'csv_reader') as lines_unreadable
    from {{ ref('stg_ids__rejected_rows') }}
    group by extract_name

),

load_log as (

    select
        extract_name,
        max(load_mode) as load_mode,
        max(file_path) as file_path,
        max(file_format) as file_format,
        sum(rows_rejected_by_reader) as lines_rejected_by_reader,
        coalesce(sum(lines_transcoded), 0) as lines_transcoded,
        max(loaded_at) as loaded_at,
        max(file_modified_at) as file_modified_at,
        string_agg(load_notes, '; ') as load_notes
    from {{ source('ids_loader', 'ids_load_log') }}
    group by extract_name

),

final as (

    select
        counted.agency,
        counted.extract_name,
        load_log.load_mode,
        load_log.file_path,
        load_log.file_format,
        counted.rows_loaded + coalesce(quarantined.lines_unreadable, 0) as rows_received,
        counted.rows_loaded,
        counted.rows_staged,
        coalesce(quarantined.rows_quarantined, 0) as rows_quarantined,
        coalesce(quarantined.lines_unreadable, 0) as lines_unreadable,
        counted.rows_collapsed_duplicates,
        coalesce(load_log.lines_rejected_by_reader, 0) as lines_rejected_by_reader,
        coalesce(load_log.lines_transcoded, 0) as lines_transcoded,
        load_log.loaded_at,
        load_log.file_modified_at,
        coalesce(load_log.load_notes, '') as load_notes,
        counted.rows_loaded
        = counted.rows_staged
        + coalesce(quarantined.rows_quarantined, 0)
        + counted.rows_collapsed_duplicates
        and coalesce(quarantined.lines_unreadable, 0)
        = coalesce(load_log.lines_rejected_by_reader, 0) as is_reconciled
    from counted
    left join quarantined on counted.extract_name = quarantined.extract_name
    left join load_log on counted.extract_name = load_log.extract_name

)

select * from final
