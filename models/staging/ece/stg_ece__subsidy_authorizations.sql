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
        {{ ids_name_columns('child_first_name') }},
        {{ ids_name_columns('child_last_name') }},
        {{ ids_dob_columns('child_dob') }},

        -- parent identity
        {{ ids_name_columns('parent_first_name') }},
        {{ ids_name_columns('parent_last_name') }},
        {{ ids_dob_columns('parent_dob') }},
        {{ ids_ssn_columns('parent_ssn') }},

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
