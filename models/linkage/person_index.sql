{#- One row per person_id: the identity attributes the person index resolves across the person's
    linked records, for every layer after linkage (families, marts, contract measures). Restricted
    zone: it holds the DOB.

    Resolution rules (outcome_metrics.md, "DOB and age": the DOB as the person index resolves it):
    - dob: among the records' DOBs that are not estimates (DCF's YYYY-01-01 for adults), the one held
      by the most records, then by the most source rows, then the earliest; an estimated DOB only
      when no record has any other (dob_is_estimated says so). Placeholders were nulled in staging.
    - sex: M or F held by the most records (ties: none, as U).
    - has_valid_ssn: any record of the person carries a structurally valid, non-placeholder SSN. -#}

with

crosswalk as (

    select * from {{ ref('person_crosswalk') }}

),

records as (

    select * from {{ ref('int_person_records') }}

),

person_records as (

    select
        crosswalk.person_id,
        records.record_key,
        records.source_system,
        records.dob,
        records.dob_is_estimated,
        records.sex,
        records.ssn,
        records.n_source_rows,
        records.first_seen_on,
        records.last_seen_on
    from crosswalk
    inner join records on crosswalk.record_key = records.record_key

),

dob_votes as (

    select
        person_id,
        dob,
        dob_is_estimated,
        count(*) as n_records,
        sum(n_source_rows) as n_rows
    from person_records
    where dob is not null
    group by person_id, dob, dob_is_estimated

),

resolved_dob as (

    select
        person_id,
        dob,
        dob_is_estimated,
        count(*) over (partition by person_id, dob_is_estimated) as n_candidate_dobs
    from dob_votes
    qualify row_number() over (
        partition by person_id
        order by dob_is_estimated asc, n_records desc, n_rows desc, dob asc
    ) = 1

),

sex_votes as (

    select
        person_id,
        sex,
        count(*) as n_records
    from person_records
    where sex in ('M', 'F')
    group by person_id, sex

),

resolved_sex as (

    select
        person_id,
        case when count(*) = 1 or max(n_records) != min(n_records) then arg_max(sex, n_records) end as sex
    from sex_votes
    group by person_id

),

per_person as (

    select
        person_id,
        count(*) as n_records,
        count(distinct source_system) as n_source_systems,
        list_sort(list_distinct(list(source_system))) as source_systems,
        bool_or(ssn is not null) as has_valid_ssn,
        min(first_seen_on) as first_seen_on,
        max(last_seen_on) as last_seen_on
    from person_records
    group by person_id

),

final as (

    select
        per_person.person_id,
        resolved_dob.dob,
        coalesce(resolved_dob.dob_is_estimated, false) as dob_is_estimated,
        coalesce(resolved_dob.n_candidate_dobs, 0) > 1 as dob_is_contested,
        year(resolved_dob.dob) as birth_year,
        coalesce(resolved_sex.sex, 'U') as sex,
        per_person.has_valid_ssn,
        per_person.n_records,
        per_person.n_source_systems,
        per_person.source_systems,
        per_person.first_seen_on,
        per_person.last_seen_on
    from per_person
    left join resolved_dob on per_person.person_id = resolved_dob.person_id
    left join resolved_sex on per_person.person_id = resolved_sex.person_id

)

select * from final
