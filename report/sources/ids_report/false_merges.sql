-- Pairs of different people merged into one person, by hazard (null where suppressed).
select
    scope as hazard,
    n_merged_true_person_pairs,
    case when is_suppressed then 'yes (1 to 10)' else 'no' end as suppressed
from rpt_linkage_quality
where section = 'false_merges'
order by scope
