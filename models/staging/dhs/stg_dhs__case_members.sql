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
        {{ ids_name_columns('first_name') }},
        {{ ids_name_columns('middle_name') }},
        {{ ids_name_columns('last_name') }},
        name_suffix,
        {{ ids_dob_columns('dob') }},
        {{ ids_ssn_columns('ssn') }},

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
