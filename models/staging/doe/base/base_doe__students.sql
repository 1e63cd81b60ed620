{{ ids_stage_extract('doe', 'doe_students') }}
