{#- WELL_CHILD_VISIT measure: achieved as soon as a mcd_claims row of category WELL_CHILD has
    service_date in [entry, entry + window_months]; pending while not achieved and the window ends
    after as_of_date; not measurable when the child is linked to no mcd_eligibility row at all. -#}

with

denominator as (

    select * from {{ ref('int_outcome_well_child_visit__denominator') }}

),

exclusions as (

    select * from {{ ref('int_outcome_well_child_visit__exclusions') }}

),

crosswalk as (

    select * from {{ ref('person_crosswalk') }}
    where source_system = 'mcd'

),

claims as (

    select * from {{ ref('stg_mcd__claims') }}
    where service_category = 'WELL_CHILD'

),

eligibility as (

    select distinct medicaid_id from {{ ref('stg_mcd__eligibility') }}

),

children as (

    select denominator.*
    from denominator
    left join exclusions
        on
            denominator.contract_id = exclusions.contract_id
            and denominator.outcome_id = exclusions.outcome_id
            and denominator.unit_id = exclusions.unit_id
    where exclusions.unit_id is null

),

visits as (

    select
        children.contract_id,
        children.outcome_id,
        children.unit_id,
        min(claims.service_date) as first_visit_date,
        list(
            {
                'evidence_type': 'well_child_claim',
                'source_system': 'mcd',
                'source_record_ids': [claims.claim_record_id],
                'evidence_record_keys': [crosswalk.record_key],
                'anchor_record_key': children.record_key,
                'event_date': claims.service_date,
                'event_detail': 'claim ' || claims.claim_id || ' WELL_CHILD on ' || cast(claims.service_date as varchar)
            }
            order by claims.service_date, claims.claim_id
        ) as evidence
    from children
    inner join crosswalk on children.person_id = crosswalk.person_id
    inner join claims
        on
            crosswalk.source_person_id = claims.medicaid_id
            and claims.service_date between children.entry_date and children.window_end_date
    group by children.contract_id, children.outcome_id, children.unit_id

),

enrolled as (

    select distinct crosswalk.person_id
    from crosswalk
    inner join eligibility on crosswalk.source_person_id = eligibility.medicaid_id

),

statused as (

    select
        children.*,
        visits.first_visit_date,
        visits.evidence,
        case
            when visits.first_visit_date is not null then 'achieved'
            when children.window_end_date > children.as_of_date then 'pending'
            when enrolled.person_id is null then 'not_measurable'
            else 'not_achieved'
        end as status
    from children
    left join visits
        on
            children.contract_id = visits.contract_id
            and children.outcome_id = visits.outcome_id
            and children.unit_id = visits.unit_id
    left join enrolled on children.person_id = enrolled.person_id

),

final as (

    select
        contract_id,
        outcome_id,
        unit_id,
        status,
        case
            when status = 'achieved' then 'well-child claim ' || {{ dbt.datediff('entry_date', 'first_visit_date', 'day') }} || ' days after entry'
            when status = 'pending' then 'window ends after as_of_date; no well-child claim yet'
            when status = 'not_measurable' then 'child linked to no Medicaid eligibility row'
            else 'no well-child claim within the window'
        end as status_reason,
        case
            when status = 'achieved'
                then cast({{ dbt.datediff('entry_date', 'first_visit_date', 'day') }} as decimal(18, 6))
        end as outcome_value,
        case
            when status = 'achieved' then first_visit_date
            when status = 'not_achieved' then window_end_date
        end as decided_on,
        evidence
    from statused

)

select * from final
