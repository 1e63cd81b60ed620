{%- set contracts = ref('base_contracts__contracts') -%}
{{ ids_stage_extract('contracts', 'contract_outcome_terms',
    from_relation=ids_contract_config_relation('contract_outcome_terms', ref('contract_outcome_terms')),
    checks=[
        ('DUPLICATE_KEY:outcome_id',
            'count(*) filter (where not _ids_is_duplicate) over (partition by contract_id__text, outcome_id__text) > 1'),
        ('MISSING_THRESHOLD', "threshold is null and metric_id__text in ('EMPLOYED_2OF4Q', 'EARNINGS_GAIN', 'KRA_READY')"),
        ('MISSING_WINDOW', "window_months is null and metric_id__text <> 'SCHOOL_ATTENDANCE_90'"),
        ('CONTRACT_REJECTED',
            'contract_id__text in (select c.contract_id__text from ' ~ contracts
            ~ ' as c where not c._ids_is_duplicate and len(c._ids_reject_reasons) > 0)'),
        ('METRIC_NOT_FOR_PROGRAM',
            "exists (select 1 from " ~ contracts ~ " as c where c.contract_id__text = deduplicated.contract_id__text "
            ~ "and not c._ids_is_duplicate and len(c._ids_reject_reasons) = 0 and ("
            ~ "(deduplicated.metric_id__text = 'OFF_TANF_12M' and c.program <> 'FADSS') "
            ~ "or (deduplicated.metric_id__text = 'NO_RETURN_HOMELESS_12M' and c.program <> 'PSH') "
            ~ "or (deduplicated.metric_id__text = 'KRA_READY' and c.program <> 'ECE') "
            ~ "or (deduplicated.metric_id__text = 'NO_REMOVAL_12M' and c.program = 'PSH')))"),
    ]) }}
