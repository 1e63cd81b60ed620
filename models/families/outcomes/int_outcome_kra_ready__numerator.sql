{#- KRA_READY measure: achieved with a KRA row with proficient = Y in year K; not achieved with KRA
    rows in K and none proficient; without a KRA row in K pending while Dec 31 of K is after
    as_of_date, else not measurable. -#}

with

denominator as (

    select * from {{ ref('int_outcome_kra_ready__denominator') }}

),

exclusions as (

    select * from {{ ref('int_outcome_kra_ready__exclusions') }}

),

crosswalk as (

    select * from {{ ref('person_crosswalk') }}
    where source_system = 'doe'

),

assessments as (

    select * from {{ ref('stg_doe__assessments') }}
    where assessment = 'KRA'

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

kra as (

    select
        children.contract_id,
        children.outcome_id,
        children.unit_id,
        bool_or(assessments.proficient = 'Y') as is_ready,
        list(
            {
                'evidence_type': 'kra_assessment',
                'source_system': 'doe',
                'source_record_ids': [assessments.assessment_result_id],
                'evidence_record_keys': [crosswalk.record_key],
                'anchor_record_key': children.record_key,
                'event_date': assessments.school_year_start_date,
                'event_detail': 'KRA ' || assessments.school_year || ' scale '
                || coalesce(cast(assessments.scale_score as varchar), '?')
                || ' proficient ' || coalesce(assessments.proficient, '?')
            }
            order by assessments.assessment_result_id
        ) as evidence
    from children
    inner join crosswalk on children.person_id = crosswalk.person_id
    inner join assessments
        on
            crosswalk.source_person_id = assessments.state_student_id
            and children.kindergarten_year = assessments.school_year_start
    group by children.contract_id, children.outcome_id, children.unit_id

),

statused as (

    select
        children.*,
        kra.is_ready,
        kra.evidence,
        case
            when kra.is_ready then 'achieved'
            when kra.unit_id is not null then 'not_achieved'
            when children.window_end_date > children.as_of_date then 'pending'
            else 'not_measurable'
        end as status
    from children
    left join kra
        on
            children.contract_id = kra.contract_id
            and children.outcome_id = kra.outcome_id
            and children.unit_id = kra.unit_id

),

final as (

    select
        contract_id,
        outcome_id,
        unit_id,
        status,
        case
            when status = 'achieved' then 'KRA demonstrating readiness in the kindergarten year'
            when status = 'not_achieved' then 'KRA not demonstrating readiness in the kindergarten year'
            when status = 'pending' then 'no KRA row yet; Dec 31 of the kindergarten year after as_of_date'
            else 'no KRA row in the kindergarten year'
        end as status_reason,
        cast(months_of_subsidy as decimal(18, 6)) as outcome_value,
        case when status in ('achieved', 'not_achieved') then kindergarten_start_date end as decided_on,
        evidence
    from statused

)

select * from final
