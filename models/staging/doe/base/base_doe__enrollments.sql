{{ ids_stage_extract('doe', 'doe_enrollments', checks=doe_school_year_checks() + [
    ('END_BEFORE_START', 'exit_date < entry_date'),
    ('ATTENDED_MORE_THAN_ENROLLED', 'days_attended > days_enrolled'),
    (
        'DATES_OUTSIDE_SCHOOL_YEAR',
        'entry_date > ' ~ doe_school_year_end_date('school_year')
        ~ ' or exit_date < ' ~ doe_school_year_start_date('school_year'),
    ),
]) }}
