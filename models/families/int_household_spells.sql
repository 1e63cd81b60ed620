{#- Who lived together, from when to when: one row per person per stated household context (a DHS
    assistance case, an ECE subsidy case, an HMIS household, a FaDSS family, a DCF maltreatment
    report), resolved onto person_id, with the role the source states and the span the source saw.

    * stated_role keeps the source's vocabulary, normalized to text (HMIS RelationshipToHoH codes
      become SELF_HEAD, CHILD, SPOUSE_OR_PARTNER, OTHER_RELATIVE, NONRELATIVE, NOT_COLLECTED; the ECE
      applying parent is APPLYING_PARENT). A person stated in two roles in one context keeps the
      latest (ties: the more central role).
    * member_class: HEAD (head of case or household, FaDSS primary adult, ECE applying parent, DCF
      parent), PARTNER (spouse, partner, FaDSS secondary adult), CHILD (child, stepchild,
      grandchild, HMIS child, FaDSS child, ECE child, DCF alleged victim), OTHER (other relatives,
      non-relatives, DCF caregivers and alleged perpetrators, not collected).
    * anchors_household: the membership ties its context to the person's other anchored contexts
      when families are formed (the household is defined by its adults: HEAD and PARTNER members
      of a stated context, and a DCF alleged perpetrator or caregiver whom another report names as
      PARENT of the same alleged victim).
    * Inferred (household_type MCD_CARETAKER_GROUP, is_inferred): Medicaid states no household,
      but a PARENT_CARETAKER member and CHILD / CHIP members with the same ZIP, the same last name
      and an eligibility span with the same start and the same end (one eligibility determination
      for the family) are taken as one household, when the group has one or two caretakers and at
      most ten members, no more than two caretakers in the ZIP carry that last name (a common name
      there is no evidence), and each child is at least the parent age gap younger than the
      youngest caretaker. Such a context never anchors: it joins the
      household unit of its members, or forms a family of its own when none of them is placed
      elsewhere, and two caretakers with a common name in one ZIP never link two households.
    * Inferred (household_type SHARED_SSN, is_inferred): records of different persons that carry
      the same valid SSN (the spec's "child recorded with a parent's SSN", or one person that
      linkage kept apart) are taken as one household when they are two to six persons; placeholders and invalid SSNs were nulled
      in staging and say nothing. It never anchors either.
    * Inferred (household_type NEAR_MATCH, is_inferred): two records that linkage scores at or
      above var('family_near_match_probability') but keeps in two persons (a guard refused the
      merge: a conflicting SSN or DOB, or the twin veto) are one person or twins, so one household.
      It never anchors.
    * spell_end is null while the source still has the spell open (is_open says so). -#}

with

crosswalk as (

    select * from {{ ref('person_crosswalk') }}

),

dhs as (

    select
        'dhs:' || case_id as household_key,
        'DHS_CASE' as household_type,
        'dhs' as source_system,
        'dhs:' || client_id as record_key,
        relationship_to_head as stated_role,
        spell_start as seen_from,
        spell_end as seen_to
    from {{ ref('stg_dhs__case_members') }}
    where case_id is not null and client_id is not null

),

ece_authorizations as (

    select * from {{ ref('stg_ece__subsidy_authorizations') }}
    where ece_case_id is not null

),

ece as (

    select
        'ece:' || ece_case_id as household_key,
        'ECE_CASE' as household_type,
        'ece' as source_system,
        'ece:' || child_person_id as record_key,
        'CHILD' as stated_role,
        auth_start as seen_from,
        auth_end as seen_to
    from ece_authorizations
    where child_person_id is not null
    union all
    select
        'ece:' || ece_case_id as household_key,
        'ECE_CASE' as household_type,
        'ece' as source_system,
        'ece:' || parent_person_id as record_key,
        'APPLYING_PARENT' as stated_role,
        auth_start as seen_from,
        auth_end as seen_to
    from ece_authorizations
    where parent_person_id is not null

),

hmis as (

    select
        'hmis:' || household_id as household_key,
        'HMIS_HOUSEHOLD' as household_type,
        'hmis' as source_system,
        'hmis:' || personal_id as record_key,
        case relationship_to_hoh
            when 1 then 'SELF_HEAD'
            when 2 then 'CHILD'
            when 3 then 'SPOUSE_OR_PARTNER'
            when 4 then 'OTHER_RELATIVE'
            when 5 then 'NONRELATIVE'
            else 'NOT_COLLECTED'
        end as stated_role,
        entry_date as seen_from,
        exit_date as seen_to
    from {{ ref('stg_hmis__enrollment') }}
    where household_id is not null and personal_id is not null

),

