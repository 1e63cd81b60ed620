"""The person registry: a stable person_id per source record, kept from one batch to the next.

Incremental: on every run it reads its own previous state, reconciles it with the new clustering
(src/ids/identity.py: existing ids survive, merges keep the id held by more records, new persons
get an id derived from their smallest record key) and rewrites the rows. `first_person_id` keeps
the id a record was first given, so every merge or split stays visible.
`dbt build --full-refresh` starts the registry over (every id is then re-derived deterministically).
"""

import datetime as dt

import pyarrow as pa

from ids.identity import assign_person_ids


def model(dbt, session):
    dbt.config(materialized="incremental", unique_key="record_key", incremental_strategy="delete+insert")

    clusters = dbt.ref("int_person_clusters").project("record_key, cluster_key").fetchall()
    cluster_of = {record: cluster for record, cluster in clusters}

    prior: dict[str, str] = {}
    first_ids: dict[str, str] = {}
    first_seen: dict[str, dt.datetime] = {}
    if dbt.is_incremental:
        for record, person_id, first_person_id, first_seen_at in session.sql(
            f"select record_key, person_id, first_person_id, first_seen_at from {dbt.this}"
        ).fetchall():
            prior[record] = person_id
            first_ids[record] = first_person_id
            first_seen[record] = first_seen_at

    assignment = assign_person_ids(cluster_of, prior)
    now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None, microsecond=0)
    keys = sorted(cluster_of)
    person_ids = [assignment.person_id[k] for k in keys]
    return pa.table(
        {
            "record_key": pa.array(keys, pa.string()),
            "person_id": pa.array(person_ids, pa.string()),
            "first_person_id": pa.array([first_ids.get(k, assignment.person_id[k]) for k in keys], pa.string()),
            "first_seen_at": pa.array([first_seen.get(k, now) for k in keys], pa.timestamp("s")),
            "is_new_record": pa.array([k not in prior for k in keys], pa.bool_()),
            "merged_from_person_id": pa.array(
                [prior[k] if k in prior and prior[k] != assignment.person_id[k] else None for k in keys],
                pa.string(),
            ),
        }
    )
