{#- UI wages per linked person and calendar quarter: the sum over every employer of the staged wage
    rows linked to the person, negative adjustments included (outcome_metrics.md, EMPLOYED_2OF4Q).
    A quarter without a row is absent here and counts as 0 wages. Only the persons of some contract's
    cohort are summed (the wage file covers the whole workforce; the measures read only them). -#}

with

wages as (

    select * from {{ ref('stg_dol__ui_wages') }}

),

cohort_persons as (

    select distinct person_id from {{ ref('int_contract_cohort') }}
    where person_id is not null

),

crosswalk as (

    select dol_records.*
    from {{ ref('person_crosswalk') }} as dol_records
    where
        dol_records.source_system = 'dol'
        and dol_records.person_id in (select cohort_persons.person_id from cohort_persons)

),

final as (

    select
        crosswalk.person_id,
        wages.year_quarter,
        sum(wages.wages) as wages,
        count(*) as n_wage_rows,
        list(distinct crosswalk.record_key order by crosswalk.record_key) as record_keys,
        list(wages.wage_record_id order by wages.wage_record_id) as wage_record_ids
    from wages
    inner join crosswalk on wages.ssn_raw = crosswalk.source_person_id
    group by crosswalk.person_id, wages.year_quarter

)

select * from final
