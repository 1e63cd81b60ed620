"""Clustering scored record pairs into persons, with a guard against chaining.

Plain connected components over every pair above the threshold lets one bad link chain two people
together (a child recorded with a parent's SSN links the child to the parent; a junior links to his
senior). So pairs are merged greedily, strongest first, and a merge is refused when the two clusters
would then hold evidence of two different people:

* valid SSNs that no one SSN explains: two SSNs are one person's when they are one keystroke
  apart (one digit, or two adjacent digits swapped), and more when one of them is one keystroke
  from each of the others (the true SSN and the typos made of it: two typos of one SSN are often
  two keystrokes apart from each other), or
* dates of birth that no recording error explains (not equal, not day/month swapped, not one
  component off, not within a year) for every pair of dates across the two clusters.

Placeholder and invalid SSNs never reach this module (staging nulls them), so they cannot veto.
An SSN that records with irreconcilable dates of birth share (a child recorded with a parent's
SSN) is *contested*: it is evidence of nobody, so it cannot veto either.

Clerical reviewers' decisions are applied above any score: a pair a reviewer linked is merged
first (a pair with probability above 1, :data:`FORCED`), whatever the guard says; a pair a reviewer
unlinked (``apart``) is never put in one cluster, not directly and not through chaining. A link
that would join two records a reviewer kept apart is refused (and reported by
linkage_review_decisions, which compares the decisions with the clusters).

The order of merges is fixed by (probability desc, left key, right key), so the result does not depend
on row order or thread count. Cluster keys are the smallest record key of each cluster.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray


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


def _ssns_pairwise_compatible(ordered: Sequence[str]) -> bool:
    return all(ssn_compatible(a, b) for k, a in enumerate(ordered) for b in ordered[k + 1:])


def ssns_consistent(ssns: set[str] | frozenset[str]) -> bool:
    """Could these SSNs all be one person's? Every two are one keystroke apart, or one of them is
    one keystroke from each of the others (the true SSN among its typos)."""
    ordered = sorted(ssns)
    return _ssns_pairwise_compatible(ordered) or any(
        all(ssn_compatible(center, s) for s in ordered) for center in ordered
    )


def _one_digit_apart(x: int, y: int, width: int = 4) -> bool:
    return sum(1 for p, q in zip(f"{x:0{width}d}", f"{y:0{width}d}") if p != q) == 1


def birth_year_typo(x: int, y: int) -> bool:
    """Two birth years one recording error apart, as the comparison's DOB level 3 reads them
    (macros/linkage/comparisons.sql, ids_birth_year_typo), except that the level also takes two
    swapped digits (Damerau distance 1) and this does not: one digit of the four wrong, off by one
    (a year worked out from an age), or one digit of a two-digit year wrong with the century then
    inferred (2001 keyed as 91: 1991)."""
    if _one_digit_apart(x, y) or abs(x - y) == 1:
        return True
    return abs(x - y) == 10 and _one_digit_apart(x % 100, y % 100, width=2)


def dob_compatible(a: dt.date, b: dt.date) -> bool:
    """Could two recorded dates of birth be the same person's, given how DOBs get mistyped?"""
    if a == b:
        return True
    if a.year == b.year and a.month == b.day and a.day == b.month:
        return True  # day and month transposed
    same = (a.year == b.year, a.month == b.month, a.day == b.day)
    if sum(same) == 2 and same[0]:
        return True  # month or day wrong
    if same[1] and same[2] and birth_year_typo(a.year, b.year):
        return True  # a digit of the year wrong, or the year off by one
    if abs((a - b).days) <= 366:
        return True  # estimated dates (YYYY-01-01) and near misses
    return False


def _find_root(parent: list[int], i: int) -> int:
    """Union-find: the root of i's set, compressing the path to it."""
    root = i
    while parent[root] != root:
        root = parent[root]
    while parent[i] != root:
        parent[i], i = root, parent[i]
    return root


# the match probability given to a pair a clerical reviewer linked: above every score, so it is
# merged first, and exempt from the evidence guard (the reviewer saw the records)
FORCED = 2.0


