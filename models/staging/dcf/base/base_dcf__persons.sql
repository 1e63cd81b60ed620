{{ ids_stage_extract('dcf', 'dcf_persons') }}