fadss as (

    select
        'fadss:' || provider_id || ':' || family_id as household_key,
        'FADSS_FAMILY' as household_type,
        'fadss' as source_system,
        'fadss:' || participant_id as record_key,
        role as stated_role,
        enroll_date as seen_from,
        exit_date as seen_to
    from {{ ref('stg_fadss__enrollments') }}
    where family_id is not null and provider_id is not null and participant_id is not null

),

dcf as (

    select
        'dcf:' || report_id as household_key,
        'DCF_REPORT' as household_type,
        'dcf' as source_system,
        'dcf:' || dcf_person_id as record_key,
        role as stated_role,
        report_date as seen_from,
        report_date as seen_to
    from {{ ref('stg_dcf__reports') }}
    where report_id is not null and dcf_person_id is not null

),

mcd_spans as (

    select
        'mcd:' || medicaid_id as record_key,
        eligibility_group,
        zip5,
        upper(strip_accents(last_name)) as last_name_key,
        dob,
        elig_start,
        elig_end
    from {{ ref('stg_mcd__eligibility') }}
    where
        medicaid_id is not null and zip5 is not null and last_name is not null and elig_start is not null
        and eligibility_group in ('PARENT_CARETAKER', 'CHILD', 'CHIP')
        and {{ var('family_infer_medicaid_households') }}

),

-- a last name that more than two caretakers carry in one ZIP is a common name there, not a family
mcd_distinct_names as (

    select
        zip5,
        last_name_key
    from mcd_spans
    group by zip5, last_name_key
    having count(distinct record_key) filter (where eligibility_group = 'PARENT_CARETAKER') between 1 and 2

),

mcd_keyed as (

    select
        'mcd:' || mcd_spans.zip5 || ':' || mcd_spans.last_name_key || ':' || cast(mcd_spans.elig_start as varchar)
        || ':' || coalesce(cast(mcd_spans.elig_end as varchar), 'open') as household_key,
        mcd_spans.record_key,
        mcd_spans.eligibility_group,
        mcd_spans.dob,
        mcd_spans.elig_start,
        mcd_spans.elig_end
    from mcd_spans
    inner join mcd_distinct_names
        on mcd_spans.zip5 = mcd_distinct_names.zip5 and mcd_spans.last_name_key = mcd_distinct_names.last_name_key

),

-- a child of the group is at least the parent age gap younger than its youngest caretaker
mcd_plausible as (

    select *
    from mcd_keyed
    qualify
        eligibility_group = 'PARENT_CARETAKER'
        or dob >= {{ dbt.dateadd('year', var('family_min_parent_age_gap'),
            "max(dob) filter (where eligibility_group = 'PARENT_CARETAKER') over (partition by household_key)") }}

),

mcd_groups as (

    select *
    from mcd_plausible
    -- one or two caretakers and their children: a larger group is not one household
    qualify
        count(*) filter (where eligibility_group = 'PARENT_CARETAKER') over (partition by household_key)
        between 1 and 2
        and bool_or(eligibility_group != 'PARENT_CARETAKER') over (partition by household_key)
        and count(*) over (partition by household_key) <= 10

),

mcd as (

    select
        household_key,
        'MCD_CARETAKER_GROUP' as household_type,
        'mcd' as source_system,
        record_key,
        case when eligibility_group = 'PARENT_CARETAKER' then 'CARETAKER' else 'CHILD' end as stated_role,
        elig_start as seen_from,
        elig_end as seen_to
    from mcd_groups

),

ssn_records as (

    select
        records.record_key,
        records.source_system,
        records.ssn,
        records.first_seen_on,
        records.last_seen_on,
        crosswalk.person_id
    from {{ ref('int_person_records') }} as records
    inner join crosswalk on records.record_key = crosswalk.record_key
    where records.ssn is not null

),

ssns_of_several as (

    -- a parent and the children recorded with the parent's SSN; more persons on one SSN is a
    -- keying error that says nothing about a household
    select ssn
    from ssn_records
    group by ssn
    having count(distinct person_id) between 2 and 6

),

shared_ssn as (

    select
        'ssn:' || left(sha256(ssn_records.ssn), 16) as household_key,
        'SHARED_SSN' as household_type,
        ssn_records.source_system,
        ssn_records.record_key,
        'SSN_HOLDER' as stated_role,
        ssn_records.first_seen_on as seen_from,
        ssn_records.last_seen_on as seen_to
    from ssn_records
    inner join ssns_of_several on ssn_records.ssn = ssns_of_several.ssn

),

near_matches as (

    select
        scored.pair_id,
        scored.record_key_l,
        scored.record_key_r
    from {{ ref('int_scored_pairs') }} as scored
    inner join crosswalk as left_person on scored.record_key_l = left_person.record_key
    inner join crosswalk as right_person on scored.record_key_r = right_person.record_key
    where
        scored.match_probability >= {{ var('family_near_match_probability') }}
        and left_person.person_id != right_person.person_id

),

