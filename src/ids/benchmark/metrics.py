"""Pairwise precision, recall and F1 of a clustering against a truth map, from contingency counts.

The same method as ``models/linkage/linkage_evaluation.sql``, so that the IDS and any other linker
(Splink) are scored identically. No pair is listed: a group of ``n`` records holds ``n(n-1)/2``
pairs, so

* true positives = pairs sharing both a predicted cluster and a true person: the sum of
  ``n(n-1)/2`` over the (cluster, true person) cells of the contingency table;
* predicted pairs = the sum over clusters, true pairs = the sum over true persons;
* ``cross_source`` counts only pairs of records from two different source systems: the pairs of
  each group minus the pairs inside each (group, source) cell; ``within_source`` is the rest
  (duplicate registrations inside one source).

Only records that have a truth label take part (callers pass labelled records only).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable
from dataclasses import dataclass

SCOPES: tuple[str, ...] = ("all", "cross_source", "within_source")


@dataclass(frozen=True)
class PairCounts:
    """Pair counts of one scope and the metrics derived from them (``None`` when undefined)."""

    true_positive_pairs: int
    predicted_pairs: int
    true_pairs: int

    @property
    def false_positive_pairs(self) -> int:
        return self.predicted_pairs - self.true_positive_pairs

    @property
    def false_negative_pairs(self) -> int:
        return self.true_pairs - self.true_positive_pairs

    @property
    def precision(self) -> float | None:
        return self.true_positive_pairs / self.predicted_pairs if self.predicted_pairs else None

    @property
    def recall(self) -> float | None:
        return self.true_positive_pairs / self.true_pairs if self.true_pairs else None

    @property
    def f1(self) -> float | None:
        denominator = self.predicted_pairs + self.true_pairs
        return 2 * self.true_positive_pairs / denominator if denominator else None

    def as_dict(self) -> dict[str, float | int | None]:
        return {
            "true_positive_pairs": self.true_positive_pairs,
            "predicted_pairs": self.predicted_pairs,
            "true_pairs": self.true_pairs,
            "false_positive_pairs": self.false_positive_pairs,
            "false_negative_pairs": self.false_negative_pairs,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
        }


def _pairs(n: int) -> int:
    return n * (n - 1) // 2


def _scope_pairs(groups: dict[Hashable, Counter[Hashable]]) -> tuple[int, int]:
    """(all pairs, within-source pairs) of groups given as {group: {source: n_records}}."""
    all_pairs = 0
    within = 0
    for by_source in groups.values():
        all_pairs += _pairs(sum(by_source.values()))
        within += sum(_pairs(n) for n in by_source.values())
    return all_pairs, within


def pair_counts_from_cells(
    cells: Iterable[tuple[Hashable, Hashable, Hashable, int]],
) -> dict[str, PairCounts]:
    """Pair counts per scope from contingency cells ``(cluster_id, true_id, source, n_records)``.

    A cell may appear more than once (its counts add up). Returns ``{"all", "cross_source",
    "within_source"}`` → :class:`PairCounts`.
    """
    tp: dict[Hashable, Counter[Hashable]] = {}
    predicted: dict[Hashable, Counter[Hashable]] = {}
    actual: dict[Hashable, Counter[Hashable]] = {}
    for cluster_id, true_id, source, n in cells:
        if n < 0:
            raise ValueError(f"negative record count {n} in cell {(cluster_id, true_id, source)}")
        tp.setdefault((cluster_id, true_id), Counter())[source] += n
        predicted.setdefault(cluster_id, Counter())[source] += n
        actual.setdefault(true_id, Counter())[source] += n

    tp_all, tp_within = _scope_pairs(tp)
    pred_all, pred_within = _scope_pairs(predicted)
    true_all, true_within = _scope_pairs(actual)
    return {
        "all": PairCounts(tp_all, pred_all, true_all),
        "cross_source": PairCounts(tp_all - tp_within, pred_all - pred_within, true_all - true_within),
        "within_source": PairCounts(tp_within, pred_within, true_within),
    }


def pair_counts_from_rows(rows: Iterable[tuple[Hashable, Hashable, Hashable]]) -> dict[str, PairCounts]:
    """Pair counts per scope from one row per labelled record: ``(cluster_id, true_id, source)``."""
    return pair_counts_from_cells((c, t, s, n) for (c, t, s), n in Counter(rows).items())
