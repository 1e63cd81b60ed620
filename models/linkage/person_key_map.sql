{#- The one place the salted HMAC key of every person is computed (restricted zone: it holds
    person_id beside person_key). The key UDF runs in Python, so the marts join this map instead
    of hashing the same person once per mart. -#}

with

persons as (

    select person_id from {{ ref('person_index') }}

),

final as (

    select
        person_id,
        {{ ids_person_key('person_id') }} as person_key
    from persons

)

select * from final
