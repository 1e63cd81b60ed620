{{ ids_stage_extract('dcf', 'dcf_reports', checks=[
    ('FINDING_ON_SCREENED_OUT', "screened_in = 'N' and finding is not null"),
]) }}
