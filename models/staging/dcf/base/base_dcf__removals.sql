{{ ids_stage_extract('dcf', 'dcf_removals', checks=[
    ('DISCHARGE_BEFORE_REMOVAL', 'discharge_date < removal_date'),
]) }}
