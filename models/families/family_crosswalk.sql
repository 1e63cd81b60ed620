{#- The family index: one row per person_id of linkage.person_index, with the family the person
    belongs to and their role in it. A person seen in no stated household context is a family of
    one (role CHILD when under 18 when last seen, else OTHER_ADULT). family_id comes from
    family_registry and is stable across batches. Restricted; marts carry only
    ids_family_key('family_id'). -#}

with

persons as (

    select * from {{ ref('person_index') }}

),

registry as (

    select * from {{ ref('family_registry') }}

),

members as (

    select * from {{ ref('int_family_members') }}

),

joined as (

    select
        persons.person_id,
        registry.family_id,
        coalesce(
            members.role_in_family,
            case
                when {{ dbt.datediff('persons.dob', 'persons.last_seen_on', 'day') }} / 365.25 < 18
                    then 'CHILD'
                else 'OTHER_ADULT'
            end
        ) as role_in_family,
        coalesce(members.role_basis, 'NO_STATED_HOUSEHOLD') as role_basis
    from persons
    inner join registry on persons.person_id = registry.person_id
    left join members on persons.person_id = members.person_id

),

final as (

    select
        cast(person_id as varchar) as person_id,
        cast(family_id as varchar) as family_id,
        cast(role_in_family as varchar) as role_in_family,
        cast(role_basis as varchar) as role_basis,
        cast(count(*) over (partition by family_id) as bigint) as family_size,
        count(*) over (partition by family_id) = 1 as is_family_of_one
    from joined

)

select * from final
