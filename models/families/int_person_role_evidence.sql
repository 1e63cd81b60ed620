{#- What the extracts say about a person's place in a family outside any household context: one
    row per person_id of linkage.person_index.
    * is_caretaker: Medicaid eligibility as PARENT_CARETAKER (a parent or caretaker relative of a
      dependent child) or PREGNANT;
    * is_known_child: a K-12 student (DOE), a Medicaid CHILD or CHIP member, or a child placed out
      of home (DCF removals); a person once known as a child stays the child of their family when
      adult;
    * age_last_seen: years from the resolved DOB to the person's last event (null without a DOB).
    family_crosswalk uses it for the role of a person in no stated household, and
    int_family_members for an adult whose households show no child. -#}

with

persons as (

    select * from {{ ref('person_index') }}

),

crosswalk as (

    select * from {{ ref('person_crosswalk') }}

),

medicaid as (

    select
        crosswalk.person_id,
        bool_or(eligibility.eligibility_group in ('PARENT_CARETAKER', 'PREGNANT')) as is_caretaker,
        bool_or(eligibility.eligibility_group in ('CHILD', 'CHIP')) as is_child_member
    from {{ ref('stg_mcd__eligibility') }} as eligibility
    inner join crosswalk on 'mcd:' || eligibility.medicaid_id = crosswalk.record_key
    group by crosswalk.person_id

),

students as (

    select distinct crosswalk.person_id
    from {{ ref('stg_doe__students') }} as students
    inner join crosswalk on 'doe:' || students.state_student_id = crosswalk.record_key

),

removed_children as (

    select distinct crosswalk.person_id
    from {{ ref('stg_dcf__removals') }} as removals
    inner join crosswalk on 'dcf:' || removals.dcf_person_id = crosswalk.record_key

),

final as (

    select
        persons.person_id,
        coalesce(medicaid.is_caretaker, false) as is_caretaker,
        coalesce(medicaid.is_child_member, false)
        or students.person_id is not null
        or removed_children.person_id is not null as is_known_child,
        case
            when persons.dob is not null
                then {{ dbt.datediff('persons.dob', 'persons.last_seen_on', 'day') }} / 365.25
        end as age_last_seen
    from persons
    left join medicaid on persons.person_id = medicaid.person_id
    left join students on persons.person_id = students.person_id
    left join removed_children on persons.person_id = removed_children.person_id

)

select * from final
