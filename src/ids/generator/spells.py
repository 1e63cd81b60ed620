"""Alternating on/off program spells, vectorized over units (households or persons).

Why one helper: TANF, SNAP, Medicaid and child-care subsidies all look like "on for a while, off
for a while" with different rhythms; drawing them the same way, in month units, keeps the code
small and makes every program's open/closed spells and re-entries behave plausibly.
"""

from __future__ import annotations

import numpy as np

from . import timeutil as T

LAST_MONTH = T.N_MONTHS - 1
#: earliest month a spell that is already running at the start of the history may have begun
EARLIEST = -24


def alternating(rng: np.random.Generator, lo: np.ndarray, hi: np.ndarray, p_ever: np.ndarray | float,
                mean_on: float, mean_off: float, max_spells: int,
                p_ongoing: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Spells per unit inside its eligibility window ``[lo, hi]`` (month indexes, inclusive).

    Returns ``(unit, start_month, end_month)`` sorted by unit then start. ``end_month`` beyond
    :data:`LAST_MONTH` means the spell is still open at the extract date; a spell cut by the end
    of eligibility (``hi`` inside the history) closes at ``hi``. Spells already running at the
    start of the history (probability ``p_ongoing`` when eligible then) may start before 2019.
    """
    lo = np.maximum(np.asarray(lo, dtype=np.int64), EARLIEST)
    hi = np.asarray(hi, dtype=np.int64)
    n = len(lo)
    ever = (rng.random(n) < p_ever) & (lo <= hi) & (hi >= 0)
    units = np.flatnonzero(ever)
    lo_u, hi_u = lo[units], hi[units]
    m = len(units)
    ongoing = (rng.random(m) < p_ongoing) & (lo_u <= 0)
    back = rng.geometric(1.0 / mean_on, m)
    first_lo = np.maximum(lo_u, 0)
    span = np.maximum(hi_u - first_lo + 1, 1)
    start = np.where(ongoing, np.maximum(lo_u, -back), first_lo + (rng.random(m) * span).astype(np.int64))
    out_u, out_s, out_e = [], [], []
    for _ in range(max_spells):
        alive = start <= hi_u
        dur = rng.geometric(1.0 / mean_on, m)
        end = np.maximum(start, 0) + dur - 1
        end = np.where((end >= hi_u) & (hi_u < LAST_MONTH), hi_u, end)
        out_u.append(units[alive])
        out_s.append(start[alive])
        out_e.append(end[alive])
        start = end + 1 + rng.geometric(1.0 / mean_off, m)
    u = np.concatenate(out_u)
    s = np.concatenate(out_s)
    e = np.concatenate(out_e)
    order = np.lexsort((s, u))
    return u[order], s[order], e[order]


def months_to_days(start_m: np.ndarray, end_m: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """First day of the start month; last day of the end month, or NO_DATE if still open."""
    s = T.month_start(start_m)
    e = np.where(end_m > LAST_MONTH, T.NO_DATE, T.month_end(np.minimum(end_m, LAST_MONTH + 1)))
    return s, e


def is_open(end_day: np.ndarray) -> np.ndarray:
    """True where an end date means "still open"."""
    return (np.asarray(end_day) == T.NO_DATE) | (np.asarray(end_day) > T.END)
