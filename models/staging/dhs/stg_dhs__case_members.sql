with

base as (

    select * from {{ ref('base_dhs__case_members') }}
    where not _ids_is_duplicate and len(_ids_reject_reasons) = 0

),

renamed as (

    select
        -- keys
        _ids_row_hash as case_member_spell_id,
        case_id,
        client_id,

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
        ssn as ssn_raw,
        {{ ids_valid_ssn('ssn') }} as ssn,
        {{ ids_ssn_status('ssn') }} as ssn_status,
        {{ ids_ssn_last4('ssn') }} as ssn_last4,

        -- demographics
        sex,
        race,
        hispanic,

        -- case and spell
        relationship_to_head,
        program,
        spell_start,
        spell_end,
        spell_end is null as is_open_spell,
        monthly_benefit,

        -- address
        {{ ids_clean_text('address_line') }} as address_line,
        {{ ids_clean_text('city') }} as city,
        {{ ids_zip5('zip') }} as zip5,
        case
            when regexp_full_match(county_fips, '\d{1,5}') then lpad(county_fips, 5, '0')
        end as county_fips,

        -- lineage
        _ids_row_number as source_row_number,
        _ids_duplicates_collapsed as duplicates_collapsed

    from base

)

select * from renamed
