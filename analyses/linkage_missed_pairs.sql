-- Reviewer's analysis (compile with `dbt compile --select linkage_missed_pairs`): record pairs the
-- truth map says are one person but the person index keeps apart, with the comparison levels of
-- the pair when blocking found it. Synthetic data only (needs the truth map).

with

crosswalk as (

    select * from {{ ref('person_crosswalk') }}

),

truth as (

    select * from {{ ref('int_truth_records') }}

),

scored as (

    select * from {{ ref('int_scored_pairs') }}

),

labelled as (

    select
        crosswalk.record_key,
        crosswalk.person_id,
        truth.true_person_id
    from crosswalk
    inner join truth
        on
            crosswalk.source_system = truth.source_system
            and crosswalk.source_person_id = truth.source_person_id

),

missed as (

    select
        l.record_key as record_key_l,
        r.record_key as record_key_r
    from labelled as l
    inner join labelled as r
        on
            l.true_person_id = r.true_person_id
            and l.record_key < r.record_key
            and l.person_id != r.person_id

),

final as (

    select
        missed.record_key_l,
        missed.record_key_r,
        scored.pair_id is not null as was_candidate,
        scored.match_probability,
        scored.first_name_level,
        scored.middle_name_level,
        scored.last_name_level,
        scored.dob_level,
        scored.ssn_level,
        scored.sex_level,
        scored.zip_level,
        scored.household_level
    from missed
    left join scored
        on
            missed.record_key_l = scored.record_key_l
            and missed.record_key_r = scored.record_key_r

)

select * from final
