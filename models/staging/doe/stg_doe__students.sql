with

base as (

    select * from {{ ref('base_doe__students') }}
    where not _ids_is_duplicate and len(_ids_reject_reasons) = 0

),

renamed as (

    select
        -- keys
        _ids_row_hash as student_record_id,
        state_student_id,

        -- identity (raw beside cleaned: linkage needs both)
        first_name as first_name_raw,
        {{ ids_clean_text('first_name') }} as first_name,
        middle_name as middle_name_raw,
        {{ ids_clean_text('middle_name') }} as middle_name,
        last_name as last_name_raw,
        {{ ids_clean_text('last_name') }} as last_name,
        name_suffix,
        dob__text as dob_raw,
        {{ ids_dob_or_null('dob') }} as dob,
        {{ ids_is_placeholder_dob('dob') }} as dob_is_placeholder,

        -- demographics
        sex,
        race,
        hispanic,
        home_language,

        -- program flags
        ell,
        sped,
        frl,

        -- lineage
        _ids_row_number as source_row_number,
        _ids_duplicates_collapsed as duplicates_collapsed

    from base

)

select * from renamed
