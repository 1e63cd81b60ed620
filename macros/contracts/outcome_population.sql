{#- The population one metric is measured over (the initial population of every contract outcome with
    this metric): every cohort unit of the metric's unit type, with the term's window and threshold and
    the measure dates. A family metric counts FaDSS families; every other metric counts persons, so
    n_cohort is the same for every person metric of a contract (outcome_metrics.md, "Statuses"). -#}
{% macro ids_outcome_population(metric_id) %}
    select
        terms.contract_id,
        terms.outcome_id,
        terms.metric_id,
        cohort.unit_type,
        cohort.unit_id,
        cohort.person_id,
        cohort.record_key,
        cohort.source_row_id,
        cohort.program,
        cohort.role,
        cohort.is_adult,
        cohort.is_child,
        cohort.dob,
        cohort.age_at_entry,
        cohort.entry_date,
        cohort.exit_date,
        cohort.exit_destination,
        terms.window_months,
        terms.threshold,
        dates.as_of_date,
        dates.wage_horizon_date,
        dates.first_wage_quarter,
        dates.last_wage_quarter
    from {{ ref('stg_contracts__outcome_terms') }} as terms
    inner join {{ ref('int_contract_cohort') }} as cohort
        on
            terms.contract_id = cohort.contract_id
            {%- if metric_id == 'OFF_TANF_12M' %}
            and cohort.unit_type = 'family'
            {%- elif metric_id == 'NO_REMOVAL_12M' %}
            and cohort.unit_type = case when cohort.program = 'FADSS' then 'family' else 'person' end
            {%- else %}
            and cohort.unit_type = 'person'
            {%- endif %}
    cross join {{ ref('int_contract_measure_dates') }} as dates
    where terms.metric_id = '{{ metric_id }}'
{% endmacro %}


{#- Why a unit is not an adult for an adult metric (the caller filters to units that are not adults). -#}
{% macro ids_adult_exclusion_reason() -%}
    case
        when unit_type = 'family' then 'a family, not a person'
        when is_adult is null then 'age unknown'
        when program = 'FADSS' then 'a child (FaDSS role CHILD)'
        when program = 'PSH' then 'a child (under 18 at entry)'
        else 'a child (ECE)'
    end
{%- endmacro %}


{#- Why a unit is not a child for a child metric (the caller filters to units that are not children). -#}
{% macro ids_child_exclusion_reason() -%}
    case
        when unit_type = 'family' then 'a family, not a person'
        when is_child is null then 'age unknown'
        when program = 'FADSS' then 'an adult (FaDSS role ' || role || ')'
        else 'an adult (18 or older at entry)'
    end
{%- endmacro %}
