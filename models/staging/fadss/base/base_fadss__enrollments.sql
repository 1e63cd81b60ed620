{{ ids_stage_extract('fadss', 'fadss_enrollments', checks=[
    ('EXIT_BEFORE_ENROLL', 'exit_date < enroll_date'),
]) }}