@dataclass
class _Cluster:
    ssns: set[str] = field(default_factory=set)
    dobs: set[dt.date] = field(default_factory=set)
    members: set[int] = field(default_factory=set)
    apart: set[int] = field(default_factory=set)  # records a reviewer kept apart from a member


def _kept_apart(a: _Cluster, b: _Cluster) -> bool:
    return bool(a.apart & b.members) or bool(b.apart & a.members)


def _conflict(a: _Cluster, b: _Cluster) -> bool:
    if a.ssns and b.ssns and not ssns_consistent(a.ssns | b.ssns):
        return True
    if a.dobs and b.dobs and not any(dob_compatible(x, y) for x in a.dobs for y in b.dobs):
        return True
    return False


def contested_ssns(evidence: Sequence[RecordEvidence]) -> set[str]:
    """SSNs carried by records whose dates of birth no recording error reconciles."""
    dobs_by_ssn: dict[str, set[dt.date]] = {}
    for ev in evidence:
        if ev.ssn and ev.dob:
            dobs_by_ssn.setdefault(ev.ssn, set()).add(ev.dob)
    contested = set()
    for ssn, dobs in dobs_by_ssn.items():
        ordered = sorted(dobs)
        if any(not dob_compatible(a, b) for i, a in enumerate(ordered) for b in ordered[i + 1:]):
            contested.add(ssn)
    return contested


def cluster_records(
    record_keys: Sequence[str],
    evidence: Sequence[RecordEvidence],
    pairs: Iterable[tuple[str, str, float]],
    threshold: float,
    _presorted: bool = False,
    apart: Iterable[tuple[str, str]] = (),
) -> dict[str, str]:
    """Map every record key to its cluster key (the smallest record key in its cluster).

    ``pairs`` are (left key, right key, match probability); pairs below ``threshold`` are ignored;
    a probability above 1 (:data:`FORCED`, a reviewer's link) merges whatever the evidence.
    ``apart`` are pairs a reviewer unlinked: never in one cluster. Records with no pair are
    singletons.
    """
    index = {key: i for i, key in enumerate(record_keys)}
    parent = list(range(len(record_keys)))
    contested = set() if _presorted else contested_ssns(evidence)
    clusters: dict[int, _Cluster] = {}
    for i, ev in enumerate(evidence):
        clusters[i] = _Cluster(
            ssns={ev.ssn} if ev.ssn and ev.ssn not in contested else set(),
            dobs={ev.dob} if ev.dob else set(),
            members={i},
        )
    for left, right in apart:
        if left in index and right in index and left != right:
            clusters[index[left]].apart.add(index[right])
            clusters[index[right]].apart.add(index[left])

    def find(i: int) -> int:
        return _find_root(parent, i)

    candidates = [(p, left, right) for left, right, p in pairs if p >= threshold]
    ordered = candidates if _presorted else sorted(candidates, key=lambda t: (-t[0], t[1], t[2]))
    for p, left, right in ordered:
        ra, rb = find(index[left]), find(index[right])
        if ra == rb:
            continue
        ca, cb = clusters[ra], clusters[rb]
        if _kept_apart(ca, cb) or (p <= 1.0 and _conflict(ca, cb)):
            continue
        keep, drop = (ra, rb) if ra < rb else (rb, ra)
        parent[drop] = keep
        clusters[keep] = _Cluster(
            ssns=ca.ssns | cb.ssns, dobs=ca.dobs | cb.dobs,
            members=ca.members | cb.members, apart=ca.apart | cb.apart,
        )
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


def _component_is_consistent(members: Sequence[int], evidence: Sequence[RecordEvidence],
                             contested: set[str]) -> bool:
    """No merge inside this component could be refused: every pair of (uncontested) SSNs is
    compatible (so every subset of them is consistent) and every pair of DOBs is compatible."""
    ssns = sorted({evidence[i].ssn for i in members if evidence[i].ssn and evidence[i].ssn not in contested})
    if not _ssns_pairwise_compatible(ssns):
        return False
    dobs = sorted({evidence[i].dob for i in members if evidence[i].dob})
    return all(dob_compatible(a, b) for k, a in enumerate(dobs) for b in dobs[k + 1:])


