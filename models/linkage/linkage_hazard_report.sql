{#- The linkage hazards of the partner spec, measured against the generator's truth: pairs of
    different true persons, by kind, how many the truth holds (for the kinds within a family) and how
    many the person index put under one person_id. A true person's identity is read from its
    records (a birth date, first name or SSN any of them carries). Kinds, first that applies:
    * `twins`: one family, a recorded birth date in common;
    * `shared_ssn`: one family, an SSN in common, no birth date in common (a child recorded with a
      parent's SSN);
    * `junior_senior`: one family, the same first name (nickname canon), different birth dates;
    * `same_family`: any other two members of one family (siblings, a parent and child);
    * `same_name`: two families, the same first name canon and last name (`Maria Garcia` and
      `Maria Garcia`, born on different days);
    * `strangers`: everyone else.
    The spec's hazards must not be merged: the build fails on any twins, junior/senior or shared-SSN
    merge in the demo. Zero counts without a truth map. -#}

with

crosswalk as (

    select * from {{ ref('person_crosswalk') }}

),

truth as (

    select * from {{ ref('int_truth_records') }}

),

families as (

    select * from {{ ref('stg_truth__family_map') }}

),

records as (

    select * from {{ ref('int_person_records') }}

),

truth_records as (

    select
        truth.true_person_id,
        records.dob,
        records.ssn,
        case when not records.first_is_initial_only then records.first_canon end as first_canon,
        records.last_key
    from truth
    inner join records on truth.record_key = records.record_key

),

-- what each true person's records carry, one row per person, kind and value (a person's lists
-- would be held in memory whole: at a million persons this model took 3.9 GB with per-person lists
-- and mode())
person_value_rows as (

    select
        true_person_id,
        unnest(['dob', 'ssn', 'first_canon', 'last_key']) as kind,
        unnest([cast(dob as varchar), ssn, first_canon, last_key]) as identity_value
    from truth_records

),

person_values as (

    select
        true_person_id,
        kind,
        identity_value,
        count(*) as n_records
    from person_value_rows
    where identity_value is not null
    group by true_person_id, kind, identity_value

),

-- a person's name for the same-name kind: the first name canon and the last name its records
-- carry most often (ties to the first in order)
person_names as (

    select
        true_person_id,
        kind,
        identity_value
    from person_values
    where kind in ('first_canon', 'last_key')
    qualify row_number() over (
        partition by true_person_id, kind
        order by n_records desc, identity_value asc
    ) = 1

),

true_persons as (

    select distinct true_person_id from truth_records

),

labelled as (

    select
        crosswalk.person_id,
        truth.true_person_id
    from crosswalk
    inner join truth on crosswalk.record_key = truth.record_key

),

merged_pairs as (

    select distinct
        l.true_person_id as true_person_id_l,
        r.true_person_id as true_person_id_r
    from labelled as l
    inner join labelled as r
        on l.person_id = r.person_id and l.true_person_id < r.true_person_id

),

-- every pair of members of one family (a person may have been in more than one), merged or not
-- (families are small), and the merged pairs of people from different families
family_pairs as (

    select distinct
        l.true_person_id as true_person_id_l,
        r.true_person_id as true_person_id_r
    from families as l
    inner join families as r
        on l.true_family_id = r.true_family_id and l.true_person_id < r.true_person_id

),

pairs as (

    select
        family_pairs.true_person_id_l,
        family_pairs.true_person_id_r
    from family_pairs
    inner join true_persons as l on family_pairs.true_person_id_l = l.true_person_id
    inner join true_persons as r on family_pairs.true_person_id_r = r.true_person_id
    union
    select
        true_person_id_l,
        true_person_id_r
    from merged_pairs

),

-- family pairs with a recorded birth date, an SSN or a first name canon in common
shared_values as (

    select
        family_pairs.true_person_id_l,
        family_pairs.true_person_id_r,
        bool_or(l.kind = 'dob') as share_a_dob,
        bool_or(l.kind = 'ssn') as share_an_ssn,
        bool_or(l.kind = 'first_canon') as share_a_first_name
    from family_pairs
    inner join person_values as l on family_pairs.true_person_id_l = l.true_person_id
    inner join person_values as r
        on
            family_pairs.true_person_id_r = r.true_person_id
            and l.kind = r.kind
            and l.identity_value = r.identity_value
    where l.kind in ('dob', 'ssn', 'first_canon')
    group by family_pairs.true_person_id_l, family_pairs.true_person_id_r

),

classified as (

    select
        case
            when family_pairs.true_person_id_l is not null
                then case
                    when shared_values.share_a_dob then 'twins'
                    when shared_values.share_an_ssn then 'shared_ssn'
                    when shared_values.share_a_first_name then 'junior_senior'
                    else 'same_family'
                end
            when
                first_l.identity_value = first_r.identity_value
                and last_l.identity_value = last_r.identity_value
                then 'same_name'
            else 'strangers'
        end as hazard,
        merged_pairs.true_person_id_l is not null as is_merged
    from pairs
    left join person_names as first_l
        on pairs.true_person_id_l = first_l.true_person_id and first_l.kind = 'first_canon'
    left join person_names as first_r
        on pairs.true_person_id_r = first_r.true_person_id and first_r.kind = 'first_canon'
    left join person_names as last_l
        on pairs.true_person_id_l = last_l.true_person_id and last_l.kind = 'last_key'
    left join person_names as last_r
        on pairs.true_person_id_r = last_r.true_person_id and last_r.kind = 'last_key'
    left join family_pairs
        on
            pairs.true_person_id_l = family_pairs.true_person_id_l
            and pairs.true_person_id_r = family_pairs.true_person_id_r
    left join merged_pairs
        on
            pairs.true_person_id_l = merged_pairs.true_person_id_l
            and pairs.true_person_id_r = merged_pairs.true_person_id_r
    left join shared_values
        on
            pairs.true_person_id_l = shared_values.true_person_id_l
            and pairs.true_person_id_r = shared_values.true_person_id_r

),

hazards as (

    select
        unnest(['twins', 'shared_ssn', 'junior_senior', 'same_family', 'same_name', 'strangers']) as hazard,
        unnest([true, true, true, true, false, false]) as is_family_kind

),

truth_loaded as (

    select count(*) > 0 as truth_available from truth

),

final as (

    select
        hazards.hazard,
        case when hazards.is_family_kind then count(classified.hazard) end as true_person_pairs,
        count(classified.hazard) filter (where classified.is_merged) as merged_true_person_pairs,
        case
            when hazards.is_family_kind
                then
                    count(classified.hazard) filter (where classified.is_merged)
                    / nullif(count(classified.hazard), 0)
        end as merged_share,
        any_value(truth_loaded.truth_available) as truth_available
    from hazards
    cross join truth_loaded
    left join classified on hazards.hazard = classified.hazard
    group by hazards.hazard, hazards.is_family_kind

)

select * from final
