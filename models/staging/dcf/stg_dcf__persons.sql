with

base as (

    select * from {{ ref('base_dcf__persons') }}
    where not _ids_is_duplicate and len(_ids_reject_reasons) = 0

),

renamed as (

    select
        -- keys
        _ids_row_hash as person_record_id,
        dcf_person_id,

        -- identity (raw beside cleaned: linkage needs both)
        {{ ids_name_columns('first_name') }},
        {{ ids_name_columns('last_name') }},
        {{ ids_dob_columns('dob') }},
        coalesce(
            month({{ ids_dob_or_null('dob') }}) = 1 and day({{ ids_dob_or_null('dob') }}) = 1,
            false
        ) as dob_is_jan1,
        {{ ids_ssn_columns('ssn') }},

        -- demographics
        sex,
        race,
        hispanic,

        -- lineage
        _ids_row_number as source_row_number,
        _ids_duplicates_collapsed as duplicates_collapsed

    from base

)

select * from renamed
