{#- Spec: placeholders and structurally invalid SSNs mean "unknown", never "same person". A DOL wage
    row is keyed by its SSN alone, so one with an unusable SSN names no one: it must not be in the
    crosswalk (or every worker sent as 000000000 would be one person). Rows returned are such
    records the linkage let in. -#}
{{ config(severity='error') }}

select crosswalk.*
from {{ ref('person_crosswalk') }} as crosswalk
inner join {{ ref('stg_dol__ui_wages') }} as wages
    on crosswalk.source_system = 'dol' and crosswalk.source_person_id = wages.ssn_raw
where wages.ssn is null
