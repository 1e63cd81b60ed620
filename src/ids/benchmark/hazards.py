"""The spec's linkage hazards for any linker's clusters, counted like linkage.linkage_hazard_report.

Pairs of different true persons put under one cluster, by kind: ``twins`` (one true family and a
recorded birth date in common), ``same_family`` (a child with a parent's SSN, a junior and his
senior, siblings) and ``strangers``. The IDS's report reads the crosswalk; this SQL reads any
relation of ``(record_key, person_id)`` (Splink's clusters exported to Parquet), joined to the same
truth and records in the IDS warehouse, so both linkers are classified by one rule.
"""

from __future__ import annotations

HAZARDS: tuple[str, ...] = ("twins", "same_family", "strangers")


def hazard_sql(assignments: str) -> str:
    """SQL returning ``(hazard, merged_true_person_pairs)`` for the three hazards (zeros included).

    ``assignments``: a relation or table function with columns ``record_key`` and ``person_id``
    (e.g. ``read_parquet('clusters.parquet')``), read in the IDS warehouse."""
    hazards = ", ".join(f"'{h}'" for h in HAZARDS)
    return f"""
with labelled as (
    select a.person_id, t.true_person_id, r.dob
    from {assignments} as a
    inner join linkage.int_truth_records as t on a.record_key = t.record_key
    inner join linkage.int_person_records as r on a.record_key = r.record_key
),
mixed as (
    select person_id from labelled group by person_id having count(distinct true_person_id) > 1
),
merged_pairs as (
    select l.true_person_id as tl, r.true_person_id as tr, bool_or(l.dob = r.dob) as share_a_dob
    from labelled as l
    inner join labelled as r on l.person_id = r.person_id and l.true_person_id < r.true_person_id
    where l.person_id in (select person_id from mixed)
    group by l.person_id, l.true_person_id, r.true_person_id
),
classified as (
    select case
        when fl.true_family_id = fr.true_family_id and share_a_dob then 'twins'
        when fl.true_family_id = fr.true_family_id then 'same_family'
        else 'strangers'
    end as hazard
    from merged_pairs
    left join staging.stg_truth__family_map as fl on merged_pairs.tl = fl.true_person_id
    left join staging.stg_truth__family_map as fr on merged_pairs.tr = fr.true_person_id
),
hazards as (select unnest([{hazards}]) as hazard)
select hazards.hazard, count(classified.hazard) as merged_true_person_pairs
from hazards left join classified on hazards.hazard = classified.hazard
group by hazards.hazard
"""
