{#- Coverage (spec: person_crosswalk holds "one row for every distinct source person id in every
    extract"): every person id of every staged extract is in the crosswalk, read from staging
    independently of the linkage models. The one exception the spec implies: a DOL wage row whose
    SSN is unusable names no one (its SSN is its only person id), so it never enters linkage. Any
    row returned is a source person id the crosswalk lost. -#}
{{ config(severity='error') }}

with

source_ids as (

    select distinct 'dhs' as source_system, client_id as source_person_id from {{ ref('stg_dhs__case_members') }}
    union
    select distinct 'ece', child_person_id from {{ ref('stg_ece__subsidy_authorizations') }}
    union
    select distinct 'ece', parent_person_id from {{ ref('stg_ece__subsidy_authorizations') }}
    union
    select distinct 'dol', ssn_raw from {{ ref('stg_dol__ui_wages') }} where ssn is not null
    union
    select distinct 'doe', state_student_id from {{ ref('stg_doe__students') }}
    union
    select distinct 'dcf', dcf_person_id from {{ ref('stg_dcf__persons') }}
    union
    select distinct 'mcd', medicaid_id from {{ ref('stg_mcd__eligibility') }}
    union
    select distinct 'hmis', personal_id from {{ ref('stg_hmis__client') }}
    union
    select distinct 'fadss', participant_id from {{ ref('stg_fadss__enrollments') }}

),

crosswalk as (

    select * from {{ ref('person_crosswalk') }}

)

select source_ids.*
from source_ids
left join crosswalk
    on
        source_ids.source_system = crosswalk.source_system
        and source_ids.source_person_id = crosswalk.source_person_id
where source_ids.source_person_id is not null and crosswalk.person_id is null
