{#- The linkage hazards of the partner spec, measured against the generator's truth: pairs of
    different true persons that the person index put under one person_id, by kind. Twins (two
    people of one family with a recorded birth date in common) must never be merged; other
    same-family merges (a child recorded with a parent's SSN, a junior and his senior) and merges of
    strangers (common names) are counted for reviewers. Empty without a truth map. -#}

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

labelled as (

    select
        crosswalk.person_id,
        truth.true_person_id,
        records.dob
    from crosswalk
    inner join truth on crosswalk.record_key = truth.record_key
    inner join records on crosswalk.record_key = records.record_key

),

mixed_persons as (

    select person_id
    from labelled
    group by person_id
    having count(distinct true_person_id) > 1

),

merged_pairs as (

    select
        l.person_id,
        l.true_person_id as true_person_id_l,
        r.true_person_id as true_person_id_r,
        bool_or(l.dob = r.dob) as share_a_dob
    from labelled as l
    inner join labelled as r
        on l.person_id = r.person_id and l.true_person_id < r.true_person_id
    where l.person_id in (select mixed_persons.person_id from mixed_persons)
    group by l.person_id, l.true_person_id, r.true_person_id

),

classified as (

    select
        case
            when fl.true_family_id = fr.true_family_id and merged_pairs.share_a_dob then 'twins'
            when fl.true_family_id = fr.true_family_id then 'same_family'
            else 'strangers'
        end as hazard
    from merged_pairs
    left join families as fl on merged_pairs.true_person_id_l = fl.true_person_id
    left join families as fr on merged_pairs.true_person_id_r = fr.true_person_id

),

hazards as (

    select unnest(['twins', 'same_family', 'strangers']) as hazard

),

truth_loaded as (

    select count(*) > 0 as truth_available from truth

),

final as (

    select
        hazards.hazard,
        count(classified.hazard) as merged_true_person_pairs,
        any_value(truth_loaded.truth_available) as truth_available
    from hazards
    cross join truth_loaded
    left join classified on hazards.hazard = classified.hazard
    group by hazards.hazard

)

select * from final
