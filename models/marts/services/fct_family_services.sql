{#- One row per family and service: the family's cumulative use of each program across agencies,
    summed over its members (fct_person_services), with the number of members served. -#}

with

person_services as (

    select * from {{ ref('fct_person_services') }}

),

person_keys as (

    select * from {{ ref('person_key_map') }}

),

family_crosswalk as (

    select
        person_id,
        family_id
    from {{ ref('family_crosswalk') }}

),

family_keys as (

    select * from {{ ref('family_key_map') }}

),

member_keys as (

    select
        person_keys.person_key,
        family_keys.family_key
    from family_crosswalk
    inner join person_keys on family_crosswalk.person_id = person_keys.person_id
    inner join family_keys on family_crosswalk.family_id = family_keys.family_id

),

final as (

    select
        member_keys.family_key,
        min(person_services.agency) as agency,
        person_services.service,
        cast(count(*) as integer) as n_members_served,
        cast(sum(person_services.n_spells) as integer) as n_spells,
        min(person_services.first_spell_start) as first_spell_start,
        max(person_services.last_spell_start) as last_spell_start,
        bool_or(person_services.has_open_spell) as has_open_spell,
        cast(sum(person_services.days_of_service) as integer) as member_days_of_service,
        cast(sum(person_services.months_of_service) as decimal(12, 2)) as member_months_of_service
    from person_services
    inner join member_keys on person_services.person_key = member_keys.person_key
    group by member_keys.family_key, person_services.service

)

select * from final
