{#- EARNINGS_GAIN measure of every adult of the denominator: value = wages of the 4 full quarters after
    exit - wages of the 4 quarters before entry (a quarter without a row is 0). Decided only when
    quarter(exit) + 4 has ended within the wage horizon; not measurable with no valid SSN and no wage
    row, or when quarter(entry) - 4 is earlier than the first wage quarter of the file. -#}

with

denominator as (

    select * from {{ ref('int_outcome_earnings_gain__denominator') }}

),

exclusions as (

    select * from {{ ref('int_outcome_earnings_gain__exclusions') }}

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
        adults.record_key as anchor_record_key,
        person_wages.year_quarter,
        person_wages.wages,
        person_wages.record_keys,
        person_wages.wage_record_ids,
        case
            when person_wages.year_quarter > adults.exit_quarter then 'after exit' else 'before entry'
        end as side
    from adults
    inner join person_wages
        on
            adults.person_id = person_wages.person_id
            and (
                person_wages.year_quarter between adults.exit_quarter + 1 and adults.exit_quarter + 4
                or person_wages.year_quarter between adults.entry_quarter - 4 and adults.entry_quarter - 1
            )

),

sums as (

    select
        contract_id,
        outcome_id,
        unit_id,
        coalesce(sum(wages) filter (where side = 'after exit'), 0) as wages_after,
        coalesce(sum(wages) filter (where side = 'before entry'), 0) as wages_before,
        list(
            {
                'evidence_type': 'wage_quarter',
                'source_system': 'dol',
                'source_record_ids': wage_record_ids,
                'evidence_record_keys': record_keys,
                'anchor_record_key': anchor_record_key,
                'event_date': {{ ids_quarter_end('year_quarter') }},
                'event_detail': side || ': quarter ' || (year_quarter // 4) || 'Q' || (year_quarter % 4 + 1)
                || ' wages ' || cast(wages as varchar)
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
        coalesce(sums.wages_after, 0) - coalesce(sums.wages_before, 0) as earnings_gain,
        sums.evidence,
        coalesce(person_index.has_valid_ssn, false) as has_valid_ssn,
        has_wages.person_id is not null as has_wage_rows
    from adults
    left join sums
        on
            adults.contract_id = sums.contract_id
            and adults.outcome_id = sums.outcome_id
            and adults.unit_id = sums.unit_id
    left join person_index on adults.person_id = person_index.person_id
    left join has_wages on adults.person_id = has_wages.person_id

),

statused as (

    select
        *,
        case
            when exit_date is null then 'pending'
            when window_end_date > wage_horizon_date then 'pending'
            when not has_valid_ssn and not has_wage_rows then 'not_measurable'
            when entry_quarter - 4 < first_wage_quarter then 'not_measurable'
            when earnings_gain >= threshold then 'achieved'
            else 'not_achieved'
        end as status
    from measured

),

final as (

    select
        contract_id,
        outcome_id,
        unit_id,
        status,
        case
            when exit_date is null then 'no exit yet'
            when window_end_date > wage_horizon_date then 'quarter(exit) + 4 ends after the wage horizon'
            when not has_valid_ssn and not has_wage_rows then 'no valid SSN and no wage row linked'
            when entry_quarter - 4 < first_wage_quarter
                then 'quarter(entry) - 4 is earlier than the first wage quarter'
            when status = 'achieved' then 'earnings gain ' || cast(earnings_gain as varchar) || ' >= threshold'
            else 'earnings gain ' || cast(earnings_gain as varchar) || ' < threshold'
        end as status_reason,
        case
            when status in ('achieved', 'not_achieved') then cast(earnings_gain as decimal(18, 6))
        end as outcome_value,
        case when status in ('achieved', 'not_achieved') then window_end_date end as decided_on,
        evidence
    from statused

)

select * from final
