"""Bookkeeping for quirks, and the file-level quirks every extract gets.

Why a log: the tests (and anyone tuning the linkage) need to know which quirks were actually
applied and how often; counting them where they are applied is cheaper and more honest than
re-detecting them in the output. File-level quirks (bad rows for the quarantine, exact re-sent
rows, ``NULL`` literals, stray whitespace) are applied last, uniformly, from a per-extract
description of which columns are dates, codes, spans and keys.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from .config import QuirkRates


class QuirkLog:
    """Counts of applied quirks, overall and per source system."""

    def __init__(self) -> None:
        self.counts: dict[str, int] = {}
        self.by_source: dict[str, dict[str, int]] = {}

    def add(self, kind: str, n: int | np.integer = 1, source: str = "") -> None:
        """Record ``n`` applications of quirk ``kind`` (zero is ignored)."""
        n = int(n)
        if n <= 0:
            return
        self.counts[kind] = self.counts.get(kind, 0) + n
        if source:
            d = self.by_source.setdefault(source, {})
            d[kind] = d.get(kind, 0) + n


def pick(rng: np.random.Generator, eligible: np.ndarray, rate: float) -> np.ndarray:
    """Bernoulli(rate) among ``eligible``; if that hits nothing but candidates exist and the rate
    is positive, hit one anyway, so that every quirk occurs at least once in every run that has a
    candidate (small test runs included) while ``noise=0`` stays perfectly clean."""
    eligible = np.asarray(eligible, dtype=bool)
    m = eligible & (rng.random(len(eligible)) < rate)
    if rate > 0 and not m.any() and eligible.any():
        idx = np.flatnonzero(eligible)
        m[idx[rng.integers(len(idx))]] = True
    return m


_DICT_MIN = 20_000  # above this many values, work on distinct values (names repeat a lot)


def _encode(values: np.ndarray) -> tuple[list[str], np.ndarray]:
    d = pa.array(values, pa.string()).dictionary_encode()
    return d.dictionary.to_pylist(), d.indices.to_numpy(zero_copy_only=False)


def flags(values: np.ndarray, fn: Callable[[str], object]) -> np.ndarray:
    """Boolean array ``bool(fn(v))`` for each string."""
    if len(values) >= _DICT_MIN:
        uniq, codes = _encode(values)
        return np.fromiter((bool(fn(v)) for v in uniq), dtype=bool, count=len(uniq))[codes]
    return np.fromiter((bool(fn(v)) for v in values.tolist()), dtype=bool, count=len(values))


def apply(values: np.ndarray, mask: np.ndarray, fn: Callable[..., str], *extra: np.ndarray) -> int:
    """In place: ``values[i] = fn(values[i], *extra_i)`` where ``mask``; returns the number of
    values that actually changed."""
    idx = np.flatnonzero(mask)
    if not len(idx):
        return 0
    old = values[idx]
    if not extra and len(idx) >= _DICT_MIN:
        uniq, codes = _encode(old)
        mapped = np.array([fn(v) for v in uniq], dtype=object)
        values[idx] = mapped[codes]
        return int((np.array(uniq, dtype=object) != mapped)[codes].sum())
    cols = [e[idx].tolist() for e in extra]
    new = [fn(v, *args) for v, *args in zip(old.tolist(), *cols)] if cols else [fn(v) for v in old.tolist()]
    values[idx] = new
    return int(sum(1 for a, b in zip(old.tolist(), new) if a != b))


# --- file-level quirks ----------------------------------------------------------------------


@dataclass(frozen=True)
class FileRules:
    """What can go wrong in one extract (used to make quarantinable rows)."""

    dates: tuple[str, ...] = ()
    mdy_dates: tuple[str, ...] = ()
    codes: tuple[str, ...] = ()
    spans: tuple[tuple[str, str], ...] = ()
    nonneg: tuple[str, ...] = ()
    keys: tuple[str, ...] = ()
    #: columns never padded with whitespace (ids whose value must survive trim unchanged)
    no_pad: tuple[str, ...] = ()
    extra: dict[str, tuple[str, ...]] = field(default_factory=dict)


_BAD_DATES = ("2023-02-30", "2021-13-05", "2022-04-31", "2019-00-12", "20220715", "2024-06-")
_BAD_MDY = ("02/30/2017", "13/05/2019", "04/31/2016", "2018-07-15", "7/15/18")
_BAD_CODES = ("XX", "UNKNOWN_CODE", "?", "7", "N/A")


def _shift_back(s: str) -> str:
    """A date string moved one year before itself (to make an end precede its start)."""
    if len(s) == 10 and s[4] == "-":
        return f"{int(s[:4]) - 1:04d}{s[4:]}".replace("-02-29", "-02-28")
    return s


def add_bad_rows(rng: np.random.Generator, table: pa.Table, rules: FileRules, rate: float,
                 log: QuirkLog, source: str) -> tuple[pa.Table, np.ndarray]:
    """Append corrupted copies of a few real rows (impossible date, unknown code, negative
    number, end before start, missing key). Copies rather than in-place edits keep the clean
    history intact, so metric checks on the quarantined warehouse still see every real event.
    Returns the table and the positions (in the original) each extra row was copied from."""
    n = table.num_rows
    if n == 0 or rate <= 0:
        return table, np.empty(0, dtype=np.int64)
    k = int(rng.binomial(n, rate))
    k = max(k, 1)
    src = rng.integers(0, n, k)
    kinds: list[str] = []
    if rules.dates or rules.mdy_dates:
        kinds.append("bad_date")
    if rules.codes:
        kinds.append("bad_code")
    if rules.spans:
        kinds.append("bad_end_before_start")
    if rules.nonneg:
        kinds.append("bad_negative")
    if rules.keys:
        kinds.append("bad_missing_key")
    rows = table.take(pa.array(src)).to_pylist()
    choice = rng.integers(0, len(kinds), k)
    u = rng.random((k, 3))
    for i, row in enumerate(rows):
        kind = kinds[choice[i]]
        if kind == "bad_date":
            cols = list(rules.dates) + list(rules.mdy_dates)
            c = cols[int(u[i, 0] * len(cols))]
            pool = _BAD_MDY if c in rules.mdy_dates else _BAD_DATES
            row[c] = pool[int(u[i, 1] * len(pool))]
        elif kind == "bad_code":
            c = rules.codes[int(u[i, 0] * len(rules.codes))]
            row[c] = rules.extra.get(c, _BAD_CODES)[int(u[i, 1] * len(rules.extra.get(c, _BAD_CODES)))]
        elif kind == "bad_end_before_start":
            a, b = rules.spans[int(u[i, 0] * len(rules.spans))]
            start = row[a].strip()
            if not start or start == "NULL" or len(start) != 10:  # no start to precede: drop the key
                kind = "bad_missing_key"
                row[rules.keys[0]] = ""
            elif "/" in start:
                mm, dd, yy = start.split("/")
                row[b] = f"{mm}/{dd}/{int(yy) - 1:04d}"
            else:
                row[b] = _shift_back(start)
        elif kind == "bad_negative":
            c = rules.nonneg[int(u[i, 0] * len(rules.nonneg))]
            row[c] = str(-int(1 + u[i, 1] * 50))
        else:
            c = rules.keys[int(u[i, 0] * len(rules.keys))]
            row[c] = ""
        log.add(kind, 1, source)
    bad = pa.Table.from_pylist(rows, schema=table.schema)
    return pa.concat_tables([table, bad]), src


def add_duplicates(rng: np.random.Generator, table: pa.Table, rate: float, log: QuirkLog,
                   source: str) -> pa.Table:
    """Append exact copies of a few rows (a partner re-sending part of a batch)."""
    n = table.num_rows
    if n == 0 or rate <= 0:
        return table
    k = max(1, int(rng.binomial(n, rate)))
    idx = np.sort(rng.integers(0, n, k))
    log.add("duplicate_row", k, source)
    return pa.concat_tables([table, table.take(pa.array(idx))])


def interleave(rng: np.random.Generator, table: pa.Table, n_original: int) -> pa.Table:
    """Scatter rows appended after ``n_original`` to random positions (keeps file order stable
    for the original rows)."""
    n = table.num_rows
    extra = n - n_original
    if extra <= 0:
        return table
    key = np.concatenate([np.arange(n_original) * 2 + 1, rng.integers(0, n_original + 1, extra) * 2])
    order = np.argsort(key, kind="stable")
    return table.take(pa.array(order))


def nulls_and_spaces(rng: np.random.Generator, table: pa.Table, q: QuirkRates, no_pad: Sequence[str],
                     log: QuirkLog, source: str) -> pa.Table:
    """Write some missing values as the literal ``NULL`` and pad a few values with a space.
    Only the chosen cells are touched; columns are replaced one at a time to bound memory."""
    n = table.num_rows
    if n == 0:
        return table
    for i, name in enumerate(table.column_names):
        col = table.column(i).combine_chunks()
        empty = np.flatnonzero(pc.equal(col, "").to_numpy(zero_copy_only=False))
        mask = np.zeros(n, bool)
        repl: list[pa.Array] = []
        if q.null_literal > 0 and len(empty):
            chosen = empty[pick(rng, np.ones(len(empty), bool), q.null_literal)]
            mask[chosen] = True
            log.add("null_literal", len(chosen), source)
        if name not in no_pad and q.stray_whitespace > 0:
            k = int(rng.binomial(n, q.stray_whitespace))
            cand = np.unique(rng.integers(0, n, k))
            cand = cand[~mask[cand]]
            if len(cand):
                vals = col.take(pa.array(cand))
                keep = np.flatnonzero(pc.not_equal(vals, "").to_numpy(zero_copy_only=False))
                cand, vals = cand[keep], vals.take(pa.array(keep))
                left = pa.array(rng.random(len(cand)) < 0.5)
                padded = pc.if_else(left, pc.binary_join_element_wise(" ", vals, ""),
                                    pc.binary_join_element_wise(vals, " ", ""))
                log.add("stray_whitespace", len(cand), source)
        else:
            cand = np.empty(0, np.int64)
        if mask.any() or len(cand):
            nulls = np.flatnonzero(mask)
            allidx = np.concatenate([nulls, cand])
            order = np.argsort(allidx, kind="stable")
            vals_all = pa.concat_arrays([pa.array(np.full(len(nulls), "NULL", dtype=object), pa.string()),
                                         padded if len(cand) else pa.array([], pa.string())]).take(pa.array(order))
            mask[cand] = True
            col = pc.replace_with_mask(col, pa.array(mask), vals_all)
            table = table.set_column(i, name, col)
    return table
