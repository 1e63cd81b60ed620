{#- FaDSS-specific cleaning. -#}

{#- A DHS case id as a FaDSS provider typed it, reduced to upper-case letters and digits
    (` c-0000 0001 ` becomes `C00000001`); null when nothing is left. Typos are not corrected. -#}
{% macro fadss_clean_case_id(text) -%}
    nullif(regexp_replace(upper({{ text }}), '[^A-Z0-9]', '', 'g'), '')
{%- endmacro %}


{#- True when the cleaned case id has the DHS shape (`C` + 8 digits); false when missing. -#}
{% macro fadss_case_id_is_well_formed(text) -%}
    coalesce(regexp_full_match({{ fadss_clean_case_id(text) }}, 'C\d{8}'), false)
{%- endmacro %}
