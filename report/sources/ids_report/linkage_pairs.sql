-- Record pairs by scope (all, cross_source, within_source).
select
    scope,
    n_linked_pairs,
    n_false_positive_pairs,
    n_false_negative_pairs,
    pair_precision,
    pair_recall,
    pair_f1
from rpt_linkage_quality
where section = 'pairwise' and scope in ('all', 'cross_source', 'within_source')
order by scope
