{#- DOE school years arrive as text `YYYY-YYYY` (e.g. `2023-2024`); a school year starts Aug 15 of
    its first year and ends Jun 15 of its second (see docs/agency_extracts_spec.md). Never raises:
    text that is not a school year gives null, which the base model turns into INVALID_SCHOOL_YEAR.
-#}

{#- First calendar year of a school year, or null when the text is not `YYYY-YYYY` with the second
    year equal to the first + 1. -#}
{% macro doe_school_year_start(text) -%}
    case
        when regexp_full_match({{ text }}, '\d{4}-\d{4}')
            and try_cast(right({{ text }}, 4) as integer)
                = try_cast(left({{ text }}, 4) as integer) + 1
            then try_cast(left({{ text }}, 4) as integer)
    end
{%- endmacro %}


{#- First day of the school year (Aug 15 of its first year). -#}
{% macro doe_school_year_start_date(text) -%}
    make_date({{ doe_school_year_start(text) }}, 8, 15)
{%- endmacro %}


{#- Last day of the school year (Jun 15 of its second year). -#}
{% macro doe_school_year_end_date(text) -%}
    make_date({{ doe_school_year_start(text) }} + 1, 6, 15)
{%- endmacro %}


{#- The school-year checks every DOE extract with a `school_year` column shares: malformed or
    implausible (before 1900), and not started yet. -#}
{% macro doe_school_year_checks(column='school_year') -%}
    {{ return([
        (
            'INVALID_SCHOOL_YEAR',
            column ~ ' is not null and coalesce(' ~ doe_school_year_start(column)
            ~ ' < 1900, true)',
        ),
        ('SCHOOL_YEAR_IN_FUTURE', doe_school_year_start_date(column) ~ ' > current_date'),
    ]) }}
{%- endmacro %}
