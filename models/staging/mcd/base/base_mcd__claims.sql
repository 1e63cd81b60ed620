{{ ids_stage_extract('mcd', 'mcd_claims') }}
