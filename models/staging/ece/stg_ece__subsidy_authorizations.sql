with

base as (

    select * from {{ ref('base_ece__subsidy_authorizations') }}
    where not _ids_is_duplicate and len(_ids_reject_reasons) = 0

),

renamed as (

    select
        -- keys
        _ids_row_hash as child_authorization_id,
        authorization_id,
        ece_case_id,
        child_person_id,
        parent_person_id,

        -- child identity (raw beside cleaned: linkage needs both)
        child_first_name as child_first_name_raw,
        {{ ids_clean_text('child_first_name') }} as child_first_name,
        child_last_name as child_last_name_raw,
        {{ ids_clean_text('child_last_name') }} as child_last_name,
        child_dob__text as child_dob_raw,
        {{ ids_dob_or_null('child_dob') }} as child_dob,
        {{ ids_is_placeholder_dob('child_dob') }} as child_dob_is_placeholder,

        -- parent identity
        parent_first_name as parent_first_name_raw,
        {{ ids_clean_text('parent_first_name') }} as parent_first_name,
        parent_last_name as parent_last_name_raw,
        {{ ids_clean_text('parent_last_name') }} as parent_last_name,
        parent_dob__text as parent_dob_raw,
        {{ ids_dob_or_null('parent_dob') }} as parent_dob,
        {{ ids_is_placeholder_dob('parent_dob') }} as parent_dob_is_placeholder,
        parent_ssn as parent_ssn_raw,
        {{ ids_valid_ssn('parent_ssn') }} as parent_ssn,
        {{ ids_ssn_status('parent_ssn') }} as parent_ssn_status,
        {{ ids_ssn_last4('parent_ssn') }} as parent_ssn_last4,

        -- provider
        provider_id,
        {{ ids_clean_text('provider_name') }} as provider_name,
        provider_quality_rating,

        -- authorization
        auth_start,
        auth_end,
        auth_end is null as is_open_authorization,
        reason,
        weekly_hours,

        -- lineage
        _ids_row_number as source_row_number,
        _ids_duplicates_collapsed as duplicates_collapsed

    from base

)

select * from renamed
