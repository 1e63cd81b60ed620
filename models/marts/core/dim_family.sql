{#- One row per family of the family index (family_crosswalk), de-identified: the salted family_key,
    its members by role, its household type on the as-of date (HUD LSA: adult 18+; members of
    unknown age do not decide it) and the county of the latest DHS spell of any member. -#}

with

family_crosswalk as (

    select
        person_id,
        family_id,
        role_in_family
    from {{ ref('family_crosswalk') }}

),

family_keys as (

    select * from {{ ref('family_key_map') }}

),

persons as (

    select
        person_id,
        dob
    from {{ ref('person_index') }}

),

crosswalk as (

    select
        source_system,
        source_person_id,
        person_id
    from {{ ref('person_crosswalk') }}

),

dhs as (

    select
        client_id,
        county_fips,
        spell_start,
        source_row_number
    from {{ ref('stg_dhs__case_members') }}

),

quarters as (

    select * from {{ ref('dim_quarter') }}

),

as_of as (

    select max(as_of_date) as as_of_date from quarters

),

members as (

    select
        family_crosswalk.family_id,
        family_crosswalk.role_in_family,
        {{ ids_age_on('persons.dob', 'as_of.as_of_date') }} as age_on_as_of_date
    from family_crosswalk
    left join persons on family_crosswalk.person_id = persons.person_id
    cross join as_of

),

per_family as (

    select
        family_id,
        count(*) as n_members,
        count(case when role_in_family = 'PARENT' then 1 end) as n_parents,
        count(case when role_in_family = 'CHILD' then 1 end) as n_children,
        count(case when role_in_family = 'GRANDPARENT' then 1 end) as n_grandparents,
        count(case when role_in_family = 'OTHER_ADULT' then 1 end) as n_other_adults,
        count(case when age_on_as_of_date >= 18 then 1 end) as n_adults_now,
        count(case when age_on_as_of_date < 18 then 1 end) as n_minors_now
    from members
    group by family_id

),

latest_county as (

    select
        family_crosswalk.family_id,
        dhs.county_fips
    from dhs
    inner join crosswalk
        on crosswalk.source_system = 'dhs' and dhs.client_id = crosswalk.source_person_id
    inner join family_crosswalk on crosswalk.person_id = family_crosswalk.person_id
    where dhs.county_fips is not null
    qualify row_number() over (
        partition by family_crosswalk.family_id
        order by dhs.spell_start desc, dhs.county_fips asc
    ) = 1

),

final as (

    select
        family_keys.family_key,
        cast(per_family.n_members as integer) as n_members,
        cast(per_family.n_parents as integer) as n_parents,
        cast(per_family.n_children as integer) as n_children,
        cast(per_family.n_grandparents as integer) as n_grandparents,
        cast(per_family.n_other_adults as integer) as n_other_adults,
        per_family.n_members = 1 as is_family_of_one,
        case
            when per_family.n_adults_now > 0 and per_family.n_minors_now > 0 then 'ADULT_CHILD'
            when per_family.n_adults_now > 0 then 'ADULT_ONLY'
            when per_family.n_minors_now > 0 then 'CHILD_ONLY'
            else 'UNKNOWN'
        end as household_type,
        latest_county.county_fips
    from per_family
    inner join family_keys on per_family.family_id = family_keys.family_id
    left join latest_county on per_family.family_id = latest_county.family_id

)

select * from final
