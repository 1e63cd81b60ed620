{#- Uniqueness flags per extract: exact re-sent copies (collapsed by staging), and rows whose natural
    key (the source's `row_key` columns) is shared with another, different row: two versions of one
    record. Staging keeps the last version and quarantines the earlier ones (DUPLICATE_KEY); where
    the key is not unique by the spec (DOL adjustments) the staged rows share it. Counts are of
    extract rows, not persons. -#}
{%- set extracts = ids_partner_extracts() -%}

with

{% for e in extracts -%}
{%- set key_cols = ids_source_meta(e.source, e.table).get('row_key', []) %}
{{ e.table }} as (

    select
        '{{ e.source }}' as agency,
        '{{ e.table }}' as extract_name,
        '{{ key_cols | join("|") }}' as row_key_columns,
        count(*) as n_rows_sent,
        count(*) filter (where _ids_is_duplicate) as n_exact_duplicates,
        count(*) filter (where not _ids_is_duplicate and len(_ids_reject_reasons) = 0) as n_rows_staged,
        {% if key_cols -%}
        count(
            distinct case
                when not _ids_is_duplicate and len(_ids_reject_reasons) = 0
                    then concat_ws('|'{% for k in key_cols %}, coalesce("{{ k }}__text", ''){% endfor %})
            end
        )
        {%- else -%}
        count(*) filter (where not _ids_is_duplicate and len(_ids_reject_reasons) = 0)
        {%- endif %} as n_distinct_row_keys,
        count(*) filter (
            where len(list_filter(_ids_reject_reasons, reason -> starts_with(reason, 'DUPLICATE_KEY'))) > 0
        ) as n_key_duplicates_quarantined
    from {{ ref('base_' ~ e.model[4:]) }}

),

{% endfor -%}

unioned as (

    {% for e in extracts -%}
    select * from {{ e.table }}
    {% if not loop.last %}union all
    {% endif -%}
    {% endfor %}

),

final as (

    select
        agency,
        extract_name,
        row_key_columns,
        n_rows_sent,
        n_exact_duplicates,
        n_rows_staged,
        n_rows_staged - n_distinct_row_keys + n_key_duplicates_quarantined as n_rows_sharing_a_key
    from unioned

)

select * from final
