{#- The one place the salted HMAC key of every family is computed (restricted zone: it holds
    family_id beside family_key; added by the marts branch). The key UDF runs in Python, so the
    family marts join this map instead of hashing each family once per mart. -#}

with

families as (

    select distinct family_id from {{ ref('family_crosswalk') }}

),

final as (

    select
        family_id,
        {{ ids_family_key('family_id') }} as family_key
    from families

)

select * from final
