{#- Validity flags at their natural grain: per extract, reason kind and column, how many rows the
    quarantine holds for that reason (a row with two reasons counts under each). Reader rejects are
    whole lines (column `*`). Counts are of extract rows, not persons; no row content leaves staging. -#}

with

rejected as (

    select * from {{ ref('stg_ids__rejected_rows') }}

),

reasons as (

    select
        rejected.agency,
        rejected.extract_name,
        rejected.rejected_row_id,
        unnest(rejected.reject_reasons) as reason
    from rejected

),

parsed as (

    select
        agency,
        extract_name,
        rejected_row_id,
        case
            when starts_with(reason, 'UNREADABLE_LINE:') then reason
            else split_part(reason, ':', 1)
        end as check_name,
        case
            when starts_with(reason, 'UNREADABLE_LINE:') or not contains(reason, ':') then '*'
            else split_part(reason, ':', 2)
        end as column_name
    from reasons

),

final as (

    select
        agency,
        extract_name,
        check_name,
        column_name,
        count(distinct rejected_row_id) as n_rows_flagged
    from parsed
    group by agency, extract_name, check_name, column_name

)

select * from final
