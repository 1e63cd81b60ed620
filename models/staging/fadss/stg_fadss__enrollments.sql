with

base as (

    select * from {{ ref('base_fadss__enrollments') }}
    where not _ids_is_duplicate and len(_ids_reject_reasons) = 0

),

renamed as (

    select
        -- keys
        _ids_row_hash as enrollment_record_id,
        participant_id,
        family_id,
        provider_id,

        -- DHS case as typed by the provider (raw beside cleaned: the case link is fuzzy)
        dhs_case_id as dhs_case_id_raw,
        {{ fadss_clean_case_id('dhs_case_id') }} as dhs_case_id,
        {{ fadss_case_id_is_well_formed('dhs_case_id') }} as dhs_case_id_is_well_formed,

        -- identity (raw beside cleaned: linkage needs both)
        {{ ids_name_columns('first_name') }},
        {{ ids_name_columns('last_name') }},
        {{ ids_dob_columns('dob') }},

        -- enrollment
        role,
        enroll_date,
        exit_date,
        exit_date is null as is_open_enrollment,
        exit_reason,

        -- lineage
        _ids_row_number as source_row_number,
        _ids_duplicates_collapsed as duplicates_collapsed

    from base

)

select * from renamed
