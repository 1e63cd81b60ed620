"""Household units: the stated contexts (cases, households, families, reports) that share an adult.

A unit is a connected component of the bipartite graph of contexts and the persons whose membership
anchors a context (int_household_spells.anchors_household: its HEAD and PARTNER members). Which
memberships anchor is decided in SQL; this model only finds the components (numpy label
propagation, src/ids/clustering.py). One row per anchored context, with its unit key: the smallest
context key of its component. Contexts without any anchoring member are not listed (their members
are placed by int_family_members). Deterministic: no dependence on row order or threads.
"""

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from ids.clustering import connected_components


def model(dbt, session):
    dbt.config(materialized="table")
    anchors = dbt.ref("int_household_spells").filter("anchors_household").project("household_key, person_id")
    households = anchors.project("household_key").distinct().order("household_key").fetch_arrow_table()
    persons = anchors.project("person_id").distinct().order("person_id").fetch_arrow_table()
    n_households = households.num_rows
    n_nodes = n_households + persons.num_rows

    edges = anchors.fetch_arrow_table()
    left = pc.index_in(edges.column("household_key"), value_set=households.column("household_key"))
    right = pc.index_in(edges.column("person_id"), value_set=persons.column("person_id"))
    left_idx = np.asarray(left.to_numpy(zero_copy_only=False), dtype=np.int64)
    right_idx = np.asarray(right.to_numpy(zero_copy_only=False), dtype=np.int64) + n_households

    # households come first and in key order, so a component's smallest index is its smallest key
    labels = connected_components(n_nodes, left_idx, right_idx)[:n_households]
    keys = households.column("household_key")
    return pa.table(
        {
            "household_key": keys,
            "unit_key": pc.take(keys, pa.array(labels, pa.int64())),
        }
    )
