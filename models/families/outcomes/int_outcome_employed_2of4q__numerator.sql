{#- EMPLOYED_2OF4Q measure of every adult of the denominator: achieved once 2 of the 4 full quarters
    after exit have wages >= threshold (seen while the window is still open counts); pending without
    an exit, or while fewer than 2 such quarters are seen and quarter(exit) + 4 ends after the wage
    horizon; not measurable when no record of the person carries a valid SSN and no wage row is linked. -#}

with

denominator as (

    select * from {{ ref('int_outcome_employed_2of4q__denominator') }}

),

exclusions as (

    select * from {{ ref('int_outcome_employed_2of4q__exclusions') }}

),

person_wages as (

    select * from {{ ref('int_contract_person_wages') }}

),

person_index as (

    select * from {{ ref('person_index') }}

),

adults as (

    select denominator.*
    from denominator
    left join exclusions
        on
            denominator.contract_id = exclusions.contract_id
            and denominator.outcome_id = exclusions.outcome_id
            and denominator.unit_id = exclusions.unit_id
    where exclusions.unit_id is null

),

window_quarters as (

    select
        adults.contract_id,
        adults.outcome_id,
        adults.unit_id,
        person_wages.year_quarter,
        person_wages.wages,
        person_wages.wages >= adults.threshold as is_qualifying,
        person_wages.record_keys,
        person_wages.wage_record_ids,
        adults.record_key as anchor_record_key
    from adults
    inner join person_wages
        on
            adults.person_id = person_wages.person_id
            and person_wages.year_quarter between adults.exit_quarter + 1 and adults.exit_quarter + 4
            and adults.last_wage_quarter >= person_wages.year_quarter

),

qualifying as (

    select
        contract_id,
        outcome_id,
        unit_id,
        count(*) filter (where is_qualifying) as n_qualifying_quarters,
        -- the second qualifying quarter decides an achievement
        list(year_quarter order by year_quarter) filter (where is_qualifying) as qualifying_quarters,
        list(
            {
                'evidence_type': 'wage_quarter',
                'source_system': 'dol',
                'source_record_ids': wage_record_ids,
                'evidence_record_keys': record_keys,
                'anchor_record_key': anchor_record_key,
                'event_date': {{ ids_quarter_end('year_quarter') }},
                'event_detail': 'quarter ' || (year_quarter // 4) || 'Q' || (year_quarter % 4 + 1)
                || ' wages ' || cast(wages as varchar)
                || case when is_qualifying then ' (>= threshold)' else ' (< threshold)' end
            }
            order by year_quarter
        ) as evidence
    from window_quarters
    group by contract_id, outcome_id, unit_id

),

has_wages as (

    select distinct person_id from person_wages

),

measured as (

    select
        adults.*,
        coalesce(qualifying.n_qualifying_quarters, 0) as n_qualifying_quarters,
        qualifying.qualifying_quarters,
        qualifying.evidence,
        coalesce(person_index.has_valid_ssn, false) as has_valid_ssn,
        has_wages.person_id is not null as has_wage_rows
    from adults
    left join qualifying
        on
            adults.contract_id = qualifying.contract_id
            and adults.outcome_id = qualifying.outcome_id
            and adults.unit_id = qualifying.unit_id
    left join person_index on adults.person_id = person_index.person_id
    left join has_wages on adults.person_id = has_wages.person_id

),

final as (

    select
        contract_id,
        outcome_id,
        unit_id,
        case
            when exit_date is null then 'pending'
            when n_qualifying_quarters >= 2 then 'achieved'
            when window_end_date > wage_horizon_date then 'pending'
            when not has_valid_ssn and not has_wage_rows then 'not_measurable'
            else 'not_achieved'
        end as status,
        case
            when exit_date is null then 'no exit yet'
            when n_qualifying_quarters >= 2
                then n_qualifying_quarters || ' of the 4 quarters after exit with wages >= threshold'
            when window_end_date > wage_horizon_date
                then 'fewer than 2 qualifying quarters seen; wage data ends before quarter(exit) + 4 ends'
            when not has_valid_ssn and not has_wage_rows then 'no valid SSN and no wage row linked'
            else n_qualifying_quarters || ' of the 4 quarters after exit with wages >= threshold'
        end as status_reason,
        cast(n_qualifying_quarters as decimal(18, 6)) as outcome_value,
        case
            when exit_date is null then null
            when n_qualifying_quarters >= 2 then {{ ids_quarter_end('qualifying_quarters[2]') }}
            when window_end_date > wage_horizon_date then null
            when not has_valid_ssn and not has_wage_rows then null
            else window_end_date
        end as decided_on,
        evidence
    from measured

)

select * from final
