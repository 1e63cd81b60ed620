{#- Cleaning of identity fields shared by every staging model that carries them. Staging keeps the
    raw value beside the cleaned one; the linkage layer does the deeper name standardization. -#}

{#- Upper case, inner whitespace collapsed, trimmed; empty becomes null. -#}
{% macro ids_clean_text(text) -%}
    nullif(upper(trim(regexp_replace({{ text }}, '\s+', ' ', 'g'))), '')
{%- endmacro %}


{#- The nine digits of an SSN written with or without dashes or spaces; null when there are not nine. -#}
{% macro ids_ssn_digits(text) -%}
    case
        when regexp_full_match({{ text }}, '\d{3}[- ]?\d{2}[- ]?\d{4}')
            then regexp_replace({{ text }}, '[^0-9]', '', 'g')
    end
{%- endmacro %}


{#- Why an SSN is or is not usable for linkage. Placeholders and structurally invalid numbers mean
    "unknown", never "same person" (SSA rules: area 000, 666 and 900-999, group 00 and serial 0000 are
    never issued). HMIS partial SSNs (xxxxx1234) keep only their last four digits. -#}
{% macro ids_ssn_status(text) -%}
    case
        when {{ text }} is null then 'MISSING'
        when regexp_full_match({{ text }}, '[xX*]{3}-?[xX*]{2}-?\d{4}') then 'PARTIAL'
        when {{ ids_ssn_digits(text) }} is null then 'MALFORMED'
        when {{ ids_ssn_digits(text) }} in ({{ ids_ssn_placeholders() }}) then 'PLACEHOLDER'
        when left({{ ids_ssn_digits(text) }}, 3) in ('000', '666')
            or left({{ ids_ssn_digits(text) }}, 1) = '9'
            or substr({{ ids_ssn_digits(text) }}, 4, 2) = '00'
            or right({{ ids_ssn_digits(text) }}, 4) = '0000'
            then 'INVALID'
        else 'VALID'
    end
{%- endmacro %}


{#- Placeholder SSNs partners type when the number is unknown: every repeated digit, and the
    ascending and descending runs. -#}
{% macro ids_ssn_placeholders() -%}
    '000000000', '111111111', '222222222', '333333333', '444444444', '555555555', '666666666',
    '777777777', '888888888', '999999999', '123456789', '987654321'
{%- endmacro %}


{#- The usable SSN (nine digits) or null. -#}
{% macro ids_valid_ssn(text) -%}
    case when {{ ids_ssn_status(text) }} = 'VALID' then {{ ids_ssn_digits(text) }} end
{%- endmacro %}


{#- Last four digits when known: from a valid SSN, or from an HMIS partial one (xxxxx1234, which
    HUD defines as the person's last four). Placeholders and structurally invalid numbers carry
    nothing: the spec says they mean "unknown", and a number that was never issued cannot be
    trusted to hold the person's serial in its last four. Last four digits are partial evidence,
    weighed by their own comparison level; they never make two records "the same SSN". -#}
{% macro ids_ssn_last4(text) -%}
    case
        when {{ ids_ssn_status(text) }} in ('VALID', 'PARTIAL') then right({{ text }}, 4)
    end
{%- endmacro %}


{#- A date of birth partners use for "unknown" (1900-01-01) is no date of birth. -#}
{% macro ids_is_placeholder_dob(dob) -%}
    coalesce({{ dob }} = date '1900-01-01', false)
{%- endmacro %}


{% macro ids_dob_or_null(dob) -%}
    case when not {{ ids_is_placeholder_dob(dob) }} then {{ dob }} end
{%- endmacro %}


{#- First five digits of a ZIP or ZIP+4. -#}
{% macro ids_zip5(text) -%}
    case when regexp_full_match({{ text }}, '\d{5}(-?\d{4})?') then left({{ text }}, 5) end
{%- endmacro %}


{#- The identity column groups every person extract stages the same way, raw beside cleaned.
    `col` is the base model's column, `as` the output name when it differs (HMIS CamelCase). -#}
{% macro ids_name_columns(col, as=none) -%}
    {%- set as = as or col -%}
    {{ col }} as {{ as }}_raw,
    {{ ids_clean_text(col) }} as {{ as }}
{%- endmacro %}


{% macro ids_dob_columns(col, as=none) -%}
    {%- set as = as or col -%}
    {{ col }}__text as {{ as }}_raw,
    {{ ids_dob_or_null(col) }} as {{ as }},
    {{ ids_is_placeholder_dob(col) }} as {{ as }}_is_placeholder
{%- endmacro %}


{% macro ids_ssn_columns(col, as=none) -%}
    {%- set as = as or col -%}
    {{ col }} as {{ as }}_raw,
    {{ ids_valid_ssn(col) }} as {{ as }},
    {{ ids_ssn_status(col) }} as {{ as }}_status,
    {{ ids_ssn_last4(col) }} as {{ as }}_last4
{%- endmacro %}
