{{ ids_stage_extract('contracts', 'contracts',
    from_relation=ids_contract_config_relation('contracts', ref('contracts')),
    checks=[
        ('END_BEFORE_START', 'end_date < start_date'),
        ('DUPLICATE_KEY:contract_id',
            'count(*) filter (where not _ids_is_duplicate) over (partition by contract_id__text) > 1'),
    ]) }}