near_match_records as (

    select
        pair_id,
        record_key_l as record_key
    from near_matches
    union all
    select
        pair_id,
        record_key_r as record_key
    from near_matches

),

near_match as (

    select
        'pair:' || near_match_records.pair_id as household_key,
        'NEAR_MATCH' as household_type,
        records.source_system,
        records.record_key,
        'NEAR_MATCH' as stated_role,
        records.first_seen_on as seen_from,
        records.last_seen_on as seen_to
    from near_match_records
    inner join {{ ref('int_person_records') }} as records
        on near_match_records.record_key = records.record_key

),

stated as (

    select * from dhs
    union all
    select * from ece
    union all
    select * from hmis
    union all
    select * from fadss
    union all
    select * from dcf
    union all
    select * from mcd
    union all
    select * from shared_ssn
    union all
    select * from near_match

),

classified as (

    select
        stated.*,
        case
            when stated.stated_role in ('HEAD', 'SELF_HEAD', 'PRIMARY_ADULT', 'APPLYING_PARENT', 'PARENT', 'CARETAKER')
                then 'HEAD'
            when stated.stated_role in ('SPOUSE', 'PARTNER', 'SPOUSE_OR_PARTNER', 'SECONDARY_ADULT')
                then 'PARTNER'
            when stated.stated_role in ('CHILD', 'STEPCHILD', 'GRANDCHILD', 'ALLEGED_VICTIM')
                then 'CHILD'
            else 'OTHER'
        end as member_class
    from stated

),

on_person as (

    select
        classified.household_key,
        classified.household_type,
        classified.source_system,
        crosswalk.person_id,
        classified.stated_role,
        classified.member_class,
        classified.seen_from,
        classified.seen_to,
        -- the more central role wins a tie between two roles stated on the same latest date
        case classified.member_class when 'HEAD' then 1 when 'PARTNER' then 2 when 'CHILD' then 3 else 4 end
            as class_rank
    from classified
    inner join crosswalk on classified.record_key = crosswalk.record_key

),

spells as (

    select
        household_key,
        person_id,
        any_value(household_type) as household_type,
        any_value(source_system) as source_system,
        arg_min(stated_role, [-epoch(coalesce(seen_to, seen_from)), class_rank]) as stated_role,
        arg_min(member_class, [-epoch(coalesce(seen_to, seen_from)), class_rank]) as member_class,
        count(distinct stated_role) as n_stated_roles,
        min(seen_from) as seen_from,
        max(seen_to) as last_end,
        bool_or(seen_to is null) as is_open,
        max(coalesce(seen_to, seen_from)) as last_seen_on,
        count(*) as n_source_rows
    from on_person
    group by household_key, person_id

),

-- a DCF report's alleged perpetrator or other caregiver whom another report names as PARENT of
-- the same alleged victim is that child's parent: their membership anchors the report too
parents_in_other_reports as (

    select distinct
        adult.household_key,
        adult.person_id
    from spells as adult
    inner join spells as victim
        on adult.household_key = victim.household_key
    inner join spells as other_victim
        on victim.person_id = other_victim.person_id and victim.household_key != other_victim.household_key
    inner join spells as other_parent
        on
            other_victim.household_key = other_parent.household_key
            and adult.person_id = other_parent.person_id
    where
        adult.household_type = 'DCF_REPORT'
        and adult.stated_role in ('ALLEGED_PERPETRATOR', 'OTHER_CAREGIVER')
        and victim.stated_role = 'ALLEGED_VICTIM'
        and other_victim.stated_role = 'ALLEGED_VICTIM'
        and other_parent.stated_role = 'PARENT'

),

final as (

    select
        spells.household_key,
        spells.person_id,
        spells.household_type,
        spells.source_system,
        spells.stated_role,
        spells.member_class,
        spells.n_stated_roles,
        spells.household_type in ('MCD_CARETAKER_GROUP', 'SHARED_SSN', 'NEAR_MATCH') as is_inferred,
        (
            spells.member_class in ('HEAD', 'PARTNER') and spells.household_type in (
                'DHS_CASE', 'ECE_CASE', 'HMIS_HOUSEHOLD', 'FADSS_FAMILY', 'DCF_REPORT'
            )
        )
        or parents_in_other_reports.person_id is not null as anchors_household,
        spells.seen_from,
        case when not spells.is_open then spells.last_end end as seen_to,
        spells.is_open,
        spells.last_seen_on,
        spells.n_source_rows
    from spells
    left join parents_in_other_reports
        on
            spells.household_key = parents_in_other_reports.household_key
            and spells.person_id = parents_in_other_reports.person_id

)

select * from final