def connected_components(n_records: int, left: NDArray[np.int64], right: NDArray[np.int64]) -> NDArray[np.int64]:
    """Per record, the smallest record index of its connected component (numpy, no Python loop
    over records or pairs): minimum-label propagation along the pairs with pointer jumping."""
    labels = np.arange(n_records, dtype=np.int64)
    if len(left) == 0:
        return labels
    while True:
        low = np.minimum(labels[left], labels[right])
        new = labels.copy()
        np.minimum.at(new, left, low)
        np.minimum.at(new, right, low)
        while True:  # pointer jumping: every record points at its label's label
            jumped = new[new]
            if np.array_equal(jumped, new):
                break
            new = jumped
        if np.array_equal(new, labels):
            return labels
        labels = new


def _distinct_per_component(roots: NDArray[np.int64], codes: NDArray[np.int64]) -> NDArray[np.int64]:
    """Number of distinct non-negative codes in each record's component, per component root."""
    known = codes >= 0
    pairs = np.unique(np.stack([roots[known], codes[known]], axis=1), axis=0)
    return np.bincount(pairs[:, 0], minlength=len(roots)) if len(pairs) else np.zeros(len(roots), np.int64)


def cluster_indexed(
    n_records: int,
    left: NDArray[np.int64],
    right: NDArray[np.int64],
    probability: NDArray[np.float64],
    evidence_of: Callable[[Sequence[int]], list[RecordEvidence]],
    contested: set[str],
    threshold: float,
    ssn_code: NDArray[np.int64] | None = None,
    dob_code: NDArray[np.int64] | None = None,
    apart_left: NDArray[np.int64] | None = None,
    apart_right: NDArray[np.int64] | None = None,
) -> NDArray[np.int64]:
    """The same clustering as :func:`cluster_records`, for millions of records.

    Records are 0..n-1 in record-key order; pairs are index arrays. Returns, per record, the
    smallest index in its cluster. Connected components are found first (numpy); only components
    that hold conflicting evidence are re-clustered greedily (merges never cross components, so
    the result is identical), and evidence is materialized only for the records of components that
    may conflict (``evidence_of(indices)``). ``ssn_code`` / ``dob_code`` (optional, one integer
    per record, -1 = none or contested SSN) let components with at most one SSN and one DOB skip
    that step without building any Python object: no merge inside them can be refused.
    ``apart_left`` / ``apart_right``: record pairs a reviewer unlinked; the components that hold
    both records of one are re-clustered greedily with that constraint. Pairs with probability
    above 1 (:data:`FORCED`) are reviewers' links, merged first and exempt from the guard.
    """
    keep = probability >= threshold
    left, right, probability = left[keep], right[keep], probability[keep]
    lo, hi = np.minimum(left, right), np.maximum(left, right)
    order = np.lexsort((hi, lo, -probability))  # strongest first; ties by record order
    lo, hi, probability = lo[order], hi[order], probability[order]

    roots = connected_components(n_records, lo, hi)
    sizes = np.bincount(roots, minlength=n_records)
    may_conflict = sizes > 1  # indexed by root
    forced_in = np.zeros(n_records, dtype=bool)  # components holding a reviewer's link
    if ssn_code is not None and dob_code is not None:
        forced_in[roots[lo[probability > 1.0]]] = True
        may_conflict &= (_distinct_per_component(roots, ssn_code) > 1) | (
            _distinct_per_component(roots, dob_code) > 1
        ) | forced_in
    apart_of: dict[int, list[tuple[int, int]]] = {}
    if apart_left is not None and apart_right is not None and len(apart_left):
        for a, b in zip(apart_left.tolist(), apart_right.tolist()):
            if a != b and roots[a] == roots[b]:  # a reviewer's unlink the scores would break
                apart_of.setdefault(int(roots[a]), []).append((a, b))
                may_conflict[roots[a]] = True
    to_check = np.flatnonzero(may_conflict[roots])
    if to_check.size == 0:
        return roots
    members_of: dict[int, list[int]] = {}
    for i in to_check.tolist():
        members_of.setdefault(int(roots[i]), []).append(i)
    evidence: dict[int, RecordEvidence] = dict(zip(to_check.tolist(), evidence_of(to_check.tolist())))

    checked_edges = may_conflict[roots[lo]]
    edges_of: dict[int, list[tuple[int, int, float]]] = {}
    for a, b, p in zip(lo[checked_edges].tolist(), hi[checked_edges].tolist(),
                       probability[checked_edges].tolist()):  # still in strength order
        edges_of.setdefault(int(roots[a]), []).append((a, b, FORCED if p > 1.0 else 1.0))

    result = roots.copy()
    for root, members in members_of.items():
        if root not in apart_of and _component_is_consistent(members, evidence, contested):
            continue
        keys = [f"{i:012d}" for i in members]
        local = cluster_records(
            keys,
            [RecordEvidence(
                ssn=evidence[i].ssn if evidence[i].ssn not in contested else None,
                dob=evidence[i].dob,
            ) for i in members],
            [(f"{a:012d}", f"{b:012d}", p) for a, b, p in edges_of.get(root, [])],
            threshold=0.0,
            _presorted=True,
            apart=[(f"{a:012d}", f"{b:012d}") for a, b in apart_of.get(root, [])],
        )
        for key, cluster_key in local.items():
            result[int(key)] = int(cluster_key)
    return result


