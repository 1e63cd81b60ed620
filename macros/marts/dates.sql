{#- Date helpers shared by the de-identified marts. -#}

{#- The marts' as-of date (outcome_metrics.md, "as_of_date"). One rule for marts and contract measures
    alike: it is computed once, in families/outcomes/int_contract_measure_dates (var('as_of_date') when
    set, else the latest staged event date that is not after the build date). -#}
{% macro ids_marts_as_of_date() -%}
    (select measure_dates.as_of_date from {{ ref('int_contract_measure_dates') }} as measure_dates)
{%- endmacro %}

{#- ids_age_on and ids_quarter_index (the appendix's age and quarter arithmetic) are defined once, in
    macros/contracts/measure_dates.sql, for the marts and the measures alike. -#}
