{{ ids_stage_extract('dol', 'dol_ui_wages', checks=[
    (
        'QUARTER_IN_FUTURE',
        'cast(year as bigint) * 4 + quarter > year(current_date) * 4 + quarter(current_date)',
    ),
]) }}
