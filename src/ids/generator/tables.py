"""Column formatting helpers and assembly of extract tables in contract column order.

Why: every extract is written with all columns as text, exactly in the order and case of
``ids.contract``; formatting numbers and dates here (vectorized through pyarrow) keeps the
agency modules about *what* happens rather than how it is spelled.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from ids.contract import CONTRACT_TABLES, EXTRACTS_BY_NAME, TRUTH_TABLES

Column = pa.Array | pa.ChunkedArray | np.ndarray


def as_str(x: Column) -> pa.Array:
    """Any column (numpy object/int array or pyarrow array) as a pyarrow string array."""
    if isinstance(x, pa.ChunkedArray):
        x = x.combine_chunks()
    if isinstance(x, pa.Array):
        return x if x.type == pa.string() else pc.cast(x, pa.string())
    x = np.asarray(x)
    if x.dtype == object:
        return pa.array(x, type=pa.string())
    return pc.cast(pa.array(x), pa.string())


def fmt_int(values: np.ndarray, missing: np.ndarray | None = None) -> pa.Array:
    """Integers as text; '' where ``missing``."""
    s = pc.cast(pa.array(np.asarray(values, dtype=np.int64)), pa.string())
    if missing is not None and np.any(missing):
        s = pc.if_else(pa.array(np.asarray(missing, bool)), pa.scalar(""), s)
    return s


def fmt_money(cents: np.ndarray, missing: np.ndarray | None = None) -> pa.Array:
    """Integer cents as a decimal with 2 places (``-12.05``); '' where ``missing``."""
    c = np.asarray(cents, dtype=np.int64)
    neg = c < 0
    a = np.abs(c)
    whole = pc.cast(pa.array(a // 100), pa.string())
    frac = pc.utf8_lpad(pc.cast(pa.array(a % 100), pa.string()), width=2, padding="0")
    s = pc.binary_join_element_wise(whole, frac, ".")
    s = pc.if_else(pa.array(neg), pc.binary_join_element_wise("-", s, ""), s)
    if missing is not None and np.any(missing):
        s = pc.if_else(pa.array(np.asarray(missing, bool)), pa.scalar(""), s)
    return s


def blank(n: int) -> pa.Array:
    """A column of empty strings."""
    return pa.array(np.full(n, "", dtype=object), type=pa.string())


def _table(columns: tuple[str, ...], data: Mapping[str, Column], what: str) -> pa.Table:
    missing = [c for c in columns if c not in data]
    extra = [c for c in data if c not in columns]
    if missing or extra:
        raise KeyError(f"{what}: missing {missing}, unexpected {extra}")
    arrays = [as_str(data[c]) for c in columns]
    lengths = {len(a) for a in arrays}
    if len(lengths) > 1:
        raise ValueError(f"{what}: columns of different lengths {lengths}")
    return pa.Table.from_arrays(arrays, names=list(columns))


def extract_table(name: str, data: Mapping[str, Column], order: np.ndarray | None = None) -> pa.Table:
    """Table for extract ``name`` with exactly the contract's columns, optionally row-ordered."""
    t = _table(EXTRACTS_BY_NAME[name].columns, data, name)
    return t.take(pa.array(order)) if order is not None else t


def config_table(name: str, data: Mapping[str, Column]) -> pa.Table:
    """Table for a contract or truth table (``ids.contract.CONTRACT_TABLES`` / ``TRUTH_TABLES``)."""
    cols = CONTRACT_TABLES.get(name) or TRUTH_TABLES[name]
    return _table(cols, data, name)


def take(values: Column, idx: np.ndarray) -> pa.Array:
    """``values[idx]`` as a string array, without building a row-level Python object array
    (memory matters at a million persons)."""
    return as_str(values).take(pa.array(np.asarray(idx, dtype=np.int64)))


def fmt_prefixed(prefix: str, numbers: np.ndarray, width: int) -> pa.Array:
    """``prefix`` + zero-padded numbers, vectorized (for row-level ids such as claim ids)."""
    s = pc.utf8_lpad(pc.cast(pa.array(np.asarray(numbers, dtype=np.int64)), pa.string()), width=width, padding="0")
    return pc.binary_join_element_wise(prefix, s, "") if prefix else s
