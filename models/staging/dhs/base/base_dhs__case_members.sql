{{ ids_stage_extract('dhs', 'dhs_case_members', checks=[
    ('END_BEFORE_START', 'spell_end < spell_start'),
]) }}
