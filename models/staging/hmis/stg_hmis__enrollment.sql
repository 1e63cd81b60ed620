-- HUD's CamelCase columns (PersonalID, EntryDate, ...) are written in lower case here: DuckDB
-- resolves names case-insensitively, and the SQL style is lower case.
with

base as (

    select * from {{ ref('base_hmis__enrollment') }}
    where not _ids_is_duplicate and len(_ids_reject_reasons) = 0

),

renamed as (

    select
        -- keys
        _ids_row_hash as enrollment_record_id,
        enrollmentid as enrollment_id,
        personalid as personal_id,
        projectid as project_id,
        householdid as household_id,

        -- project and household
        projecttype as project_type,
        relationshiptohoh as relationship_to_hoh,

        -- dates
        entrydate as entry_date,
        exitdate as exit_date,
        moveindate as move_in_date,
        exitdate is null as is_open_enrollment,

        -- exit (the self-alias turns HUD's "Destination" into lower case)
        destination as destination,  -- noqa: AL09

        -- lineage
        _ids_row_number as source_row_number,
        _ids_duplicates_collapsed as duplicates_collapsed

    from base

)

select * from renamed
