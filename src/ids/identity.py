"""Stable person ids: a registry keeps each person's id from one batch to the next.

A clustering run says which records belong together; the registry says which id each record had
before. ``assign_person_ids`` reconciles the two so that

* a person whose records were already linked keeps the id (adding records never renames anyone);
* when a batch proves two existing ids are one person, the id held by more records survives (ties:
  the smaller id) and the merge is reported;
* when a cluster of an existing id is split, the id stays with the part holding most of its records
  (ties: the smaller cluster key) and the other part gets a new id;
* a new person's id is derived from the smallest record key of its cluster, so it does not depend on
  row order, thread count or the order batches arrive in.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass


def derive_id(seed_key: str, prefix: str = "P", attempt: int = 0) -> str:
    """A deterministic id from a record key: prefix + 16 hex digits of SHA-256."""
    material = seed_key if attempt == 0 else f"{seed_key}#{attempt}"
    return prefix + hashlib.sha256(material.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Assignment:
    """Result of one registry update."""

    person_id: dict[str, str]          # record key -> person id
    merged_into: dict[str, str]        # retired person id -> surviving person id
    new_ids: frozenset[str]            # ids minted in this run


def assign_person_ids(
    cluster_of: Mapping[str, str],
    prior: Mapping[str, str],
    prefix: str = "P",
) -> Assignment:
    """Give every clustered record a person id, keeping prior ids stable (see module docstring)."""
    members: dict[str, list[str]] = defaultdict(list)
    for record, cluster in cluster_of.items():
        members[cluster].append(record)

    # Where did each prior id's records go?
    id_cluster_counts: dict[str, Counter[str]] = defaultdict(Counter)
    for record, cluster in cluster_of.items():
        old = prior.get(record)
        if old is not None:
            id_cluster_counts[old][cluster] += 1

    # Each prior id lives on in the cluster holding most of its records (ties: smaller cluster key).
    home_of_id = {
        pid: min(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0]
        for pid, counts in id_cluster_counts.items()
    }
    ids_by_cluster: dict[str, list[str]] = defaultdict(list)
    for pid, cluster in home_of_id.items():
        ids_by_cluster[cluster].append(pid)

    used: set[str] = set(prior.values())
    person_of_cluster: dict[str, str] = {}
    merged_into: dict[str, str] = {}
    new_ids: set[str] = set()
    for cluster in sorted(members):
        candidates = ids_by_cluster.get(cluster, [])
        if candidates:
            counts = id_cluster_counts
            survivor = min(candidates, key=lambda pid: (-counts[pid][cluster], pid))
            for pid in candidates:
                if pid != survivor:
                    merged_into[pid] = survivor
            person_of_cluster[cluster] = survivor
        else:
            attempt = 0
            pid = derive_id(cluster, prefix)
            while pid in used:
                attempt += 1
                pid = derive_id(cluster, prefix, attempt)
            used.add(pid)
            new_ids.add(pid)
            person_of_cluster[cluster] = pid

    person_id = {record: person_of_cluster[cluster] for record, cluster in cluster_of.items()}
    return Assignment(person_id=person_id, merged_into=merged_into, new_ids=frozenset(new_ids))
