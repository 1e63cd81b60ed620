{#- The model holds no PII, by column name and by value (macros/marts/pii_scan.sql). Applied to every
    published mart; tests/marts/assert_every_mart_is_scanned.sql checks that none is left out. -#}
{% test no_pii(model, min_name_length=4) %}

{{ ids_pii_scan(model, min_name_length=min_name_length) }}

{% endtest %}
