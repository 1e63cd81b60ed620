{{ ids_stage_extract('hmis', 'hmis_enrollment', checks=[
    ('EXIT_BEFORE_ENTRY', 'ExitDate < EntryDate'),
    ('MOVE_IN_BEFORE_ENTRY', 'MoveInDate < EntryDate'),
]) }}
