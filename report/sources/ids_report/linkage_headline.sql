-- One row: the person index and its pairwise linkage quality over all records.
select
    n_persons,
    n_records,
    pair_precision,
    pair_recall,
    pair_f1
from rpt_linkage_quality
where quality_item = 'pairwise_all'
