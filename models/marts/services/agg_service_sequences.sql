{#- What follows what within 12 months. Per calendar year of a first event and pair of event types:
    how many persons had the first event that year, and how many of them had the second event
    after it (on a later day, at most 12 months later). Events: the start and the exit of each
    service's spells (`TANF_START`, `TANF_EXIT`, `HOMELESS_PROJECT_START`, `OUT_OF_HOME_CARE_START`
    = a removal, ...), and `EMPLOYMENT_START`: the first day of a quarter with positive UI wages
    after a quarter without (never in the first wage quarter of the file, which has no quarter
    before it). Counts of 1 to min_cell_size - 1 are suppressed, and the share with them. -#}

with

spells as (

    select * from {{ ref('fct_service_spells') }}

),

panel as (

    select * from {{ ref('fct_person_quarter') }}

),

quarters as (

    select * from {{ ref('dim_quarter') }}

),

person_keys as (

    select * from {{ ref('person_key_map') }}

),

as_of as (

    select max(as_of_date) as as_of_date from quarters

),

first_wage_quarter as (

    select min(quarter_index) as quarter_index from panel
    where has_wage_record

),

spell_events as (

    select
        spells.person_key,
        spells.service || '_START' as event_type,
        spells.spell_start as event_date
    from spells

    union all

    select
        spells.person_key,
        spells.service || '_EXIT' as event_type,
        spells.spell_end as event_date
    from spells
    where spells.spell_end is not null

),

employment_events as (

    select
        panel.person_key,
        'EMPLOYMENT_START' as event_type,
        panel.quarter_start_date as event_date
    from panel
    cross join first_wage_quarter
    left join panel as previous_quarter
        on
            panel.person_key = previous_quarter.person_key
            and panel.quarter_index = previous_quarter.quarter_index + 1
    where
        panel.is_employed
        and panel.quarter_index > first_wage_quarter.quarter_index
        and not coalesce(previous_quarter.is_employed, false)

),

-- on the short internal person_id: the self-join below is the costly step
events as (

    select distinct
        person_keys.person_id,
        all_events.event_type,
        all_events.event_date,
        cast(extract(year from all_events.event_date) as integer) as event_year
    from (
        select * from spell_events
        union all
        select * from employment_events
    ) as all_events
    inner join person_keys on all_events.person_key = person_keys.person_key
    cross join as_of
    where all_events.event_date <= as_of.as_of_date

),

-- counts of distinct persons are taken as a distinct step, then a count: a count(distinct) per
-- group keeps every group's set of persons in memory, which at a million persons ran out of
-- DuckDB's 3 GB; a distinct spills to disk
person_event_types as (

    select distinct
        event_year,
        event_type,
        person_id
    from events

),

persons_with_event as (

    select
        event_year,
        event_type,
        count(*) as n_persons
    from person_event_types
    group by event_year, event_type

),

person_sequences as (

    select distinct
        first_event.event_year,
        first_event.event_type,
        next_event.event_type as next_event_type,
        first_event.person_id
    from events as first_event
    inner join events as next_event
        on
            first_event.person_id = next_event.person_id
            and first_event.event_date < next_event.event_date
            and {{ dbt.dateadd('month', 12, 'first_event.event_date') }} >= next_event.event_date

),

followed as (

    select
        event_year,
        event_type,
        next_event_type,
        count(*) as n_persons_followed
    from person_sequences
    group by event_year, event_type, next_event_type

),

final as (

    select
        followed.event_year,
        followed.event_type,
        followed.next_event_type,
        cast({{ ids_suppress('persons_with_event.n_persons') }} as integer) as n_persons,
        cast({{ ids_suppress('followed.n_persons_followed') }} as integer) as n_persons_followed,
        cast(
            case
                when
                    not {{ ids_is_small_cell('persons_with_event.n_persons') }}
                    and not {{ ids_is_small_cell('followed.n_persons_followed') }}
                    then round(followed.n_persons_followed / persons_with_event.n_persons, 4)
            end as decimal(5, 4)
        ) as share_followed,
        {{ dbt.dateadd('month', 12, "make_date(followed.event_year, 12, 31)") }} <= as_of.as_of_date
            as is_window_complete,
        {{ ids_is_small_cell('persons_with_event.n_persons') }}
        or {{ ids_is_small_cell('followed.n_persons_followed') }} as is_suppressed
    from followed
    inner join persons_with_event
        on
            followed.event_year = persons_with_event.event_year
            and followed.event_type = persons_with_event.event_type
    cross join as_of

)

select * from final
