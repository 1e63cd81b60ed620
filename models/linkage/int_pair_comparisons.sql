{#- Comparison level per field for every candidate pair (macros/linkage/comparisons.sql), and the
    family context: household_level is 1 when other members of the two records' families
    (int_record_groups) are the same people, by an anchor link (same DOB and full name, or same DOB
    and SSN), 0 when both records have families and none of their members are linked, null when a
    side has no family or the first names do not agree (siblings and twins share a family: family
    context only tells apart people who share a name, a junior from a DCF parent with no DOB). -#}

with

pairs as (

    select * from {{ ref('int_candidate_pairs') }}

),

records as (

    select * from {{ ref('int_person_records') }}

),

record_groups as (

    select * from {{ ref('int_record_groups') }}

),

compared as (

    select
        pairs.pair_id,
        pairs.record_key_l,
        pairs.record_key_r,
        l.source_system as source_system_l,
        r.source_system as source_system_r,
        pairs.first_blocking_rule,
        {{ ids_compare_records('l', 'r') }},
        -- kept for term-frequency adjustment of exact name matches
        case
            when l.first_key = r.first_key and not l.first_is_initial_only and not r.first_is_initial_only
                then l.first_key
        end as tf_first_key,
        case when l.last_key = r.last_key then l.last_key end as tf_last_key
    from pairs
    inner join records as l on pairs.record_key_l = l.record_key
    inner join records as r on pairs.record_key_r = r.record_key

),

anchor_pairs as (

    select
        record_key_l,
        record_key_r
    from compared
    where dob_level = 4 and ((first_name_level >= 4 and last_name_level = 3) or ssn_level = 3)

),

anchors as (

    select
        record_key_l as record_key,
        record_key_r as linked_key
    from anchor_pairs
    union
    select
        record_key_r as record_key,
        record_key_l as linked_key
    from anchor_pairs

),

family_members as (

    select distinct
        g.record_key,
        other.record_key as member_key
    from record_groups as g
    inner join record_groups as other
        on g.group_key = other.group_key and g.record_key != other.record_key

),

grouped as (

    select distinct record_key from record_groups

),

same_family as (

    select distinct compared.pair_id
    from compared
    inner join family_members as members_l on compared.record_key_l = members_l.record_key
    inner join anchors on members_l.member_key = anchors.record_key
    inner join family_members as members_r
        on
            compared.record_key_r = members_r.record_key
            and anchors.linked_key = members_r.member_key
    where
        compared.first_name_level >= 3
        and members_l.member_key != compared.record_key_r
        and members_r.member_key != compared.record_key_l

),

-- the two records are listed in one family group of a source (one DHS case, HMIS household, DCF
-- report...): a case lists each member once, so two members born the same day are twins
same_group as (

    select distinct compared.pair_id
    from compared
    inner join family_members
        on
            compared.record_key_l = family_members.record_key
            and compared.record_key_r = family_members.member_key

),

final as (

    select
        compared.*,
        same_group.pair_id is not null as shares_family_group,
        case
            when compared.first_name_level is null or compared.first_name_level < 3 then null
            when grouped_l.record_key is null or grouped_r.record_key is null then null
            when same_family.pair_id is not null then 1
            else 0
        end as household_level
    from compared
    left join grouped as grouped_l on compared.record_key_l = grouped_l.record_key
    left join grouped as grouped_r on compared.record_key_r = grouped_r.record_key
    left join same_family on compared.pair_id = same_family.pair_id
    left join same_group on compared.pair_id = same_group.pair_id

)

select * from final
