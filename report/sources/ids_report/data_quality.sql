-- Every data-quality check per agency and extract.
select
    agency,
    extract_name,
    check_name,
    column_name,
    n_evaluated,
    n_failing,
    status
from rpt_data_quality
order by agency, extract_name, dimension, check_name, column_name
