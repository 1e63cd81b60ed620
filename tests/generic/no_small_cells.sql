{#- No published count lies between 1 and var('min_cell_size') - 1 (outcome_metrics.md, "Published
    counts"): every numeric column whose name starts with `n_`, or the columns given
    (ids_small_cell_scan in macros/marts/suppression.sql). Applied to every agg_ and rpt_ model; the
    singular test assert_every_mart_is_scanned checks that none is left out. -#}
{% test no_small_cells(model, count_columns=none) %}

{{ ids_small_cell_scan(model, count_columns) }}

{% endtest %}
