{#- Every relationship the extracts state, on person_id, with its evidence: one row per (person,
    related person, relationship kind).

    Stated (the source names the relationship, relative to the head of the case or household):
    * PARENT_OF: head → CHILD (DHS, HMIS 2), ECE applying parent → child, DCF PARENT → alleged
      victim of the same report, FaDSS primary adult → CHILD;
    * STEPPARENT_OF: DHS head → STEPCHILD; GRANDPARENT_OF: DHS head → GRANDCHILD;
    * SPOUSE_OR_PARTNER: head – SPOUSE / PARTNER / HMIS 3 / FaDSS secondary adult;
    * OTHER_RELATIVE, NONRELATIVE: head – a member so stated;
    * CAREGIVER_OF: DCF OTHER_CAREGIVER → alleged victim; ALLEGED_PERPETRATOR_OF: DCF alleged
      perpetrator → alleged victim (kept as evidence, it says nothing about living together).
    Inferred: a Medicaid caretaker → the children of the same inferred caretaker group
    (int_household_spells) is PARENT_OF, marked derived.
    Derived (through the head): the head's spouse or partner → the head's CHILD or STEPCHILD is
    PARENT_OF, → GRANDCHILD is GRANDPARENT_OF; two children of one head (or two alleged victims of
    one report) are SIBLING.

    Symmetric kinds (SPOUSE_OR_PARTNER, SIBLING) are kept once, smaller person_id first; directed
    kinds run from the older generation to the younger. A parent-type edge (PARENT_OF,
    STEPPARENT_OF, CAREGIVER_OF, GRANDPARENT_OF) is checked against the resolved DOBs of
    linkage.person_index: the elder must be at least var('family_min_parent_age_gap') years older
    (twice that for a grandparent). An implausible edge is kept and flagged (age_check IMPLAUSIBLE,
    is_usable false), never used; with a missing or estimated DOB the check is UNKNOWN and the edge
    is used. -#}

with

spells as (

    select * from {{ ref('int_household_spells') }}

),

persons as (

    select
        person_id,
        dob,
        dob_is_estimated
    from {{ ref('person_index') }}

),

-- the members each context states relative to its head (or, in a report, to the alleged victim)
heads as (

    select * from spells
    where member_class = 'HEAD' and household_type != 'DCF_REPORT'

),

partners as (

    select * from spells
    where member_class = 'PARTNER'

),

stated_by_head as (

    select
        heads.person_id as person_a,
        members.person_id as person_b,
        case
            when members.stated_role in ('CHILD', 'ALLEGED_VICTIM') then 'PARENT_OF'
            when members.stated_role = 'STEPCHILD' then 'STEPPARENT_OF'
            when members.stated_role = 'GRANDCHILD' then 'GRANDPARENT_OF'
            when members.member_class = 'PARTNER' then 'SPOUSE_OR_PARTNER'
            when members.stated_role = 'OTHER_RELATIVE' then 'OTHER_RELATIVE'
            when members.stated_role = 'NONRELATIVE' then 'NONRELATIVE'
        end as relationship_kind,
        heads.household_type = 'MCD_CARETAKER_GROUP' as is_derived,
        members.household_key,
        members.source_system,
        greatest(heads.seen_from, members.seen_from) as seen_from,
        least(heads.last_seen_on, members.last_seen_on) as seen_to
    from heads
    inner join spells as members
        on heads.household_key = members.household_key and heads.person_id != members.person_id
    where members.member_class != 'HEAD'

),

stated_in_reports as (

    select
        adults.person_id as person_a,
        victims.person_id as person_b,
        case adults.stated_role
            when 'PARENT' then 'PARENT_OF'
            when 'OTHER_CAREGIVER' then 'CAREGIVER_OF'
            when 'ALLEGED_PERPETRATOR' then 'ALLEGED_PERPETRATOR_OF'
        end as relationship_kind,
        false as is_derived,
        victims.household_key,
        victims.source_system,
        victims.seen_from,
        victims.last_seen_on as seen_to
    from spells as adults
    inner join spells as victims
        on adults.household_key = victims.household_key and adults.person_id != victims.person_id
    where
        adults.household_type = 'DCF_REPORT'
        and victims.stated_role = 'ALLEGED_VICTIM'
        and adults.stated_role in ('PARENT', 'OTHER_CAREGIVER', 'ALLEGED_PERPETRATOR')

),

