with

source as (

    select * from {{ source('truth', 'truth_family_map') }}

),

renamed as (

    select
        trim(true_person_id) as true_person_id,
        trim(true_family_id) as true_family_id,
        upper(trim(role_in_family)) as role_in_family
    from source

)

select * from renamed
