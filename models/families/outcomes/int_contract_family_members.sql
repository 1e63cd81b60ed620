{#- FaDSS families of every contract cohort and their members: the persons on the family's qualifying
    rows (one row per family and person; role CHILD on any qualifying row makes the person one of the
    family's children). -#}

with

contracts as (

    select * from {{ ref('stg_contracts__contracts') }}
    where program = 'FADSS'

),

crosswalk as (

    select * from {{ ref('person_crosswalk') }}
    where source_system = 'fadss'

),

fadss as (

    select * from {{ ref('stg_fadss__enrollments') }}

),

qualifying_rows as (

    select
        contracts.contract_id,
        fadss.provider_id || '|' || fadss.family_id as unit_id,
        crosswalk.person_id,
        crosswalk.record_key,
        fadss.participant_id,
        fadss.role
    from contracts
    inner join fadss
        on
            contracts.provider_id = fadss.provider_id
            and contracts.start_date <= fadss.enroll_date
            and contracts.end_date >= fadss.enroll_date
    inner join crosswalk on fadss.participant_id = crosswalk.source_person_id

),

final as (

    select
        contract_id,
        unit_id,
        person_id,
        min(record_key) as record_key,
        min(participant_id) as participant_id,
        bool_or(role = 'CHILD') as is_child
    from qualifying_rows
    group by contract_id, unit_id, person_id

)

select * from final
