{#- One row per person and service: the person's cumulative use of each program across agencies.
    Months count the days covered by the union of the person's spells of the service (spells of
    different service types, e.g. two Medicaid groups, can overlap; a day counts once), up to the
    as-of date, divided by 30.4375. -#}

with

spells as (

    select * from {{ ref('fct_service_spells') }}

),

quarters as (

    select * from {{ ref('dim_quarter') }}

),

as_of as (

    select max(as_of_date) as as_of_date from quarters

),

observed_spells as (

    select
        spells.person_key,
        spells.agency,
        spells.service,
        spells.service_type,
        spells.spell_start,
        spells.is_open,
        least(coalesce(spells.spell_end, as_of.as_of_date), as_of.as_of_date) as observed_end
    from spells
    cross join as_of
    where spells.spell_start <= as_of.as_of_date

),

-- one service's spells of several service types, merged again (gaps and islands)
ordered as (

    select
        *,
        max(observed_end) over (
            partition by person_key, service
            order by spell_start, observed_end
            rows between unbounded preceding and 1 preceding
        ) as latest_end_before
    from observed_spells

),

numbered as (

    select
        *,
        sum(case when latest_end_before is null or spell_start > latest_end_before then 1 else 0 end) over (
            partition by person_key, service
            order by spell_start, observed_end
            rows between unbounded preceding and current row
        ) as island
    from ordered

),

islands as (

    select
        person_key,
        service,
        island,
        min(spell_start) as island_start,
        max(observed_end) as island_end
    from numbered
    group by person_key, service, island

),

covered_days as (

    select
        person_key,
        service,
        sum({{ dbt.datediff('island_start', 'island_end', 'day') }} + 1) as days_covered
    from islands
    group by person_key, service

),

per_service as (

    select
        person_key,
        service,
        min(agency) as agency,
        count(*) as n_spells,
        count(distinct service_type) as n_service_types,
        min(spell_start) as first_spell_start,
        max(spell_start) as last_spell_start,
        bool_or(is_open) as has_open_spell
    from spells
    group by person_key, service

),

final as (

    select
        per_service.person_key,
        per_service.agency,
        per_service.service,
        cast(per_service.n_spells as integer) as n_spells,
        cast(per_service.n_service_types as integer) as n_service_types,
        per_service.first_spell_start,
        per_service.last_spell_start,
        per_service.has_open_spell,
        cast(coalesce(covered_days.days_covered, 0) as integer) as days_of_service,
        cast(round(coalesce(covered_days.days_covered, 0) / 30.4375, 2) as decimal(9, 2)) as months_of_service
    from per_service
    left join covered_days
        on per_service.person_key = covered_days.person_key and per_service.service = covered_days.service

)

select * from final
