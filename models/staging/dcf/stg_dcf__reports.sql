with

base as (

    select * from {{ ref('base_dcf__reports') }}
    where not _ids_is_duplicate and len(_ids_reject_reasons) = 0

),

renamed as (

    select
        -- keys
        _ids_row_hash as report_person_id,
        report_id,
        dcf_person_id,

        -- report
        report_date,
        role,
        allegation,
        screened_in,
        finding,

        -- lineage
        _ids_row_number as source_row_number,
        _ids_duplicates_collapsed as duplicates_collapsed

    from base

)

select * from renamed
