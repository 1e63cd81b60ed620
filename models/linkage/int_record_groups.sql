{#- The families each source record was seen in, as the source recorded them: a DHS assistance case,
    a DCF maltreatment report (the child and the adults named in it), an ECE subsidy case (child and
    applying parent), an HMIS household, a FaDSS family. Linkage reads it as context: two records
    whose family members are the same people are likely the same member of that family. -#}

with

dhs as (

    select distinct
        'dhs:' || client_id as record_key,
        'dhs:' || case_id as group_key
    from {{ ref('stg_dhs__case_members') }}
    where client_id is not null and case_id is not null

),

dcf as (

    select distinct
        'dcf:' || dcf_person_id as record_key,
        'dcf:' || report_id as group_key
    from {{ ref('stg_dcf__reports') }}
    where dcf_person_id is not null and report_id is not null

),

ece_authorizations as (

    select * from {{ ref('stg_ece__subsidy_authorizations') }}
    where ece_case_id is not null

),

ece as (

    select distinct
        'ece:' || child_person_id as record_key,
        'ece:' || ece_case_id as group_key
    from ece_authorizations
    where child_person_id is not null
    union
    select distinct
        'ece:' || parent_person_id as record_key,
        'ece:' || ece_case_id as group_key
    from ece_authorizations
    where parent_person_id is not null

),

hmis as (

    select distinct
        'hmis:' || personal_id as record_key,
        'hmis:' || household_id as group_key
    from {{ ref('stg_hmis__enrollment') }}
    where personal_id is not null and household_id is not null

),

fadss as (

    select distinct
        'fadss:' || participant_id as record_key,
        'fadss:' || provider_id || ':' || family_id as group_key
    from {{ ref('stg_fadss__enrollments') }}
    where participant_id is not null and family_id is not null and provider_id is not null

),

final as (

    select * from dhs
    union
    select * from dcf
    union
    select * from ece
    union
    select * from hmis
    union
    select * from fadss

)

select * from final
