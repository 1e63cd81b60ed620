with

base as (

    select * from {{ ref('base_mcd__eligibility') }}
    where not _ids_is_duplicate and len(_ids_reject_reasons) = 0

),

renamed as (

    select
        -- keys
        _ids_row_hash as eligibility_span_id,
        medicaid_id,

        -- identity (raw beside cleaned: linkage needs both)
        {{ ids_name_columns('first_name') }},
        {{ ids_name_columns('middle_initial') }},
        {{ ids_name_columns('last_name') }},
        {{ ids_dob_columns('dob') }},
        {{ ids_ssn_columns('ssn') }},

        -- demographics
        sex,

        -- eligibility span
        eligibility_group,
        elig_start,
        elig_end,
        elig_end is null as is_open_span,

        -- address
        {{ ids_zip5('zip') }} as zip5,

        -- lineage
        _ids_row_number as source_row_number,
        _ids_duplicates_collapsed as duplicates_collapsed

    from base

)

select * from renamed
