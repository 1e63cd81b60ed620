-- One row: twins merged (a missing row counts as none; the build fails on any).
select coalesce(max(n_merged_true_person_pairs), 0) as n_twins_merged
from rpt_linkage_quality
where quality_item = 'false_merges_twins'
