{#- Date helpers shared by the de-identified marts. -#}

{#- The marts' as-of date (outcome_metrics.md, "as_of_date"): var('as_of_date') when set, else the
    latest event date of any staged event row that is not after the build date. Open spells are
    observed up to this date, and the quarter spine ends at its quarter. -#}
{% macro ids_marts_as_of_date() -%}
    {%- if var('as_of_date', '') != '' -%}
        cast('{{ var("as_of_date") }}' as date)
    {%- else -%}
        (
            select max(events.event_date)
            from (
                {%- for model, column in [
                    ('stg_dhs__case_members', 'spell_start'),
                    ('stg_ece__subsidy_authorizations', 'auth_start'),
                    ('stg_doe__enrollments', 'entry_date'),
                    ('stg_dcf__reports', 'report_date'),
                    ('stg_dcf__removals', 'removal_date'),
                    ('stg_mcd__eligibility', 'elig_start'),
                    ('stg_mcd__claims', 'service_date'),
                    ('stg_hmis__enrollment', 'entry_date'),
                    ('stg_fadss__enrollments', 'enroll_date'),
                ] %}
                select max({{ column }}) as event_date
                from {{ ref(model) }}
                where {{ column }} <= current_date
                {% if not loop.last %}union all{% endif %}
                {%- endfor %}
            ) as events
        )
    {%- endif -%}
{%- endmacro %}

{#- Whole years completed on `on_date` by a person born on `dob` (outcome_metrics.md, "age on a
    date"); null when the DOB is unknown. Plain SQL, so every adapter computes it the same way. -#}
{% macro ids_age_on(dob, on_date) -%}
    (
        extract(year from {{ on_date }}) - extract(year from {{ dob }})
        - case
            when extract(month from {{ on_date }}) * 100 + extract(day from {{ on_date }})
                < extract(month from {{ dob }}) * 100 + extract(day from {{ dob }})
                then 1
            else 0
        end
    )
{%- endmacro %}

{#- Quarter index of a date: year * 4 + quarter - 1, the same numbering as stg_dol__ui_wages. -#}
{% macro ids_quarter_index(date_expression) -%}
    (extract(year from {{ date_expression }}) * 4 + extract(quarter from {{ date_expression }}) - 1)
{%- endmacro %}
