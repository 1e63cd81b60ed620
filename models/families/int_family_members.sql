{#- The family rules: one row per person_id seen in at least one stated context, with the family
    (a pre-registry cluster key) and the role in it. family_registry turns the cluster into a
    stable family_id; family_crosswalk adds every other person as a family of one.

    Which family (see _families__models.yml for the full statement of the rules):
    1. The adults anchor households: the contexts where a person is HEAD or PARTNER form one unit
       with every other context where that person is HEAD or PARTNER (int_family_units). A parent
       who appears in a case, a subsidy case and a shelter household links the three.
    2. A person who anchors no context (a child, an other relative, a DCF caregiver) joins one unit
       only, never links two: the unit where more of their contexts are (evidence), then the one
       seen most recently (recency), then the smaller key. So a child seen in two homes belongs to
       one, and the two homes stay two families; an adult child who heads a case of their own is in
       their own household (rule 1), not their parents'.
    3. A context with no anchoring member (a report naming only children, and every inferred
       context: a Medicaid caretaker group, persons on one SSN, a near match linkage kept apart)
       joins the unit most of its members joined; if none did, it is a family of its own.

    Role (within the family):
    * GRANDPARENT: a usable GRANDPARENT_OF edge to a family member (DHS head or partner of a
      GRANDCHILD), or a stated other relative at least twice var('family_min_parent_age_gap')
      years older than every child of the family and that much older than one of its anchors;
    * PARENT: a usable parent-type edge (PARENT_OF, STEPPARENT_OF, CAREGIVER_OF) to a child of the
      family, an anchor of a family that has children, or a stated child of the head who is old
      enough to be the parent of a GRANDCHILD of the same case (grandparent-headed homes);
    * CHILD: stated as a child in a family context, or under 18 when last seen;
    * PARENT also: an adult of a household whose children are in no extract with them, when Medicaid
      has them as PARENT_CARETAKER or PREGNANT (int_person_role_evidence);
    * OTHER_ADULT: everyone else (adults of a household without children, other relatives,
      non-relatives, roommates). -#}

with

spells as (

    select * from {{ ref('int_household_spells') }}

),

units as (

    select * from {{ ref('int_family_units') }}

),

relationships as (

    select * from {{ ref('int_relationships') }}
    where is_usable

),

persons as (

    select * from {{ ref('person_index') }}

),

evidence as (

    select * from {{ ref('int_person_role_evidence') }}

),

memberships as (

    select
        spells.*,
        units.unit_key
    from spells
    left join units on spells.household_key = units.household_key

),

-- rule 1: anchored persons are in the unit of their anchoring contexts (one unit by construction)
anchored as (

    select
        person_id,
        min(unit_key) as unit_key
    from memberships
    where anchors_household
    group by person_id

),

-- rule 2: everyone else joins one unit, by evidence then recency
unit_candidates as (

    select
        memberships.person_id,
        memberships.unit_key,
        count(distinct memberships.household_key) as n_contexts,
        sum(memberships.n_source_rows) as n_rows,
        max(memberships.last_seen_on) as last_seen_on
    from memberships
    left join anchored on memberships.person_id = anchored.person_id
    where anchored.person_id is null and memberships.unit_key is not null
    group by memberships.person_id, memberships.unit_key

),

joined as (

    select
        person_id,
        unit_key
    from unit_candidates
    qualify row_number() over (
        partition by person_id
        order by n_contexts desc, last_seen_on desc, n_rows desc, unit_key asc
    ) = 1

),

placed as (

    select * from anchored
    union all
    select * from joined

),

-- rule 3: a context without an anchor joins the unit most of its placed members joined
adopted as (

    select
        memberships.household_key,
        placed.unit_key
    from memberships
    inner join placed on memberships.person_id = placed.person_id
    where memberships.unit_key is null
    group by memberships.household_key, placed.unit_key
    qualify row_number() over (
        partition by memberships.household_key order by count(*) desc, placed.unit_key asc
    ) = 1

),

unplaced_candidates as (

    select
        memberships.person_id,
        coalesce(adopted.unit_key, memberships.household_key) as unit_key,
        count(*) as n_contexts,
        max(memberships.last_seen_on) as last_seen_on
    from memberships
    left join placed on memberships.person_id = placed.person_id
    left join adopted on memberships.household_key = adopted.household_key
    where placed.person_id is null
    group by memberships.person_id, coalesce(adopted.unit_key, memberships.household_key)

),

unplaced as (

    select
        person_id,
        unit_key
    from unplaced_candidates
    qualify row_number() over (
        partition by person_id order by n_contexts desc, last_seen_on desc, unit_key asc
    ) = 1

),

assigned as (

    select * from placed
    union all
    select * from unplaced

),

-- the contexts each unit holds, anchored or adopted
unit_contexts as (

    select
        household_key,
        unit_key
    from units
    union all
    select
        household_key,
        unit_key
    from adopted

),

-- each person's memberships in the contexts of their own family
family_memberships as (

    select
        assigned.person_id,
        assigned.unit_key,
        memberships.household_key,
        memberships.stated_role,
        memberships.member_class
    from assigned
    inner join memberships on assigned.person_id = memberships.person_id
    left join unit_contexts on memberships.household_key = unit_contexts.household_key
    where coalesce(unit_contexts.unit_key, memberships.household_key) = assigned.unit_key

),

with_age as (

    select
        assigned.person_id,
        assigned.unit_key,
        persons.dob,
        case
            when persons.dob is not null
                then {{ dbt.datediff('persons.dob', 'persons.last_seen_on', 'day') }} / 365.25
        end as age_last_seen
    from assigned
    inner join persons on assigned.person_id = persons.person_id

),

member_flags as (

    select
        with_age.person_id,
        with_age.unit_key,
        with_age.dob,
        with_age.age_last_seen,
        coalesce(bool_or(family_memberships.member_class in ('HEAD', 'PARTNER')), false) as is_anchor,
        coalesce(bool_or(family_memberships.member_class = 'CHILD'), false) as is_stated_child,
        coalesce(bool_or(family_memberships.stated_role = 'OTHER_RELATIVE'), false) as is_other_relative
    from with_age
    left join family_memberships
        on with_age.person_id = family_memberships.person_id
    group by with_age.person_id, with_age.unit_key, with_age.dob, with_age.age_last_seen

),

-- a stated child of the head old enough to be the parent of a grandchild of the same context
parent_of_grandchild as (

    select distinct adult_child.person_id
    from family_memberships as adult_child
    inner join family_memberships as grandchild
        on adult_child.household_key = grandchild.household_key
    inner join persons as adult_person on adult_child.person_id = adult_person.person_id
    inner join persons as grandchild_person on grandchild.person_id = grandchild_person.person_id
    where
        adult_child.stated_role = 'CHILD'
        and grandchild.stated_role = 'GRANDCHILD'
        and {{ dbt.datediff('adult_person.dob', 'grandchild_person.dob', 'day') }} / 365.25
        >= {{ var('family_min_parent_age_gap') }}

),

member_edges as (

    select
        relationships.person_id,
        bool_or(relationships.relationship_kind = 'GRANDPARENT_OF') as has_grandparent_edge,
        bool_or(
            relationships.relationship_kind in ('PARENT_OF', 'STEPPARENT_OF', 'CAREGIVER_OF')
            and related.is_stated_child
        ) as has_parent_edge
    from relationships
    inner join member_flags as elder on relationships.person_id = elder.person_id
    inner join member_flags as related
        on relationships.related_person_id = related.person_id and elder.unit_key = related.unit_key
    where relationships.relationship_kind in ('PARENT_OF', 'STEPPARENT_OF', 'CAREGIVER_OF', 'GRANDPARENT_OF')
    group by relationships.person_id

),

family_ages as (

    select
        unit_key,
        bool_or(is_stated_child or age_last_seen < 18) as has_child,
        min(dob) filter (where is_stated_child) as oldest_child_dob,
        max(dob) filter (where is_anchor) as youngest_anchor_dob
    from member_flags
    group by unit_key

),

roles as (

    select
        member_flags.person_id,
        member_flags.unit_key,
        case
            when member_edges.has_grandparent_edge then 'STATED_GRANDPARENT'
            when
                member_flags.is_other_relative and not member_flags.is_anchor
                and {{ dbt.datediff('member_flags.dob', 'family_ages.oldest_child_dob', 'day') }} / 365.25
                >= 2 * {{ var('family_min_parent_age_gap') }}
                and {{ dbt.datediff('member_flags.dob', 'family_ages.youngest_anchor_dob', 'day') }} / 365.25
                >= {{ var('family_min_parent_age_gap') }}
                then 'OLDER_RELATIVE_OF_PARENTS'
            when member_edges.has_parent_edge then 'STATED_PARENT'
            when parent_of_grandchild.person_id is not null then 'PARENT_OF_GRANDCHILD'
            when member_flags.is_anchor and family_ages.has_child and not member_flags.is_stated_child
                then 'ADULT_OF_HOUSEHOLD_WITH_CHILDREN'
            when member_flags.is_stated_child then 'STATED_CHILD'
            when member_flags.age_last_seen < 18 then 'UNDER_18'
            when evidence.is_caretaker then 'CARETAKER_ELIGIBILITY'
            when member_flags.is_anchor then 'ADULT_OF_HOUSEHOLD_WITHOUT_CHILDREN'
            else 'OTHER_MEMBER'
        end as role_basis
    from member_flags
    inner join family_ages on member_flags.unit_key = family_ages.unit_key
    left join member_edges on member_flags.person_id = member_edges.person_id
    left join parent_of_grandchild on member_flags.person_id = parent_of_grandchild.person_id
    left join evidence on member_flags.person_id = evidence.person_id

),

final as (

    select
        person_id,
        unit_key as family_cluster_key,
        case
            when role_basis in ('STATED_GRANDPARENT', 'OLDER_RELATIVE_OF_PARENTS') then 'GRANDPARENT'
            when
                role_basis in (
                    'STATED_PARENT', 'PARENT_OF_GRANDCHILD', 'ADULT_OF_HOUSEHOLD_WITH_CHILDREN', 'CARETAKER_ELIGIBILITY'
                )
                then 'PARENT'
            when role_basis in ('STATED_CHILD', 'UNDER_18') then 'CHILD'
            else 'OTHER_ADULT'
        end as role_in_family,
        role_basis
    from roles

)

select * from final
