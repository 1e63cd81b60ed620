{#- Linkability flags per source system: of the distinct source person ids the linkage layer holds,
    how many carry a usable SSN, a full date of birth (present, not a placeholder, not estimated), and
    how many are linked to a person known to at least one other source. These are counts of persons
    (source person records), so the scorecard suppresses small cells. -#}
{%- set person_extracts = {
    'dhs': 'dhs_case_members', 'ece': 'ece_subsidy_authorizations', 'dol': 'dol_ui_wages',
    'doe': 'doe_students', 'dcf': 'dcf_persons', 'mcd': 'mcd_eligibility', 'hmis': 'hmis_client',
    'fadss': 'fadss_enrollments',
} -%}

with

identities as (

    select * from {{ ref('int_person_identities') }}

),

crosswalk as (

    select * from {{ ref('person_crosswalk') }}

),

person_sources as (

    select
        person_id,
        count(distinct source_system) as n_source_systems
    from crosswalk
    group by person_id

),

records as (

    select
        identities.source_system,
        identities.ssn is not null as has_valid_ssn,
        identities.dob is not null and not coalesce(identities.dob_is_estimated, false) as has_full_dob,
        coalesce(person_sources.n_source_systems, 1) > 1 as is_linked_elsewhere
    from identities
    left join crosswalk on identities.record_key = crosswalk.record_key
    left join person_sources on crosswalk.person_id = person_sources.person_id

),

final as (

    select
        source_system as agency,
        case source_system
            {%- for agency, extract in person_extracts.items() %}
            when '{{ agency }}' then '{{ extract }}'
            {%- endfor %}
            else source_system
        end as extract_name,
        count(*) as n_person_records,
        count(*) filter (where has_valid_ssn) as n_with_valid_socsec,
        count(*) filter (where has_full_dob) as n_with_full_birthday,
        count(*) filter (where is_linked_elsewhere) as n_linked_elsewhere
    from records
    group by source_system

)

select * from final
