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
        first_name as first_name_raw,
        {{ ids_clean_text('first_name') }} as first_name,
        last_name as last_name_raw,
        {{ ids_clean_text('last_name') }} as last_name,
        dob__text as dob_raw,
        {{ ids_dob_or_null('dob') }} as dob,
        {{ ids_is_placeholder_dob('dob') }} as dob_is_placeholder,
        coalesce(
            month({{ ids_dob_or_null('dob') }}) = 1 and day({{ ids_dob_or_null('dob') }}) = 1,
            false
        ) as dob_is_jan1,
        ssn as ssn_raw,
        {{ ids_valid_ssn('ssn') }} as ssn,
        {{ ids_ssn_status('ssn') }} as ssn_status,
        {{ ids_ssn_last4('ssn') }} as ssn_last4,

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
