"""Clustering scored record pairs into persons, with a guard against chaining.

Plain connected components over every pair above the threshold lets one bad link chain two people
together (a child recorded with a parent's SSN links the child to the parent; a junior links to his
senior). So pairs are merged greedily, strongest first, and a merge is refused when the two clusters
would then hold evidence of two different people:

* two valid SSNs that are not one keystroke apart (one digit, or two adjacent digits swapped), or
* dates of birth that no recording error explains (not equal, not day/month swapped, not one
  component off, not within a year) for every pair of dates across the two clusters.

Placeholder and invalid SSNs never reach this module (staging nulls them), so they cannot veto.

The order of merges is fixed by (probability desc, left key, right key), so the result does not depend
on row order or thread count. Cluster keys are the smallest record key of each cluster.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class RecordEvidence:
    """Identity evidence of one record that can veto a merge."""

    ssn: str | None = None
    dob: dt.date | None = None


def ssn_compatible(a: str, b: str) -> bool:
    """Same SSN up to one recording error: one digit, or one adjacent transposition."""
    if a == b:
        return True
    if len(a) != len(b):
        return False
    diffs = [i for i, (x, y) in enumerate(zip(a, b)) if x != y]
    if len(diffs) == 1:
        return True
    if len(diffs) == 2:
        i, j = diffs
        return j == i + 1 and a[i] == b[j] and a[j] == b[i]
    return False


def _one_digit_apart(x: int, y: int) -> bool:
    sx, sy = f"{x:04d}", f"{y:04d}"
    return sum(1 for p, q in zip(sx, sy) if p != q) == 1


def dob_compatible(a: dt.date, b: dt.date) -> bool:
    """Could two recorded dates of birth be the same person's, given how DOBs get mistyped?"""
    if a == b:
        return True
    if a.year == b.year and a.month == b.day and a.day == b.month:
        return True  # day and month transposed
    same = (a.year == b.year, a.month == b.month, a.day == b.day)
    if sum(same) == 2:
        if not same[0]:
            return _one_digit_apart(a.year, b.year)  # one digit of the year wrong
        return True  # month or day wrong
    if abs((a - b).days) <= 366:
        return True  # estimated dates (YYYY-01-01) and near misses
    return False


@dataclass
class _Cluster:
    ssns: set[str] = field(default_factory=set)
    dobs: set[dt.date] = field(default_factory=set)


def _conflict(a: _Cluster, b: _Cluster) -> bool:
    for s in a.ssns:
        for t in b.ssns:
            if not ssn_compatible(s, t):
                return True
    if a.dobs and b.dobs and not any(dob_compatible(x, y) for x in a.dobs for y in b.dobs):
        return True
    return False


def cluster_records(
    record_keys: Sequence[str],
    evidence: Sequence[RecordEvidence],
    pairs: Iterable[tuple[str, str, float]],
    threshold: float,
) -> dict[str, str]:
    """Map every record key to its cluster key (the smallest record key in its cluster).

    ``pairs`` are (left key, right key, match probability); pairs below ``threshold`` are ignored.
    Records with no pair are singletons.
    """
    index = {key: i for i, key in enumerate(record_keys)}
    parent = list(range(len(record_keys)))
    clusters: dict[int, _Cluster] = {}
    for i, ev in enumerate(evidence):
        clusters[i] = _Cluster(
            ssns={ev.ssn} if ev.ssn else set(),
            dobs={ev.dob} if ev.dob else set(),
        )

    def find(i: int) -> int:
        root = i
        while parent[root] != root:
            root = parent[root]
        while parent[i] != root:
            parent[i], i = root, parent[i]
        return root

    ordered = sorted(
        ((p, left, right) for left, right, p in pairs if p >= threshold),
        key=lambda t: (-t[0], t[1], t[2]),
    )
    for _, left, right in ordered:
        ra, rb = find(index[left]), find(index[right])
        if ra == rb:
            continue
        ca, cb = clusters[ra], clusters[rb]
        if _conflict(ca, cb):
            continue
        keep, drop = (ra, rb) if ra < rb else (rb, ra)
        parent[drop] = keep
        clusters[keep] = _Cluster(ssns=ca.ssns | cb.ssns, dobs=ca.dobs | cb.dobs)
        del clusters[drop]

    members: dict[int, list[str]] = {}
    for key, i in index.items():
        members.setdefault(find(i), []).append(key)
    result: dict[str, str] = {}
    for keys in members.values():
        cluster_key = min(keys)
        for key in keys:
            result[key] = cluster_key
    return result
