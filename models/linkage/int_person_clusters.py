"""Cluster linked record pairs into persons (src/ids/clustering.py).

Greedy merging of pairs at or above the match threshold, strongest first, refusing any merge that
would put two incompatible valid SSNs or irreconcilable dates of birth in one person. Every record
gets a cluster key (the smallest record key of its cluster), singletons included. Deterministic.
"""

import datetime as dt

import pyarrow as pa

from ids.clustering import RecordEvidence, cluster_records


def model(dbt, session):
    dbt.config(materialized="table")
    settings = dict(dbt.ref("linkage_settings").project("setting, value").fetchall())
    threshold = float(settings["match_threshold"])

    records = dbt.ref("int_person_records").project("record_key, ssn, dob").order("record_key").fetchall()
    keys = [r[0] for r in records]
    evidence = [RecordEvidence(ssn=r[1], dob=r[2] if isinstance(r[2], dt.date) else None) for r in records]

    pairs = (
        dbt.ref("int_scored_pairs")
        .filter(f"match_probability >= {threshold}")
        .project("record_key_l, record_key_r, match_probability")
        .fetchall()
    )
    cluster_of = cluster_records(keys, evidence, pairs, threshold)

    sizes: dict[str, int] = {}
    for cluster in cluster_of.values():
        sizes[cluster] = sizes.get(cluster, 0) + 1
    return pa.table(
        {
            "record_key": pa.array(keys, pa.string()),
            "cluster_key": pa.array([cluster_of[k] for k in keys], pa.string()),
            "cluster_size": pa.array([sizes[cluster_of[k]] for k in keys], pa.int64()),
        }
    )
