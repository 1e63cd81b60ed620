{{ ids_stage_extract('hmis', 'hmis_client') }}
