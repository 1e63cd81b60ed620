with

base as (

    select * from {{ ref('base_dol__ui_wages') }}
    where not _ids_is_duplicate and len(_ids_reject_reasons) = 0

),

renamed as (

    select
        -- keys
        _ids_row_hash as wage_record_id,
        ssn as ssn_raw,
        case
            when regexp_full_match(replace(employer_ein, '-', ''), '\d{1,9}')
                then lpad(replace(employer_ein, '-', ''), 9, '0')
        end as employer_ein,

        -- identity (raw beside cleaned: linkage needs both)
        {{ ids_valid_ssn('ssn') }} as ssn,
        {{ ids_ssn_status('ssn') }} as ssn_status,
        {{ ids_ssn_last4('ssn') }} as ssn_last4,
        {{ ids_name_columns('last_name') }},
        first_initial as first_initial_raw,
        case
            when regexp_matches({{ ids_clean_text('first_initial') }}, '^\pL')
                then left({{ ids_clean_text('first_initial') }}, 1)
        end as first_initial,

        -- employer
        naics2,

        -- dates
        year,
        quarter,
        year * 4 + quarter - 1 as year_quarter,
        make_date(year, quarter * 3 - 2, 1) as quarter_start_date,

        -- amounts
        wages,

        -- lineage
        _ids_row_number as source_row_number,
        _ids_duplicates_collapsed as duplicates_collapsed

    from base

)

select * from renamed
