{#- One row per linked person, de-identified: the salted person_key, the family (family_key) and
    role in it, birth year (never the DOB), sex, the agencies that know the person, and the latest
    DHS county (never an address). -#}

with

persons as (

    select * from {{ ref('person_index') }}

),

person_keys as (

    select * from {{ ref('person_key_map') }}

),

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

-- the county of the person's latest DHS spell (ties: the later source row)
latest_county as (

    select
        crosswalk.person_id,
        dhs.county_fips
    from dhs
    inner join crosswalk
        on crosswalk.source_system = 'dhs' and dhs.client_id = crosswalk.source_person_id
    where dhs.county_fips is not null
    qualify row_number() over (
        partition by crosswalk.person_id
        order by dhs.spell_start desc, dhs.source_row_number desc
    ) = 1

),

final as (

    select
        person_keys.person_key,
        family_keys.family_key,
        family_crosswalk.role_in_family,
        cast(persons.birth_year as integer) as birth_year,
        persons.dob_is_estimated as birth_year_is_estimated,
        persons.sex,
        latest_county.county_fips,
        cast(persons.n_source_systems as integer) as n_agencies,
        {%- for system in ['dhs', 'ece', 'dol', 'doe', 'dcf', 'mcd', 'hmis', 'fadss'] %}
        list_contains(persons.source_systems, '{{ system }}') as is_known_to_{{ system }},
        {%- endfor %}
        persons.has_valid_ssn as is_wage_linkable,
        cast(extract(year from persons.first_seen_on) as integer) as first_seen_year,
        cast(extract(year from persons.last_seen_on) as integer) as last_seen_year
    from persons
    inner join person_keys on persons.person_id = person_keys.person_id
    left join family_crosswalk on persons.person_id = family_crosswalk.person_id
    left join family_keys on family_crosswalk.family_id = family_keys.family_id
    left join latest_county on persons.person_id = latest_county.person_id

)

select * from final
