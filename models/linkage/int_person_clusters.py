"""Cluster linked record pairs into persons (src/ids/clustering.py).

Greedy merging of pairs at or above the match threshold and without a link_veto (twins), strongest
first, refusing any merge that would put two incompatible valid SSNs or irreconcilable dates of
birth in one person; an SSN that records with irreconcilable DOBs share (a child recorded with a
parent's SSN) vetoes nothing.
Clerical reviewers' decisions (int_review_decisions) are applied last, above any score: a `link`
puts the two records in one person whatever the guard says, an `unlink` keeps them apart even
through chaining. A vetoed pair with evidence beyond the names (keep_apart) is kept apart the same
way, unless a reviewer linked it.
Every record gets a cluster key (the smallest record key of its cluster), singletons included.
Works on integer indices and Arrow columns so that millions of records fit in memory: components
are found with numpy, and Python objects are built only for the records of components that hold
more than one SSN or DOB (the only ones where the guard can refuse a merge).
Deterministic: no dependence on row order or threads.
"""

import datetime as dt

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from ids.clustering import FORCED, RecordEvidence, cluster_indexed, dob_compatible


def model(dbt, session):
    dbt.config(materialized="table")
    settings = dict(dbt.ref("linkage_settings").project("setting, value").fetchall())
    threshold = float(settings["match_threshold"])

    indexed = dbt.ref("int_person_records").project(
        "record_key, ssn, dob, row_number() over (order by record_key) - 1 as record_index"
    )
    records = indexed.order("record_index").fetch_arrow_table()
    n = records.num_rows

    pairs = (
        dbt.ref("int_scored_pairs")
        .filter(f"match_probability >= {threshold} and link_veto is null")
        .project("record_key_l, record_key_r, match_probability")
        .set_alias("p")
        .join(indexed.project("record_key as key_l, record_index as index_l").set_alias("l"),
              "p.record_key_l = l.key_l")
        .join(indexed.project("record_key as key_r, record_index as index_r").set_alias("r"),
              "p.record_key_r = r.key_r")
        .project("index_l, index_r, match_probability")
        .fetchnumpy()
    )

    def decided(decision):
        """Index pairs of the reviewers' current decisions of one kind, on records that exist."""
        return (
            dbt.ref("int_review_decisions")
            .filter(f"decision = '{decision}' and records_exist")
            .set_alias("d")
            .join(indexed.project("record_key as key_l, record_index as index_l").set_alias("l"),
                  "d.record_key_l = l.key_l")
            .join(indexed.project("record_key as key_r, record_index as index_r").set_alias("r"),
                  "d.record_key_r = r.key_r")
            .project("index_l, index_r")
            .order("index_l, index_r")
            .fetchnumpy()
        )

    links, unlinks = decided("link"), decided("unlink")
    # A vetoed pair with evidence beyond the names (keep_apart: generations, suffixes, twins in one
    # family group or of different sex or SSN) is kept apart like a reviewer's unlink, through
    # chaining too: a third record that scores well with both twins must not join them. A
    # reviewer's link of that very pair overrides the veto.
    vetoed = (
        dbt.ref("int_scored_pairs")
        .filter("link_veto is not null and keep_apart")
        .project("record_key_l, record_key_r")
        .set_alias("v")
        .join(dbt.ref("int_review_decisions").filter("decision = 'link'")
              .project("record_key_l as linked_l, record_key_r as linked_r").set_alias("d"),
              "v.record_key_l = d.linked_l and v.record_key_r = d.linked_r", how="left")
        .filter("d.linked_l is null")
        .project("v.record_key_l as vetoed_l, v.record_key_r as vetoed_r")
        .set_alias("w")
        .join(indexed.project("record_key as key_l, record_index as index_l").set_alias("l"),
              "w.vetoed_l = l.key_l")
        .join(indexed.project("record_key as key_r, record_index as index_r").set_alias("r"),
              "w.vetoed_r = r.key_r")
        .project("index_l, index_r")
        .order("index_l, index_r")
        .fetchnumpy()
    )

    # SSNs shared by records whose DOBs no recording error reconciles are evidence of nobody.
    shared = (
        dbt.ref("int_person_records")
        .filter("ssn is not null and dob is not null")
        .aggregate("ssn, list(distinct dob order by dob) as dobs")
        .filter("len(dobs) > 1")
        .fetchall()
    )
    contested = {
        ssn for ssn, dobs in shared
        if any(not dob_compatible(a, b) for i, a in enumerate(dobs) for b in dobs[i + 1:])
    }

    ssn_column = records.column("ssn")
    dob_column = records.column("dob")

    def codes(values, drop=None):
        """One integer per distinct value, -1 for none (and for the values in `drop`)."""
        encoded = pc.dictionary_encode(values).combine_chunks().indices
        if drop:
            encoded = pc.if_else(pc.is_in(values, value_set=pa.array(sorted(drop), pa.string())), None, encoded)
        return np.asarray(pc.fill_null(encoded, -1).to_numpy(zero_copy_only=False), dtype=np.int64)

    def evidence_of(indices):
        take = pa.array(indices, pa.int64())
        ssns = ssn_column.take(take).to_pylist()
        dobs = dob_column.take(take).to_pylist()
        return [RecordEvidence(ssn=s, dob=d if isinstance(d, dt.date) else None) for s, d in zip(ssns, dobs)]

    roots = cluster_indexed(
        n,
        np.concatenate([np.asarray(pairs["index_l"], dtype=np.int64), np.asarray(links["index_l"], dtype=np.int64)]),
        np.concatenate([np.asarray(pairs["index_r"], dtype=np.int64), np.asarray(links["index_r"], dtype=np.int64)]),
        np.concatenate([
            np.asarray(pairs["match_probability"], dtype=np.float64),
            np.full(len(links["index_l"]), FORCED, dtype=np.float64),
        ]),
        evidence_of,
        contested,
        threshold,
        ssn_code=codes(ssn_column, contested),
        dob_code=codes(dob_column),
        apart_left=np.concatenate([np.asarray(unlinks["index_l"], dtype=np.int64),
                                   np.asarray(vetoed["index_l"], dtype=np.int64)]),
        apart_right=np.concatenate([np.asarray(unlinks["index_r"], dtype=np.int64),
                                    np.asarray(vetoed["index_r"], dtype=np.int64)]),
    )
    sizes = np.bincount(roots, minlength=n)[roots] if n else np.array([], dtype=np.int64)
    keys = records.column("record_key")
    return pa.table(
        {
            "record_key": keys,
            "cluster_key": pc.take(keys, pa.array(roots, pa.int64())),
            "cluster_size": pa.array(sizes, pa.int64()),
        }
    )
