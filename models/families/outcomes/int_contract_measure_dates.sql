{#- The dates every metric measures against (outcome_metrics.md, "Words"), one row.
    - as_of_date: var('as_of_date') when set (a reproducible rerun); else the latest event date of
      any staged event row that is not after the build date.
    - wage horizon: the last day of the latest (year, quarter) in the staged UI wages; the first wage
      quarter is the earliest (year, quarter) of the whole wage file. -#}
{%- set as_of_var = var('as_of_date', '') | string | trim -%}

with

events as (

    select spell_start as event_date from {{ ref('stg_dhs__case_members') }}
    union all
    select auth_start from {{ ref('stg_ece__subsidy_authorizations') }}
    union all
    select entry_date from {{ ref('stg_doe__enrollments') }}
    union all
    select report_date from {{ ref('stg_dcf__reports') }}
    union all
    select removal_date from {{ ref('stg_dcf__removals') }}
    union all
    select elig_start from {{ ref('stg_mcd__eligibility') }}
    union all
    select service_date from {{ ref('stg_mcd__claims') }}
    union all
    select entry_date from {{ ref('stg_hmis__enrollment') }}
    union all
    select enroll_date from {{ ref('stg_fadss__enrollments') }}

),

latest_event as (

    select max(event_date) as latest_event_date
    from events
    where event_date <= current_date

),

wage_quarters as (

    select
        min(year_quarter) as first_wage_quarter,
        max(year_quarter) as last_wage_quarter
    from {{ ref('stg_dol__ui_wages') }}

),

final as (

    select
        {% if as_of_var != '' -%}
        cast('{{ as_of_var }}' as date)
        {%- else -%}
        latest_event.latest_event_date
        {%- endif %} as as_of_date,
        {{ "'var'" if as_of_var != '' else "'latest_event'" }} as as_of_date_source,
        latest_event.latest_event_date,
        wage_quarters.first_wage_quarter,
        wage_quarters.last_wage_quarter,
        {{ ids_quarter_end('wage_quarters.last_wage_quarter') }} as wage_horizon_date
    from latest_event
    cross join wage_quarters

)

select * from final
