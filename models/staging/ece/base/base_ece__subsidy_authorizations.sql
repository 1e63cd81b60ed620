{{ ids_stage_extract('ece', 'ece_subsidy_authorizations', checks=[
    ('END_BEFORE_START', 'auth_end < auth_start'),
]) }}
