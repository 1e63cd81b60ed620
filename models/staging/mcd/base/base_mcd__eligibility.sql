{{ ids_stage_extract('mcd', 'mcd_eligibility', checks=[
    ('END_BEFORE_START', 'elig_end < elig_start'),
]) }}
