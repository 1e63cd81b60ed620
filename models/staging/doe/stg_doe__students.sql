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
        {{ ids_name_columns('first_name') }},
        {{ ids_name_columns('middle_name') }},
        {{ ids_name_columns('last_name') }},
        name_suffix,
        {{ ids_dob_columns('dob') }},

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
