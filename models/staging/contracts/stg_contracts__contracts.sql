with

base as (

    select * from {{ ref('base_contracts__contracts') }}
    where not _ids_is_duplicate and len(_ids_reject_reasons) = 0

),

renamed as (

    select
        contract_id,
        contract_name,
        program,
        provider_id,
        start_date,
        end_date,
        max_payment,
        _ids_row_number as source_row_number
    from base

)

select * from renamed
