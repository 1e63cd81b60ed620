{#- Date arithmetic of docs/outcome_metrics.md ("Words"), in one place, so every metric reads the same
    rules: whole years of age, calendar quarter indexes, month windows clipped to the month's end. -#}

{#- Age on a date: whole years completed by that date (a 29 February birthday completes on 1 March
    in a common year). Null when the DOB is unknown. -#}
{% macro ids_age_on(dob, on_date) -%}
    (extract(year from {{ on_date }}) - extract(year from {{ dob }})
        - case
            when extract(month from {{ on_date }}) * 100 + extract(day from {{ on_date }})
                < extract(month from {{ dob }}) * 100 + extract(day from {{ dob }})
                then 1
            else 0
        end)
{%- endmacro %}

{#- Calendar quarter of a date as one integer, year * 4 + quarter - 1 (stg_dol__ui_wages.year_quarter),
    so quarter(d) + q is plain addition. -#}
{% macro ids_quarter_index(date_expression) -%}
    (extract(year from {{ date_expression }}) * 4 + (extract(month from {{ date_expression }}) - 1) // 3)
{%- endmacro %}

{#- Last day of the quarter with index q. -#}
{% macro ids_quarter_end(quarter_index) -%}
    cast({{ dbt.last_day('make_date(cast((' ~ quarter_index ~ ') // 4 as integer), cast(((' ~ quarter_index ~ ') % 4) * 3 + 1 as integer), 1)', 'quarter') }} as date)
{%- endmacro %}

{#- d + n months, same day of month, clipped to the month's last day (31 Jan + 1 month = 28/29 Feb). -#}
{% macro ids_add_months(date_expression, months_expression) -%}
    cast({{ dbt.dateadd('month', months_expression, date_expression) }} as date)
{%- endmacro %}

{#- School year Y runs from Aug 15 of Y to Jun 15 of Y + 1. The first one starting after a date d:
    the Y with Aug 15 of Y strictly after d. -#}
{% macro ids_first_school_year_after(date_expression) -%}
    (extract(year from {{ date_expression }})
        + case
            when extract(month from {{ date_expression }}) * 100 + extract(day from {{ date_expression }}) >= 815
                then 1
            else 0
        end)
{%- endmacro %}

{#- HMIS destinations that are permanent, and project types that are homeless projects (the appendix's lists). -#}
{% macro ids_permanent_destinations() -%}
    (410, 411, 421, 422, 423, 426, 435)
{%- endmacro %}

{% macro ids_homeless_project_types() -%}
    (0, 1, 2, 4)
{%- endmacro %}
