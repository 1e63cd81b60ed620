{#- One row per contract outcome and cohort unit with exactly one status (outcome_metrics.md,
    "Statuses"): excluded from the metric's exclusions, else the status its numerator step gave. A
    unit that no step decided would be a bug: it gets `not_measurable` with a reason that says so, and
    a test fails the build on it (never a silent null). Restricted: it holds person ids. -#}

with

{% for metric in ids_outcome_metrics() -%}
{%- set m = metric | lower %}
{{ m }} as (

    select
        denominator.contract_id,
        denominator.outcome_id,
        denominator.metric_id,
        denominator.unit_type,
        denominator.unit_id,
        denominator.person_id,
        denominator.record_key,
        denominator.entry_date,
        denominator.exit_date,
        denominator.window_end_date,
        denominator.as_of_date,
        case
            when exclusions.unit_id is not null then 'excluded'
            else coalesce(numerator.status, 'not_measurable')
        end as status,
        case
            when exclusions.unit_id is not null then exclusions.status_reason
            else coalesce(numerator.status_reason, 'ENGINE GAP: no step decided this unit')
        end as status_reason,
        case when exclusions.unit_id is null then numerator.outcome_value end as outcome_value,
        case when exclusions.unit_id is null then numerator.decided_on end as decided_on,
        case when exclusions.unit_id is null then numerator.evidence end as evidence
    from {{ ref('int_outcome_' ~ m ~ '__denominator') }} as denominator
    left join {{ ref('int_outcome_' ~ m ~ '__exclusions') }} as exclusions
        on
            denominator.contract_id = exclusions.contract_id
            and denominator.outcome_id = exclusions.outcome_id
            and denominator.unit_id = exclusions.unit_id
    left join {{ ref('int_outcome_' ~ m ~ '__numerator') }} as numerator
        on
            denominator.contract_id = numerator.contract_id
            and denominator.outcome_id = numerator.outcome_id
            and denominator.unit_id = numerator.unit_id

),

{% endfor -%}

unioned as (

    {% for metric in ids_outcome_metrics() -%}
    select * from {{ metric | lower }}
    {% if not loop.last %}union all
    {% endif -%}
    {% endfor %}

),

final as (

    select * from unioned

)

select * from final