derived_from_partner as (

    select
        partners.person_id as person_a,
        members.person_id as person_b,
        case when members.stated_role = 'GRANDCHILD' then 'GRANDPARENT_OF' else 'PARENT_OF' end
            as relationship_kind,
        true as is_derived,
        members.household_key,
        members.source_system,
        greatest(partners.seen_from, members.seen_from) as seen_from,
        least(partners.last_seen_on, members.last_seen_on) as seen_to
    from partners
    inner join spells as members
        on partners.household_key = members.household_key and partners.person_id != members.person_id
    where members.member_class = 'CHILD'

),

derived_siblings as (

    select
        least(one.person_id, other.person_id) as person_a,
        greatest(one.person_id, other.person_id) as person_b,
        'SIBLING' as relationship_kind,
        true as is_derived,
        one.household_key,
        one.source_system,
        greatest(one.seen_from, other.seen_from) as seen_from,
        least(one.last_seen_on, other.last_seen_on) as seen_to
    from spells as one
    inner join spells as other
        on one.household_key = other.household_key and one.person_id < other.person_id
    where
        one.stated_role in ('CHILD', 'STEPCHILD', 'ALLEGED_VICTIM')
        and other.stated_role in ('CHILD', 'STEPCHILD', 'ALLEGED_VICTIM')

),

statements as (

    select * from stated_by_head
    where relationship_kind is not null
    union all
    select * from stated_in_reports
    union all
    select * from derived_from_partner
    union all
    select * from derived_siblings

),

normalized as (

    select
        case
            when relationship_kind = 'SPOUSE_OR_PARTNER' then least(person_a, person_b) else person_a
        end as person_id,
        case
            when relationship_kind = 'SPOUSE_OR_PARTNER' then greatest(person_a, person_b) else person_b
        end as related_person_id,
        relationship_kind,
        is_derived,
        household_key,
        source_system,
        seen_from,
        seen_to
    from statements

),

aggregated as (

    select
        person_id,
        related_person_id,
        relationship_kind,
        bool_and(is_derived) as is_derived,
        string_agg(distinct source_system, ',' order by source_system) as source_systems,
        count(*) as n_statements,
        count(distinct household_key) as n_contexts,
        min(seen_from) as first_seen_on,
        max(seen_to) as last_seen_on
    from normalized
    group by person_id, related_person_id, relationship_kind

),

with_ages as (

    select
        aggregated.*,
        case
            when aggregated.relationship_kind = 'GRANDPARENT_OF'
                then 2 * {{ var('family_min_parent_age_gap') }}
            when aggregated.relationship_kind in ('PARENT_OF', 'STEPPARENT_OF', 'CAREGIVER_OF')
                then {{ var('family_min_parent_age_gap') }}
        end as min_age_gap_years,
        case
            when elder.dob_is_estimated or younger.dob_is_estimated then null
            else {{ dbt.datediff('elder.dob', 'younger.dob', 'day') }} / 365.25
        end as age_gap_years
    from aggregated
    left join persons as elder on aggregated.person_id = elder.person_id
    left join persons as younger on aggregated.related_person_id = younger.person_id

),

final as (

    select
        person_id,
        related_person_id,
        relationship_kind,
        is_derived,
        source_systems,
        n_statements,
        n_contexts,
        first_seen_on,
        last_seen_on,
        round(age_gap_years, 1) as age_gap_years,
        case
            when min_age_gap_years is null then 'NOT_APPLICABLE'
            when age_gap_years is null then 'UNKNOWN'
            when age_gap_years >= min_age_gap_years then 'PLAUSIBLE'
            else 'IMPLAUSIBLE'
        end as age_check,
        min_age_gap_years is null or age_gap_years is null or age_gap_years >= min_age_gap_years
            as is_usable
    from with_ages

)

select * from final
