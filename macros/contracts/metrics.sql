{#- The metrics the engine computes: each has the models int_outcome_<metric>__denominator,
    __exclusions and __numerator. A new metric is added here and in ref_code_values (outcome_metric). -#}
{% macro ids_outcome_metrics() %}
    {{ return([
        'EMPLOYED_2OF4Q', 'EARNINGS_GAIN', 'OFF_TANF_12M', 'NO_RETURN_HOMELESS_12M',
        'NO_REMOVAL_12M', 'SCHOOL_ATTENDANCE_90', 'KRA_READY', 'WELL_CHILD_VISIT',
    ]) }}
{% endmacro %}
