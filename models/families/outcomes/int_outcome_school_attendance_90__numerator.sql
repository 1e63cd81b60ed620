{#- SCHOOL_ATTENDANCE_90 measure: rate = sum of days_attended / sum of days_enrolled over the child's
    DOE enrollments of school year Y (all schools); achieved when rate >= 0.90 (compared exactly:
    10 x attended >= 9 x enrolled); pending while Jun 15 of Y + 1 is after as_of_date; not measurable
    with no enrollment in Y or no enrolled day. -#}

with

denominator as (

    select * from {{ ref('int_outcome_school_attendance_90__denominator') }}

),

exclusions as (

    select * from {{ ref('int_outcome_school_attendance_90__exclusions') }}

),

crosswalk as (

    select * from {{ ref('person_crosswalk') }}
    where source_system = 'doe'

),

enrollments as (

    select * from {{ ref('stg_doe__enrollments') }}

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

attendance as (

    select
        children.contract_id,
        children.outcome_id,
        children.unit_id,
        sum(enrollments.days_attended) as days_attended,
        sum(enrollments.days_enrolled) as days_enrolled,
        list(
            {
                'evidence_type': 'school_enrollment',
                'source_system': 'doe',
                'source_record_ids': [enrollments.enrollment_id],
                'evidence_record_keys': [crosswalk.record_key],
                'anchor_record_key': children.record_key,
                'event_date': enrollments.entry_date,
                'event_detail': 'school ' || enrollments.school_id || ' ' || enrollments.school_year
                || ': attended ' || coalesce(cast(enrollments.days_attended as varchar), '?')
                || ' of ' || coalesce(cast(enrollments.days_enrolled as varchar), '?') || ' days'
            }
            order by enrollments.entry_date, enrollments.enrollment_id
        ) as evidence
    from children
    inner join crosswalk on children.person_id = crosswalk.person_id
    inner join enrollments
        on
            crosswalk.source_person_id = enrollments.state_student_id
            and children.school_year_start = enrollments.school_year_start
    group by children.contract_id, children.outcome_id, children.unit_id

),

statused as (

    select
        children.*,
        attendance.days_attended,
        attendance.days_enrolled,
        attendance.evidence,
        case
            when children.window_end_date > children.as_of_date then 'pending'
            when attendance.unit_id is null then 'not_measurable'
            when coalesce(attendance.days_enrolled, 0) = 0 then 'not_measurable'
            when 10 * coalesce(attendance.days_attended, 0) >= 9 * attendance.days_enrolled then 'achieved'
            else 'not_achieved'
        end as status
    from children
    left join attendance
        on
            children.contract_id = attendance.contract_id
            and children.outcome_id = attendance.outcome_id
            and children.unit_id = attendance.unit_id

),

final as (

    select
        contract_id,
        outcome_id,
        unit_id,
        status,
        case
            when status = 'pending' then 'school year ends after as_of_date'
            when days_enrolled is null then 'no DOE enrollment in the school year'
            when days_enrolled = 0 then 'no enrolled day in the school year'
            else 'attended ' || coalesce(days_attended, 0) || ' of ' || days_enrolled || ' enrolled days'
        end as status_reason,
        case
            when status in ('achieved', 'not_achieved')
                then cast(cast(coalesce(days_attended, 0) as decimal(18, 6)) / days_enrolled as decimal(18, 6))
        end as outcome_value,
        case when status in ('achieved', 'not_achieved') then window_end_date end as decided_on,
        evidence
    from statused

)

select * from final
