"""Day arithmetic on integer arrays (days since 1970-01-01) and fast date formatting.

Why integers: at a million persons the generator handles tens of millions of dates; keeping them
as ``int32`` day numbers makes every comparison and shift a vectorized numpy operation, and a
precomputed lookup table turns formatting into a single ``take``.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pyarrow as pa

from .config import END_DATE, START_DATE

_EPOCH = dt.date(1970, 1, 1)
#: sentinel for "no date" (missing / open-ended)
NO_DATE = -(10**6)


def day(y: int, m: int, d: int) -> int:
    """Day number of a calendar date."""
    return (dt.date(y, m, d) - _EPOCH).days


START = day(START_DATE.year, START_DATE.month, START_DATE.day)
END = day(END_DATE.year, END_DATE.month, END_DATE.day)
#: number of calendar months and quarters in the simulated history
N_MONTHS = (END_DATE.year - START_DATE.year) * 12 + END_DATE.month - START_DATE.month + 1
N_QUARTERS = N_MONTHS // 3

_TABLE_FIRST = day(1899, 1, 1)
_TABLE_LAST = day(2040, 12, 31)
_M0 = np.datetime64(START_DATE.strftime("%Y-%m"), "M")


def _build_tables() -> tuple[pa.Array, pa.Array]:
    days = np.arange(_TABLE_FIRST, _TABLE_LAST + 1).astype("datetime64[D]")
    iso = np.datetime_as_string(days, unit="D").astype(object)
    mdy = np.array([f"{s[5:7]}/{s[8:10]}/{s[0:4]}" for s in iso], dtype=object)
    iso = np.append(iso, "")
    mdy = np.append(mdy, "")
    return pa.array(iso, pa.string()), pa.array(mdy, pa.string())


_ISO, _MDY = _build_tables()
_EMPTY_IDX = _TABLE_LAST - _TABLE_FIRST + 1


def _idx(days: np.ndarray) -> np.ndarray:
    d = np.asarray(days, dtype=np.int64)
    ok = (d >= _TABLE_FIRST) & (d <= _TABLE_LAST)
    return np.where(ok, d - _TABLE_FIRST, _EMPTY_IDX)


def fmt_iso(days: np.ndarray) -> pa.Array:
    """``YYYY-MM-DD`` strings; :data:`NO_DATE` (or anything out of range) becomes ''."""
    return _ISO.take(pa.array(_idx(days)))


def fmt_mdy(days: np.ndarray) -> pa.Array:
    """``MM/DD/YYYY`` strings (ECE); :data:`NO_DATE` becomes ''."""
    return _MDY.take(pa.array(_idx(days)))


def iso(d: int) -> str:
    """One date as ``YYYY-MM-DD``."""
    return (_EPOCH + dt.timedelta(days=int(d))).isoformat()


def ymd(days: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Split day numbers into year, month, day arrays."""
    d = np.asarray(days).astype("datetime64[D]")
    months = d.astype("datetime64[M]")
    y = months.astype("datetime64[Y]").astype(np.int64) + 1970
    m = months.astype(np.int64) % 12 + 1
    dd = (d - months.astype("datetime64[D]")).astype(np.int64) + 1
    return y, m, dd


def from_ymd(y: np.ndarray, m: np.ndarray, d: np.ndarray) -> np.ndarray:
    """Day numbers from year/month/day arrays; the day is clamped to the month's length."""
    y = np.asarray(y, dtype=np.int64)
    m = np.asarray(m, dtype=np.int64)
    d = np.asarray(d, dtype=np.int64)
    first = ((y - 1970) * 12 + (m - 1)).astype("datetime64[M]")
    length = ((first + 1).astype("datetime64[D]") - first.astype("datetime64[D]")).astype(np.int64)
    return (first.astype("datetime64[D]").astype(np.int64) + np.minimum(d, length) - 1).astype(np.int64)


def valid_ymd(y: np.ndarray, m: np.ndarray, d: np.ndarray) -> np.ndarray:
    """True where (y, m, d) is a real calendar date."""
    y = np.asarray(y, dtype=np.int64)
    m = np.asarray(m, dtype=np.int64)
    d = np.asarray(d, dtype=np.int64)
    ok_m = (m >= 1) & (m <= 12)
    mm = np.where(ok_m, m, 1)
    first = ((y - 1970) * 12 + (mm - 1)).astype("datetime64[M]")
    length = ((first + 1).astype("datetime64[D]") - first.astype("datetime64[D]")).astype(np.int64)
    return ok_m & (d >= 1) & (d <= length)


def add_years(days: np.ndarray, years: np.ndarray | int) -> np.ndarray:
    """Same calendar day ``years`` later (Feb 29 -> Feb 28)."""
    y, m, d = ymd(days)
    return from_ymd(y + years, m, d)


def month_index(days: np.ndarray) -> np.ndarray:
    """Month number relative to the start of the history (2019-01 = 0)."""
    d = np.asarray(days).astype("datetime64[D]").astype("datetime64[M]")
    return (d - _M0).astype(np.int64)


def month_start(month: np.ndarray) -> np.ndarray:
    """First day of month index ``month`` (may be negative or beyond the history)."""
    m = _M0 + np.asarray(month, dtype=np.int64)
    return m.astype("datetime64[D]").astype(np.int64)


def month_end(month: np.ndarray) -> np.ndarray:
    """Last day of month index ``month``."""
    return month_start(np.asarray(month, dtype=np.int64) + 1) - 1


def quarter_index(days: np.ndarray) -> np.ndarray:
    """Quarter number relative to 2019Q1 (= 0)."""
    return month_index(days) // 3


def quarter_start(q: np.ndarray) -> np.ndarray:
    """First day of quarter index ``q``."""
    return month_start(np.asarray(q, dtype=np.int64) * 3)


def age_on(dob: np.ndarray, on: np.ndarray | int) -> np.ndarray:
    """Completed years of age on day ``on``."""
    by, bm, bd = ymd(dob)
    oy, om, od = ymd(np.broadcast_to(np.asarray(on), np.shape(dob)))
    before = (om < bm) | ((om == bm) & (od < bd))
    return (oy - by - before.astype(np.int64)).astype(np.int64)
