{#- OFF_TANF_12M measure of every family: achieved when no TANF row of dhs_case_members of any member
    of the family (any role, by person) is open on c (spell_start <= c and spell_end empty or >= c);
    pending without an exit or while c is after as_of_date; not measurable when no member is linked
    to any DHS record. -#}

with

denominator as (

    select * from {{ ref('int_outcome_off_tanf_12m__denominator') }}

),

members as (

    select * from {{ ref('int_contract_family_members') }}

),

crosswalk as (

    select * from {{ ref('person_crosswalk') }}
    where source_system = 'dhs'

),

dhs as (

    select * from {{ ref('stg_dhs__case_members') }}

),

member_dhs_rows as (

    select
        denominator.contract_id,
        denominator.outcome_id,
        denominator.unit_id,
        members.record_key as anchor_record_key,
        crosswalk.record_key as evidence_record_key,
        dhs.case_member_spell_id,
        dhs.case_id,
        dhs.spell_start,
        dhs.spell_end,
        dhs.program = 'TANF'
        and dhs.spell_start <= denominator.window_end_date
        and (dhs.spell_end is null or dhs.spell_end >= denominator.window_end_date) as is_open_tanf_on_check_date
    from denominator
    inner join members
        on denominator.contract_id = members.contract_id and denominator.unit_id = members.unit_id
    inner join crosswalk on members.person_id = crosswalk.person_id
    inner join dhs on crosswalk.source_person_id = dhs.client_id

),

family_dhs as (

    select
        contract_id,
        outcome_id,
        unit_id,
        count(*) filter (where is_open_tanf_on_check_date) as n_open_tanf_spells,
        list(
            {
                'evidence_type': 'tanf_spell_open_on_check_date',
                'source_system': 'dhs',
                'source_record_ids': [case_member_spell_id],
                'evidence_record_keys': [evidence_record_key],
                'anchor_record_key': anchor_record_key,
                'event_date': spell_start,
                'event_detail': 'TANF case ' || case_id || ' spell from ' || cast(spell_start as varchar)
                || coalesce(' to ' || cast(spell_end as varchar), ', still open')
            }
            order by spell_start, case_member_spell_id
        ) filter (where is_open_tanf_on_check_date) as evidence
    from member_dhs_rows
    group by contract_id, outcome_id, unit_id

),

statused as (

    select
        denominator.*,
        family_dhs.unit_id is not null as has_dhs_record,
        coalesce(family_dhs.n_open_tanf_spells, 0) as n_open_tanf_spells,
        family_dhs.evidence,
        case
            when denominator.exit_date is null then 'pending'
            when denominator.window_end_date > denominator.as_of_date then 'pending'
            when family_dhs.unit_id is null then 'not_measurable'
            when family_dhs.n_open_tanf_spells > 0 then 'not_achieved'
            else 'achieved'
        end as status
    from denominator
    left join family_dhs
        on
            denominator.contract_id = family_dhs.contract_id
            and denominator.outcome_id = family_dhs.outcome_id
            and denominator.unit_id = family_dhs.unit_id

),

final as (

    select
        contract_id,
        outcome_id,
        unit_id,
        status,
        case
            when exit_date is null then 'no exit yet (a qualifying row of the family is still open)'
            when window_end_date > as_of_date then 'check date after as_of_date'
            when not has_dhs_record then 'no member of the family linked to any DHS record'
            when status = 'not_achieved' then n_open_tanf_spells || ' TANF spell(s) open on the check date'
            else 'no TANF spell open on the check date'
        end as status_reason,
        case
            when status in ('achieved', 'not_achieved') then cast(n_open_tanf_spells as decimal(18, 6))
        end as outcome_value,
        case when status in ('achieved', 'not_achieved') then window_end_date end as decided_on,
        evidence
    from statused

)

select * from final
