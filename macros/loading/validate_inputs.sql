{#- Vars and paths are inputs too: anything that reaches SQL text from the command line is checked
    here first, and a value carrying quotes or SQL stops the run with one clear message before any
    SQL is built from it. -#}


{#- A text value as a SQL string literal (quotes doubled). For values read from files or the
    database, never for identifiers. -#}
{% macro ids_sql_string(value) %}
    {{- return("'" ~ (value | string).replace("'", "''") ~ "'") -}}
{% endmacro %}


{#- A filesystem path given on the command line: no quotes, backslashes, semicolons, SQL comments
    or control characters. Returns the path. -#}
{% macro ids_assert_safe_path(value, what) %}
    {%- set text = value | string -%}
    {%- if text | trim == '' or modules.re.search("['\"`\\\\;]|--|/\\*|[\\x00-\\x1f\\x7f]", text) -%}
        {{ exceptions.raise_compiler_error(
            "Refused " ~ what ~ ": " ~ (text | tojson) ~ ". A path may not be empty or carry quotes, "
            ~ "backslashes, semicolons, SQL comments or control characters.") }}
    {%- endif -%}
    {{ return(text) }}
{% endmacro %}


{#- A short identifier given on the command line (an agency, a license id, a source id): letters,
    digits, `_`, `-`, `.`, `:`, at most 64 characters. Returns the value. -#}
{% macro ids_assert_safe_token(value, what) %}
    {%- set text = value | string -%}
    {%- if not modules.re.fullmatch("[A-Za-z0-9_.:-]{1,64}", text) -%}
        {{ exceptions.raise_compiler_error(
            "Refused " ~ what ~ ": " ~ (text | tojson) ~ ". Expected 1 to 64 letters, digits, "
            ~ "'_', '-', '.' or ':' (no quotes, spaces or SQL).") }}
    {%- endif -%}
    {{ return(text) }}
{% endmacro %}


{#- Every project var that reaches SQL text has the type it says it has (on-run-start). -#}
{% macro ids_validate_vars() %}
    {%- set whole = {'min_cell_size': 1, 'max_text_length': 1} -%}
    {%- for name, minimum in whole.items() -%}
        {%- set text = var(name) | string | trim -%}
        {%- if not modules.re.fullmatch("[0-9]{1,9}", text) or text | int < minimum -%}
            {{ exceptions.raise_compiler_error(
                "Refused var " ~ name ~ " = " ~ (text | tojson) ~ ": expected a whole number >= " ~ minimum ~ ".") }}
        {%- endif -%}
    {%- endfor -%}
    {%- set min_date = var('min_plausible_date') | string | trim -%}
    {%- if not modules.re.fullmatch("[0-9]{4}-[0-9]{2}-[0-9]{2}", min_date) -%}
        {{ exceptions.raise_compiler_error(
            "Refused var min_plausible_date = " ~ (min_date | tojson) ~ ": expected a date YYYY-MM-DD.") }}
    {%- endif -%}
    {%- set f1 = var('linkage_min_f1') | string | trim -%}
    {%- if not modules.re.fullmatch("(0(\\.[0-9]+)?|1(\\.0+)?|\\.[0-9]+)", f1) -%}
        {{ exceptions.raise_compiler_error(
            "Refused var linkage_min_f1 = " ~ (f1 | tojson) ~ ": expected a number between 0 and 1.") }}
    {%- endif -%}
    {%- if var('extracts_path', '') | string != '' -%}
        {%- do ids_assert_safe_path(var('extracts_path'), 'var extracts_path') -%}
    {%- endif -%}
    select 1 as vars_validated
{% endmacro %}
