{#- The data-quality scorecard: one long table, one row per agency, extract, load, check and column,
    summed from the flag tables at their natural grain (Tuva's data-quality marts are the model).
    Every row has a status: pass, warn, fail, info (descriptive, no threshold), no_data or suppressed.
    Row counts of extract rows are not persons and are published as they are; counts of persons
    (linkability) go through ids_suppress, with the rates derived from them. -#}
{%- set event_dates = {
    'dhs_case_members': ['spell_start', 'spell_end'],
    'ece_subsidy_authorizations': ['auth_start', 'auth_end'],
    'dol_ui_wages': ['quarter_start_date'],
    'doe_enrollments': ['entry_date', 'exit_date'],
    'doe_assessments': ['school_year_start_date'],
    'dcf_reports': ['report_date'],
    'dcf_removals': ['removal_date', 'discharge_date'],
    'mcd_eligibility': ['elig_start', 'elig_end'],
    'mcd_claims': ['service_date'],
    'hmis_enrollment': ['entry_date', 'exit_date'],
    'fadss_enrollments': ['enroll_date', 'exit_date'],
} -%}
{%- set model_of = {} -%}
{%- for e in ids_partner_extracts() %}{% do model_of.update({e.table: e.model}) %}{% endfor -%}

with

reconciliation as (

    select * from {{ ref('stg_ids__reconciliation') }}

),

completeness as (

    select * from {{ ref('agg_dq_completeness') }}

),

validity as (

    select * from {{ ref('agg_dq_validity') }}

),

uniqueness as (

    select * from {{ ref('agg_dq_uniqueness') }}

),

linkability as (

    select * from {{ ref('agg_dq_linkability') }}

),

wages as (

    select * from {{ ref('stg_dol__ui_wages') }}

),

{% for extract, cols in event_dates.items() -%}
events_{{ extract }} as (

    select
        '{{ extract }}' as extract_name,
        '{{ cols | join("|") }}' as column_name,
        count(*) as n_evaluated,
        greatest(
            {%- for c in cols %}
            max(case when {{ c }} <= current_date then {{ c }} end){% if not loop.last %},{% endif %}
            {%- endfor %}
        ) as latest_event_on
    from {{ ref(model_of[extract]) }}

),

{% endfor -%}

latest_events as (

    {% for extract in event_dates -%}
    select * from events_{{ extract }}
    {% if not loop.last %}union all
    {% endif -%}
    {% endfor %}

),

completeness_checks as (

    select
        agency,
        extract_name,
        'completeness' as dimension,
        'column_populated' as check_name,
        column_name,
        case when is_required then 'error' else 'info' end as severity,
        n_evaluated,
        n_missing as n_failing,
        n_populated / nullif(n_evaluated, 0) as metric_value,
        'share_passing' as metric_unit,
        case when is_required then 0.99 end as warn_below,
        case when is_required then 0.95 end as fail_below,
        cast(null as double) as warn_above,
        cast(null as double) as fail_above,
        false as counts_persons
    from completeness

),

validity_checks as (

    select
        validity.agency,
        validity.extract_name,
        'validity' as dimension,
        validity.check_name,
        validity.column_name,
        'warn' as severity,
        reconciliation.rows_received as n_evaluated,
        validity.n_rows_flagged as n_failing,
        1 - validity.n_rows_flagged / nullif(reconciliation.rows_received, 0) as metric_value,
        'share_passing' as metric_unit,
        0.995 as warn_below,
        0.98 as fail_below,
        cast(null as double) as warn_above,
        cast(null as double) as fail_above,
        false as counts_persons
    from validity
    inner join reconciliation on validity.extract_name = reconciliation.extract_name

),

extract_checks as (

    select
        agency,
        extract_name,
        'validity' as dimension,
        'rows_quarantined' as check_name,
        '*' as column_name,
        'warn' as severity,
        rows_received as n_evaluated,
        rows_quarantined + lines_unreadable as n_failing,
        1 - (rows_quarantined + lines_unreadable) / nullif(rows_received, 0) as metric_value,
        'share_passing' as metric_unit,
        0.995 as warn_below,
        0.98 as fail_below,
        cast(null as double) as warn_above,
        cast(null as double) as fail_above,
        false as counts_persons
    from reconciliation

    union all

    select
        agency,
        extract_name,
        'validity' as dimension,
        'lines_transcoded_from_windows_1252' as check_name,
        '*' as column_name,
        'info' as severity,
        rows_received as n_evaluated,
        lines_transcoded as n_failing,
        1 - lines_transcoded / nullif(rows_received, 0) as metric_value,
        'share_passing' as metric_unit,
        null as warn_below,
        null as fail_below,
        null as warn_above,
        null as fail_above,
        false as counts_persons
    from reconciliation

    union all

    select
        agency,
        extract_name,
        'integrity' as dimension,
        'reconciled' as check_name,
        '*' as column_name,
        'error' as severity,
        rows_received as n_evaluated,
        case when is_reconciled then 0 else 1 end as n_failing,
        case when is_reconciled then 1.0 else 0.0 end as metric_value,
        'share_passing' as metric_unit,
        1.0 as warn_below,
        1.0 as fail_below,
        null as warn_above,
        null as fail_above,
        false as counts_persons
    from reconciliation

),

uniqueness_checks as (

    select
        agency,
        extract_name,
        'uniqueness' as dimension,
        'exact_duplicate_rows' as check_name,
        '*' as column_name,
        'info' as severity,
        n_rows_sent as n_evaluated,
        n_exact_duplicates as n_failing,
        1 - n_exact_duplicates / nullif(n_rows_sent, 0) as metric_value,
        'share_passing' as metric_unit,
        null as warn_below,
        null as fail_below,
        null as warn_above,
        null as fail_above,
        false as counts_persons
    from uniqueness

    union all

    select
        agency,
        extract_name,
        'uniqueness' as dimension,
        'rows_sharing_a_key' as check_name,
        row_key_columns as column_name,
        'warn' as severity,
        n_rows_staged as n_evaluated,
        n_rows_sharing_a_key as n_failing,
        1 - n_rows_sharing_a_key / nullif(n_rows_staged, 0) as metric_value,
        'share_passing' as metric_unit,
        0.999 as warn_below,
        0.99 as fail_below,
        null as warn_above,
        null as fail_above,
        false as counts_persons
    from uniqueness

),

timeliness_checks as (

    select
        reconciliation.agency,
        reconciliation.extract_name,
        'timeliness' as dimension,
        'days_from_latest_event_to_load' as check_name,
        latest_events.column_name,
        'warn' as severity,
        latest_events.n_evaluated,
        cast(null as bigint) as n_failing,
        cast(
            {{ dbt.datediff('latest_events.latest_event_on', 'cast(reconciliation.loaded_at as date)', 'day') }}
            as double
        ) as metric_value,
        'days' as metric_unit,
        null as warn_below,
        null as fail_below,
        case when reconciliation.agency = 'dol' then 210 else 120 end as warn_above,
        case when reconciliation.agency = 'dol' then 455 else 365 end as fail_above,
        false as counts_persons
    from reconciliation
    inner join latest_events on reconciliation.extract_name = latest_events.extract_name

    union all

    select
        agency,
        extract_name,
        'timeliness' as dimension,
        'days_from_file_change_to_load' as check_name,
        '*' as column_name,
        'warn' as severity,
        rows_received as n_evaluated,
        cast(null as bigint) as n_failing,
        cast(
            {{ dbt.datediff('cast(file_modified_at as date)', 'cast(loaded_at as date)', 'day') }}
            as double
        ) as metric_value,
        'days' as metric_unit,
        null as warn_below,
        null as fail_below,
        100 as warn_above,
        200 as fail_above,
        false as counts_persons
    from reconciliation

),

linkability_checks as (

    {% for check, column, count_col in [
        ('records_with_valid_ssn', 'ssn', 'n_with_valid_socsec'),
        ('records_with_full_dob', 'dob', 'n_with_full_birthday'),
        ('records_linked_to_another_source', '*', 'n_linked_elsewhere'),
    ] -%}
    select
        agency,
        extract_name,
        'linkability' as dimension,
        '{{ check }}' as check_name,
        '{{ column }}' as column_name,
        'info' as severity,
        n_person_records as n_evaluated,
        n_person_records - {{ count_col }} as n_failing,
        {{ count_col }} / nullif(n_person_records, 0) as metric_value,
        'share_passing' as metric_unit,
        null as warn_below,
        null as fail_below,
        null as warn_above,
        null as fail_above,
        true as counts_persons
    from linkability
    {% if not loop.last %}union all
    {% endif -%}
    {% endfor %}

),

wage_totals as (

    select
        count(*) as n_records,
        count(*) filter (where ssn_status != 'VALID') as n_unattributable,
        sum(abs(wages)) as wages_abs,
        coalesce(sum(abs(wages)) filter (where ssn_status != 'VALID'), 0) as wages_abs_unattributable,
        coalesce(sum(wages) filter (where ssn_status != 'VALID'), 0) as wages_unattributable
    from wages

),

attribution_checks as (

    select
        'dol' as agency,
        'dol_ui_wages' as extract_name,
        'attribution' as dimension,
        'wage_records_with_usable_ssn' as check_name,
        'ssn' as column_name,
        'warn' as severity,
        n_records as n_evaluated,
        n_unattributable as n_failing,
        1 - n_unattributable / nullif(n_records, 0) as metric_value,
        'share_passing' as metric_unit,
        0.99 as warn_below,
        0.95 as fail_below,
        null as warn_above,
        null as fail_above,
        false as counts_persons
    from wage_totals

    union all

    select
        'dol' as agency,
        'dol_ui_wages' as extract_name,
        'attribution' as dimension,
        'wage_dollars_with_usable_ssn' as check_name,
        'wages' as column_name,
        'warn' as severity,
        n_records as n_evaluated,
        n_unattributable as n_failing,
        1 - wages_abs_unattributable / nullif(wages_abs, 0) as metric_value,
        'share_passing' as metric_unit,
        0.99 as warn_below,
        0.95 as fail_below,
        null as warn_above,
        null as fail_above,
        false as counts_persons
    from wage_totals

    union all

    select
        'dol' as agency,
        'dol_ui_wages' as extract_name,
        'attribution' as dimension,
        'wage_dollars_no_one_can_be_credited_with' as check_name,
        'wages' as column_name,
        'info' as severity,
        n_records as n_evaluated,
        n_unattributable as n_failing,
        cast(wages_unattributable as double) as metric_value,
        'dollars' as metric_unit,
        null as warn_below,
        null as fail_below,
        null as warn_above,
        null as fail_above,
        false as counts_persons
    from wage_totals

),

checks as (

    select * from completeness_checks
    union all
    select * from validity_checks
    union all
    select * from extract_checks
    union all
    select * from uniqueness_checks
    union all
    select * from timeliness_checks
    union all
    select * from linkability_checks
    union all
    select * from attribution_checks

),

suppressed as (

    select
        checks.*,
        checks.counts_persons and (
            {{ ids_is_small_cell('checks.n_evaluated') }}
            or {{ ids_is_small_cell('checks.n_failing') }}
            or {{ ids_is_small_cell('checks.n_evaluated - checks.n_failing') }}
        ) as is_suppressed
    from checks

),

loads as (

    select
        extract_name,
        load_mode,
        cast(loaded_at as date) as loaded_on
    from reconciliation

),

final as (

    select
        md5(
            concat_ws(
                '|',
                suppressed.agency,
                suppressed.extract_name,
                suppressed.dimension,
                suppressed.check_name,
                suppressed.column_name
            )
        ) as data_quality_check_id,
        suppressed.agency,
        suppressed.extract_name,
        coalesce(loads.load_mode, 'unknown') as load_mode,
        loads.loaded_on,
        suppressed.dimension,
        suppressed.check_name,
        suppressed.column_name,
        suppressed.severity,
        cast(case when suppressed.is_suppressed then null else suppressed.n_evaluated end as bigint) as n_evaluated,
        cast(case when suppressed.is_suppressed then null else suppressed.n_failing end as bigint) as n_failing,
        cast(case when suppressed.is_suppressed then null else suppressed.metric_value end as double) as metric_value,
        suppressed.metric_unit,
        cast(coalesce(suppressed.warn_below, suppressed.warn_above) as double) as warn_threshold,
        cast(coalesce(suppressed.fail_below, suppressed.fail_above) as double) as fail_threshold,
        case
            when suppressed.is_suppressed then 'suppressed'
            when suppressed.metric_value is null then 'no_data'
            when suppressed.fail_below is not null and suppressed.metric_value < suppressed.fail_below then 'fail'
            when suppressed.fail_above is not null and suppressed.metric_value > suppressed.fail_above then 'fail'
            when suppressed.warn_below is not null and suppressed.metric_value < suppressed.warn_below then 'warn'
            when suppressed.warn_above is not null and suppressed.metric_value > suppressed.warn_above then 'warn'
            when coalesce(suppressed.warn_below, suppressed.warn_above) is null then 'info'
            else 'pass'
        end as status,
        suppressed.is_suppressed
    from suppressed
    left join loads on suppressed.extract_name = loads.extract_name

)

select * from final
