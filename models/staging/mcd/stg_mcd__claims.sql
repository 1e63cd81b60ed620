with

base as (

    select * from {{ ref('base_mcd__claims') }}
    where not _ids_is_duplicate and len(_ids_reject_reasons) = 0

),

renamed as (

    select
        -- keys
        _ids_row_hash as claim_record_id,
        claim_id,
        medicaid_id,

        -- service
        service_date,
        service_category,

        -- restricted: health information, never selected into marts
        {{ ids_clean_text('primary_dx') }} as primary_dx,

        -- amounts
        paid_amount,

        -- lineage
        _ids_row_number as source_row_number,
        _ids_duplicates_collapsed as duplicates_collapsed

    from base

)

select * from renamed
