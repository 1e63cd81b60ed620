"""The explicit-context bound for family_evaluation: what a plain union of every stated context
would give with perfect linkage.

Every source record is put on its true person (int_truth_records, the generator's truth map), and
every stated case, household, family and report (linkage.int_record_groups) unites the true persons
it names; a true person in no context is alone. One row per true person seen in any extract, with
the smallest true_person_id of its component as bound_cluster_key. Empty without a truth map (real
data). Never read by a mart; only family_evaluation reads it.
"""

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from ids.clustering import connected_components


def model(dbt, session):
    dbt.config(materialized="table")
    truth = dbt.ref("int_truth_records").project("record_key, true_person_id").set_alias("t")
    groups = dbt.ref("int_record_groups").project("record_key as group_record_key, group_key").set_alias("g")
    edges = groups.join(truth, "g.group_record_key = t.record_key").project("group_key, true_person_id")

    persons = truth.project("true_person_id").distinct().order("true_person_id").fetch_arrow_table()
    group_keys = edges.project("group_key").distinct().order("group_key").fetch_arrow_table()
    n_persons = persons.num_rows
    n_nodes = n_persons + group_keys.num_rows

    pairs = edges.fetch_arrow_table()
    left = pc.index_in(pairs.column("true_person_id"), value_set=persons.column("true_person_id"))
    right = pc.index_in(pairs.column("group_key"), value_set=group_keys.column("group_key"))
    left_idx = np.asarray(left.to_numpy(zero_copy_only=False), dtype=np.int64)
    right_idx = np.asarray(right.to_numpy(zero_copy_only=False), dtype=np.int64) + n_persons

    # persons come first and in id order, so a component's smallest index is its smallest person
    labels = connected_components(n_nodes, left_idx, right_idx)[:n_persons]
    ids = persons.column("true_person_id")
    return pa.table(
        {
            "true_person_id": ids.cast(pa.string()),
            "bound_cluster_key": pc.take(ids, pa.array(labels, pa.int64())).cast(pa.string()),
        }
    )
