{#- Per calendar year, agency and other agency: how many persons known to the agency that year
    were also known to the other agency that same year. Known in a year = a service spell of the
    agency touches the year (up to the as-of date), or for DOL a UI wage row of the year, for DCF
    also a maltreatment report, for Medicaid also a paid claim; a family (family_crosswalk) is known
    when any member is, so the other agency may know another member. Counts of 1 to min_cell_size - 1
    are suppressed, and the share with them. -#}

with

spells as (

    select * from {{ ref('fct_service_spells') }}

),

quarters as (

    select * from {{ ref('dim_quarter') }}

),

person_keys as (

    select * from {{ ref('person_key_map') }}

),

crosswalk as (

    select
        source_system,
        source_person_id,
        person_id
    from {{ ref('person_crosswalk') }}

),

wages as (

    select
        ssn_raw,
        year
    from {{ ref('stg_dol__ui_wages') }}

),

reports as (

    select
        dcf_person_id,
        report_date
    from {{ ref('stg_dcf__reports') }}

),

family_crosswalk as (

    select
        person_id,
        family_id
    from {{ ref('family_crosswalk') }}

),

claims as (

    select
        medicaid_id,
        service_date
    from {{ ref('stg_mcd__claims') }}

),

years as (

    select
        calendar_year,
        max(as_of_date) as as_of_date
    from quarters
    group by calendar_year

),

spell_years as (

    select distinct
        spells.person_key,
        spells.agency,
        years.calendar_year
    from spells
    inner join years
        on
            years.calendar_year >= extract(year from spells.spell_start)
            and years.calendar_year <= extract(year from least(coalesce(spells.spell_end, years.as_of_date), years.as_of_date))

),

event_years as (

    select
        crosswalk.person_id,
        'dol' as agency,
        wages.year as calendar_year
    from wages
    inner join crosswalk on crosswalk.source_system = 'dol' and wages.ssn_raw = crosswalk.source_person_id

    union all

    select
        crosswalk.person_id,
        'dcf' as agency,
        cast(extract(year from reports.report_date) as integer) as calendar_year
    from reports
    inner join crosswalk
        on crosswalk.source_system = 'dcf' and reports.dcf_person_id = crosswalk.source_person_id

    union all

    select
        crosswalk.person_id,
        'mcd' as agency,
        cast(extract(year from claims.service_date) as integer) as calendar_year
    from claims
    inner join crosswalk on crosswalk.source_system = 'mcd' and claims.medicaid_id = crosswalk.source_person_id

),

known as (

    select
        person_key,
        agency,
        calendar_year
    from spell_years
    union
    select
        person_keys.person_key,
        event_years.agency,
        event_years.calendar_year
    from event_years
    inner join person_keys on event_years.person_id = person_keys.person_id
    inner join years on event_years.calendar_year = years.calendar_year

),

-- each person-year's agencies as one bit mask: the pairs are counted over the few distinct masks,
-- never by joining persons to themselves
{%- set agencies = ['dhs', 'ece', 'dol', 'doe', 'dcf', 'mcd', 'hmis', 'fadss'] %}

agencies as (

    {%- for agency in agencies %}
    select
        '{{ agency }}' as agency,
        {{ 2 ** loop.index0 }} as agency_bit
    {% if not loop.last %}union all{% endif %}
    {%- endfor %}

),

person_masks as (

    select
        known.person_key,
        known.calendar_year,
        bit_or(agencies.agency_bit) as agency_mask
    from known
    inner join agencies on known.agency = agencies.agency
    group by known.person_key, known.calendar_year

),

-- a family is known to an agency in a year when any of its members is
family_masks as (

    select
        family_crosswalk.family_id,
        person_masks.calendar_year,
        bit_or(person_masks.agency_mask) as agency_mask
    from person_masks
    inner join person_keys on person_masks.person_key = person_keys.person_key
    inner join family_crosswalk on person_keys.person_id = family_crosswalk.person_id
    group by family_crosswalk.family_id, person_masks.calendar_year

),

mask_counts as (

    select
        calendar_year,
        agency_mask,
        count(*) as n_persons,
        0 as n_families
    from person_masks
    group by calendar_year, agency_mask

    union all

    select
        calendar_year,
        agency_mask,
        0 as n_persons,
        count(*) as n_families
    from family_masks
    group by calendar_year, agency_mask

),

agency_pairs as (

    select
        mask_counts.calendar_year,
        agencies.agency,
        other_agencies.agency as other_agency,
        sum(mask_counts.n_persons) as n_persons,
        sum(
            case when (mask_counts.agency_mask & other_agencies.agency_bit) != 0 then mask_counts.n_persons else 0 end
        ) as n_persons_also_known,
        sum(mask_counts.n_families) as n_families,
        sum(
            case when (mask_counts.agency_mask & other_agencies.agency_bit) != 0 then mask_counts.n_families else 0 end
        ) as n_families_also_known
    from mask_counts
    inner join agencies on (mask_counts.agency_mask & agencies.agency_bit) != 0
    inner join agencies as other_agencies on agencies.agency != other_agencies.agency
    group by mask_counts.calendar_year, agencies.agency, other_agencies.agency

),

final as (

    select
        cast(calendar_year as integer) as calendar_year,
        agency,
        other_agency,
        cast({{ ids_suppress('n_persons') }} as integer) as n_persons,
        cast({{ ids_suppress('n_persons_also_known') }} as integer) as n_persons_also_known,
        cast(
            case
                when not {{ ids_is_small_cell('n_persons') }} and not {{ ids_is_small_cell('n_persons_also_known') }}
                    then round(n_persons_also_known / n_persons, 4)
            end as decimal(5, 4)
        ) as share_also_known,
        cast({{ ids_suppress('n_families') }} as integer) as n_families,
        cast({{ ids_suppress('n_families_also_known') }} as integer) as n_families_also_known,
        cast(
            case
                when not {{ ids_is_small_cell('n_families') }} and not {{ ids_is_small_cell('n_families_also_known') }}
                    then round(n_families_also_known / n_families, 4)
            end as decimal(5, 4)
        ) as family_share_also_known,
        {{ ids_is_small_cell('n_persons') }} or {{ ids_is_small_cell('n_persons_also_known') }}
        or {{ ids_is_small_cell('n_families') }} or {{ ids_is_small_cell('n_families_also_known') }}
            as is_suppressed
    from agency_pairs

)

select * from final
