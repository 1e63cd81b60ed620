-- HUD's CamelCase columns (PersonalID, EntryDate, ...) are written in lower case here: DuckDB
-- resolves names case-insensitively, and the SQL style is lower case.
with

base as (

    select * from {{ ref('base_hmis__client') }}
    where not _ids_is_duplicate and len(_ids_reject_reasons) = 0

),

renamed as (

    select
        -- keys
        _ids_row_hash as client_record_id,
        personalid as personal_id,

        -- identity (raw beside cleaned: linkage needs both)
        {{ ids_name_columns('firstname', 'first_name') }},
        {{ ids_name_columns('middlename', 'middle_name') }},
        {{ ids_name_columns('lastname', 'last_name') }},
        nullif(replace({{ ids_clean_text('namesuffix') }}, '.', ''), '') as name_suffix,
        namedataquality as name_data_quality,
        coalesce(namedataquality = 2, false) as name_is_partial,
        {{ ids_dob_columns('dob') }},
        dobdataquality as dob_data_quality,
        coalesce(dobdataquality = 2, false) as dob_is_approximate,
        coalesce(dobdataquality in (8, 9, 99), false) as dob_is_reported_unknown,
        {{ ids_ssn_columns('ssn') }},
        ssndataquality as ssn_data_quality,

        -- demographics
        sex as sex_code,
        case
            when sex = 0 then 'F'
            when sex = 1 then 'M'
            when sex in (8, 9, 99) then 'U'
        end as sex,

        -- lineage
        _ids_row_number as source_row_number,
        _ids_duplicates_collapsed as duplicates_collapsed

    from base

)

select * from renamed