def bottleneck_links(
    edges: Iterable[tuple[str, str, float]],
    queries: Sequence[tuple[str, str]],
) -> list[float | None]:
    """For each query (a, b), the lowest match probability on the strongest chain of links between
    the two records: the largest p such that a and b are connected by links of probability >= p
    (None when no chain of ``edges`` joins them; 1.0 when a is b).

    Links are merged strongest first (ties by key, as the clustering merges them), building the
    merge tree of Kruskal's maximum spanning forest: every merge is a node holding the probability
    of the link that made it, and the answer for (a, b) is the node where their branches meet.
    Deterministic and independent of edge order.
    """
    index: dict[str, int] = {}
    for a, b in queries:
        index.setdefault(a, len(index))
        index.setdefault(b, len(index))
    ordered = sorted(((-p, min(a, b), max(a, b)) for a, b, p in edges if a != b))
    for _, a, b in ordered:
        index.setdefault(a, len(index))
        index.setdefault(b, len(index))
    n = len(index)
    find_parent = list(range(n))  # union-find over records, each set's tree node in `top`
    top = list(range(n))
    tree_parent: list[int] = list(range(n))  # merge-tree parent of every node
    value: list[float] = [1.0] * n

    def find(i: int) -> int:
        return _find_root(find_parent, i)

    for neg_p, a, b in ordered:
        ra, rb = find(index[a]), find(index[b])
        if ra == rb:
            continue
        node = len(tree_parent)
        tree_parent.append(node)
        value.append(-neg_p)
        tree_parent[top[ra]] = node
        tree_parent[top[rb]] = node
        keep, drop = (ra, rb) if ra < rb else (rb, ra)
        find_parent[drop] = keep
        top[keep] = node

    depth = [0] * len(tree_parent)
    for node in range(len(tree_parent) - 1, -1, -1):  # parents are created after their children
        if tree_parent[node] != node:
            depth[node] = depth[tree_parent[node]] + 1

    answers: list[float | None] = []
    for a, b in queries:
        x, y = index[a], index[b]
        if x == y:
            answers.append(1.0)
            continue
        while x != y:
            if depth[x] < depth[y]:
                x, y = y, x
            if tree_parent[x] == x:  # a root, and y is not in its tree
                break
            x = tree_parent[x]
        answers.append(value[x] if x == y else None)
    return answers
