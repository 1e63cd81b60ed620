{#- De-identified keys for the marts: a salted HMAC-SHA256 (the UDF ids_hmac_key of src/ids/keys.py)
    of an internal id with a kind prefix, so a person and a family with the same id never share a
    key. The salt is read by the plugin from IDS_KEY_SALT and never appears in SQL. -#}
{% macro ids_hmac_key(kind, expression) -%}
    ids_hmac_key('{{ kind }}:' || cast({{ expression }} as varchar))
{%- endmacro %}

{% macro ids_person_key(person_id) -%}
    {{ ids_hmac_key('person', person_id) }}
{%- endmacro %}

{% macro ids_family_key(family_id) -%}
    {{ ids_hmac_key('family', family_id) }}
{%- endmacro %}

{#- Warns loudly when a folder-mode build (real partner data) makes keys with the public demo salt.
    Called from on-run-start; the check is a UDF, so the salt itself never passes through Jinja. -#}
{% macro ids_warn_default_salt() %}
    {%- if execute and var('extracts_path', '') != '' -%}
        {%- set result = run_query('select ids_key_salt_is_default() as is_default') -%}
        {%- if result and result.columns[0].values()[0] -%}
            {{ log("\n" ~ "!" * 78 ~ "\n!! IDS_KEY_SALT is not set: the marts' person_key and family_key are made with the\n!! PUBLIC demo salt, so anyone can recompute them from person ids. Set IDS_KEY_SALT\n!! (a long random secret, kept outside the repository) before sharing any mart.\n" ~ "!" * 78, info=true) }}
        {%- endif -%}
    {%- endif -%}
    select 1 as salt_checked
{% endmacro %}
