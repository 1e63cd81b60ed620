with

source as (

    select * from {{ source('truth', 'truth_person_map') }}

),

renamed as (

    select
        lower(trim(source_system)) as source_system,
        trim(source_person_id) as source_person_id,
        trim(true_person_id) as true_person_id
    from source

)

select * from renamed
