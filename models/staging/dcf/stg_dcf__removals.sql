with

base as (

    select * from {{ ref('base_dcf__removals') }}
    where not _ids_is_duplicate and len(_ids_reject_reasons) = 0

),

renamed as (

    select
        -- keys
        _ids_row_hash as removal_record_id,
        removal_id,
        dcf_person_id,

        -- dates
        removal_date,
        discharge_date,
        discharge_date is null as is_open_episode,

        -- placement
        placement_setting,
        discharge_reason,

        -- lineage
        _ids_row_number as source_row_number,
        _ids_duplicates_collapsed as duplicates_collapsed

    from base

)

select * from renamed
