{#- The family index: one row per person_id of linkage.person_index, with the family the person
    belongs to and their role in it. A person seen in no stated household context is a family of
    one; their role comes from int_person_role_evidence: PARENT for a Medicaid caretaker or pregnant
    adult (their children are in no extract with them), CHILD for a person known as a child (a
    student, a Medicaid child, a child removed from home) or under 18 when last seen, else
    OTHER_ADULT. family_id comes from
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

evidence as (

    select * from {{ ref('int_person_role_evidence') }}

),

alone as (

    select
        person_id,
        case
            when is_caretaker and coalesce(age_last_seen >= 18, true) then 'CARETAKER_ELIGIBILITY'
            when is_known_child then 'CHILD_PROGRAM'
            when age_last_seen < 18 then 'UNDER_18'
            else 'ADULT_IN_NO_HOUSEHOLD'
        end as role_basis
    from evidence

),

joined as (

    select
        persons.person_id,
        registry.family_id,
        coalesce(
            members.role_in_family,
            case alone.role_basis
                when 'CARETAKER_ELIGIBILITY' then 'PARENT'
                when 'CHILD_PROGRAM' then 'CHILD'
                when 'UNDER_18' then 'CHILD'
                else 'OTHER_ADULT'
            end
        ) as role_in_family,
        coalesce(members.role_basis, 'NO_HOUSEHOLD_' || alone.role_basis) as role_basis
    from persons
    inner join registry on persons.person_id = registry.person_id
    inner join alone on persons.person_id = alone.person_id
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
