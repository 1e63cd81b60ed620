"""Fellegi–Sunter parameter estimation by EM on aggregated agreement patterns.

Why aggregated: the warehouse compares millions of candidate pairs, but with K comparisons of a
few levels each there are at most a few thousand distinct *agreement patterns*. SQL counts the
pairs per pattern (``group by`` the comparison levels) and this module fits the model on those
counts, so EM costs microseconds per iteration whatever the number of pairs.

Conventions (shared with the SQL that builds the patterns):

* **Levels**: comparison ``k`` has levels ``0 .. n_levels[k] - 1``. **Level 0 is the worst** (the
  "else" / disagreement level) and **the highest level is exact agreement**; levels in between
  are partial agreement, ordered from weak to strong. This is Splink's ordering.
* **Missing**: ``None`` (or ``-1``, Splink's null level) means the comparison could not be made
  (a value is null on either side). It contributes nothing to the likelihood of that pair: the
  model assumes values are missing at random, independently of match status.
* **Model**: conditional independence. ``m[k][l] = P(level l on k | match)``,
  ``u[k][l] = P(level l on k | non-match)``, ``lambda_ = P(match)`` among the pairs counted.
* **Weights** are in bits: ``match_weight(m, u) = log2(m / u)``; a pair's total weight is the sum
  over its non-missing comparisons; :func:`match_probability` turns weight plus prior into a
  probability.
* **Floors**: every probability is floored at ``epsilon`` (and renormalized) so that no weight is
  infinite, even for a level never seen among matches or non-matches.
* **Determinism**: patterns are merged and sorted before fitting, so the result is bit-for-bit the
  same whatever order SQL returned the rows in; there is no randomness anywhere.
* **u from random pairs**: estimating u on random pairs (:func:`level_frequencies`) and passing it
  as ``fixed_u`` is the standard, better choice (Splink does this): among random pairs almost all
  are non-matches, and EM then only has to find m and lambda, which it does far more stably.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

__all__ = [
    "FSParameters",
    "TrainingSession",
    "estimate_fs_parameters",
    "estimate_m_by_sessions",
    "level_frequencies",
    "match_weight",
    "prior_weight",
    "match_probability",
]

MISSING = -1  # internal code for a missing comparison level
DEFAULT_EPSILON = 1e-6

Pattern = Sequence[int | None]
FloatArray = NDArray[np.float64]


# --------------------------------------------------------------------------------------------
# Pure helpers
# --------------------------------------------------------------------------------------------


def match_weight(m: ArrayLike, u: ArrayLike) -> Any:
    """Weight of evidence in bits of agreeing at a level: ``log2(m / u)``.

    Positive when the level is more likely among matches. Works on scalars (returns a float) or
    arrays. ``m`` and ``u`` must be positive: fitted parameters are floored, so they are.
    """
    w = np.log2(np.asarray(m, dtype=float) / np.asarray(u, dtype=float))
    return float(w) if np.ndim(w) == 0 else w


def prior_weight(prior: float) -> float:
    """Prior odds of a match in bits: ``log2(prior / (1 - prior))``."""
    if not 0.0 < prior < 1.0:
        raise ValueError(f"prior must be in (0, 1), got {prior}")
    return float(np.log2(prior / (1.0 - prior)))


def match_probability(total_weight: ArrayLike, prior: float = 0.5) -> Any:
    """Posterior probability of a match from the summed comparison weights and the prior.

    ``p = 1 / (1 + 2 ** -(total_weight + prior_weight(prior)))``. With the default
    ``prior=0.5`` the prior adds nothing, i.e. ``total_weight`` is taken to include it already.
    Numerically stable for very large positive or negative weights. Scalars in, float out.
    """
    w = np.asarray(total_weight, dtype=float) + prior_weight(prior)
    # logistic in base 2, written to avoid overflow in 2 ** -w for very negative w
    p = np.where(w >= 0, 1.0 / (1.0 + np.exp2(-np.abs(w))), 1.0 - 1.0 / (1.0 + np.exp2(-np.abs(w))))
    return float(p) if np.ndim(p) == 0 else p


# --------------------------------------------------------------------------------------------
# Result type
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FSParameters:
    """Fitted Fellegi–Sunter parameters.

    ``m[k]`` and ``u[k]`` are arrays of length ``n_levels[k]`` (index = level, level 0 worst);
    ``lambda_`` is the estimated match proportion among the pairs counted.
    """

    m: tuple[FloatArray, ...]
    u: tuple[FloatArray, ...]
    lambda_: float
    iterations: int
    converged: bool
    log_likelihood: float
    u_fixed: bool = False
    n_pairs: int = field(default=0)

    @property
    def n_levels(self) -> tuple[int, ...]:
        return tuple(len(mk) for mk in self.m)

    def weights(self) -> tuple[FloatArray, ...]:
        """``log2(m / u)`` per comparison and level."""
        return tuple(np.log2(mk / uk) for mk, uk in zip(self.m, self.u))

    def total_weights(self, patterns: Sequence[Pattern]) -> FloatArray:
        """Sum of level weights of each pattern (missing comparisons add 0), without prior."""
        levels = _encode_patterns(patterns, self.n_levels)
        total = np.zeros(len(levels))
        for k, wk in enumerate(self.weights()):
            col = levels[:, k]
            seen = col != MISSING
            total[seen] += wk[col[seen]]
        return total

    def probabilities(self, patterns: Sequence[Pattern]) -> FloatArray:
        """Posterior match probability of each pattern under the fitted lambda."""
        lam = min(max(self.lambda_, DEFAULT_EPSILON), 1 - DEFAULT_EPSILON)
        return np.asarray(match_probability(self.total_weights(patterns), lam), dtype=float)

    def to_rows(self, comparison_names: Sequence[str] | None = None) -> list[dict[str, Any]]:
        """One dict per (comparison, level): the shape of a ``linkage_parameters`` table."""
        names = list(comparison_names) if comparison_names is not None else None
        if names is not None and len(names) != len(self.m):
            raise ValueError("comparison_names must have one name per comparison")
        rows = []
        for k, (mk, uk) in enumerate(zip(self.m, self.u)):
            for level, (mv, uv) in enumerate(zip(mk, uk)):
                rows.append(
                    {
                        "comparison": names[k] if names else k,
                        "level": level,
                        "m_probability": float(mv),
                        "u_probability": float(uv),
                        "match_weight": float(np.log2(mv / uv)),
                    }
                )
        return rows


# --------------------------------------------------------------------------------------------
# Input handling
# --------------------------------------------------------------------------------------------


def _encode_patterns(patterns: Sequence[Pattern], n_levels: Sequence[int]) -> NDArray[np.int64]:
    """Patterns as an int matrix (missing = -1), validated against ``n_levels``."""
    k = len(n_levels)
    rows = []
    for i, p in enumerate(patterns):
        if len(p) != k:
            raise ValueError(f"pattern {i} has {len(p)} levels, expected {k}")
        rows.append([MISSING if v is None else int(v) for v in p])
    levels = np.array(rows, dtype=np.int64).reshape(len(rows), k)
    top = np.asarray(n_levels, dtype=np.int64)
    bad = (levels < MISSING) | (levels >= top)
    if bad.any():
        i, j = map(int, np.argwhere(bad)[0])
        raise ValueError(
            f"pattern {i}: level {levels[i, j]} out of range 0..{top[j] - 1} for comparison {j}"
        )
    return levels


def _validate_n_levels(n_levels: Sequence[int]) -> tuple[int, ...]:
    out = tuple(int(n) for n in n_levels)
    if not out or any(n < 2 for n in out):
        raise ValueError(f"need at least one comparison, each with >= 2 levels: {out}")
    return out


def _aggregate(
    patterns: Sequence[Pattern], counts: Sequence[int] | ArrayLike, n_levels: tuple[int, ...]
) -> tuple[NDArray[np.int64], FloatArray]:
    """Validated, merged (duplicate patterns summed) and lexicographically sorted patterns."""
    levels = _encode_patterns(patterns, n_levels)
    c = np.asarray(counts, dtype=float).reshape(-1)
    if len(c) != len(levels):
        raise ValueError(f"{len(levels)} patterns but {len(c)} counts")
    if (c < 0).any() or not np.isfinite(c).all():
        raise ValueError("counts must be finite and non-negative")
    keep = c > 0
    levels, c = levels[keep], c[keep]
    if len(c) == 0:
        raise ValueError("no pairs: every count is zero")
    uniq, inverse = np.unique(levels, axis=0, return_inverse=True)  # sorted lexicographically
    merged = np.zeros(len(uniq))
    np.add.at(merged, inverse.reshape(-1), c)
    return uniq, merged


def _normalize(p: FloatArray, epsilon: float) -> FloatArray:
    """Floor at epsilon, then rescale to sum to 1 (so weights stay finite)."""
    p = np.maximum(np.asarray(p, dtype=float), epsilon)
    return p / p.sum()


def _as_distributions(
    given: Sequence[Sequence[float]], n_levels: tuple[int, ...], what: str, epsilon: float
) -> list[FloatArray]:
    if len(given) != len(n_levels):
        raise ValueError(f"{what} needs one distribution per comparison")
    out = []
    for k, (dist, n) in enumerate(zip(given, n_levels)):
        arr = np.asarray(dist, dtype=float)
        if arr.shape != (n,) or (arr < 0).any() or arr.sum() <= 0:
            raise ValueError(f"{what}[{k}] must be {n} non-negative numbers, not all zero")
        out.append(_normalize(arr / arr.sum(), epsilon))
    return out


def _level_counts(col: NDArray[np.int64], weights: FloatArray, n: int) -> FloatArray:
    seen = col != MISSING
    return np.bincount(col[seen], weights=weights[seen], minlength=n).astype(float)


def _frequencies(
    col: NDArray[np.int64],
    weights: FloatArray,
    n: int,
    epsilon: float,
    fallback: FloatArray | None = None,
) -> FloatArray:
    """Weighted share of each level among non-missing values, floored at ``epsilon``.

    When no weight reaches the comparison (all missing), returns ``fallback`` (the previous
    estimate, in the M-step) or the uniform distribution.
    """
    counts = _level_counts(col, weights, n)
    total = counts.sum()
    if total <= 0:
        return fallback if fallback is not None else _normalize(np.full(n, 1.0 / n), epsilon)
    return _normalize(counts / total, epsilon)


def level_frequencies(
    patterns: Sequence[Pattern],
    counts: Sequence[int] | ArrayLike,
    n_levels: Sequence[int],
    *,
    epsilon: float = DEFAULT_EPSILON,
) -> list[FloatArray]:
    """Share of pairs at each level per comparison, missing ignored, floored at ``epsilon``.

    On random pairs (nearly all non-matches) this is the u estimate to pass as ``fixed_u``.
    """
    nl = _validate_n_levels(n_levels)
    levels, c = _aggregate(patterns, counts, nl)
    return [_frequencies(levels[:, k], c, n, epsilon) for k, n in enumerate(nl)]


# --------------------------------------------------------------------------------------------
# EM
# --------------------------------------------------------------------------------------------


def _default_m(n: int) -> FloatArray:
    """Initial m: mass rising geometrically towards exact agreement (level n-1)."""
    w = 4.0 ** np.arange(n)
    return w / w.sum()


def _log_pattern_probs(levels: NDArray[np.int64], dists: list[FloatArray]) -> FloatArray:
    """log P(pattern | class) = sum over non-missing comparisons of log dist[k][level]."""
    out = np.zeros(len(levels))
    for k, dist in enumerate(dists):
        col = levels[:, k]
        seen = col != MISSING
        out[seen] += np.log(dist[col[seen]])
    return out


def _e_step(
    levels: NDArray[np.int64], c: FloatArray, m: list[FloatArray], u: list[FloatArray], lam: float
) -> tuple[FloatArray, float]:
    """Posterior match probability per pattern, and the log-likelihood of the counts."""
    log_a = np.log(lam) + _log_pattern_probs(levels, m)
    log_b = np.log1p(-lam) + _log_pattern_probs(levels, u)
    log_total = np.logaddexp(log_a, log_b)
    return np.exp(log_a - log_total), float(np.dot(c, log_total))


def estimate_fs_parameters(
    patterns: Sequence[Pattern],
    counts: Sequence[int] | ArrayLike,
    n_levels: Sequence[int],
    *,
    lambda_init: float = 1e-3,
    m_init: Sequence[Sequence[float]] | None = None,
    u_init: Sequence[Sequence[float]] | None = None,
    fixed_u: Sequence[Sequence[float]] | None = None,
    fixed_m: Sequence[Sequence[float]] | None = None,
    max_iter: int = 200,
    tol: float = 1e-8,
    epsilon: float = DEFAULT_EPSILON,
) -> FSParameters:
    """Fit m, u and lambda by expectation–maximization on pattern counts.

    ``patterns[i]`` holds one level per comparison (``None``/``-1`` = missing) and
    ``counts[i]`` the number of pairs showing it; ``n_levels[k]`` is the number of levels of
    comparison ``k``. See the module docstring for the conventions.

    * ``lambda_init``: starting match proportion (the prior share of matches among the pairs).
    * ``m_init`` / ``u_init``: starting distributions. Defaults: m rises geometrically towards
      exact agreement; u is the observed level frequencies (most pairs are non-matches).
    * ``fixed_u``: hold u at these values (e.g. :func:`level_frequencies` of random pairs) and
      estimate only m and lambda. Recommended.
    * ``fixed_m``: hold m at these values (e.g. from :func:`estimate_m_by_sessions`) and estimate
      u and lambda: the share of matches among pairs whose non-matches are not random.
    * Stops when no parameter moves more than ``tol`` between iterations (``converged=True``) or
      after ``max_iter`` iterations (``converged=False``).

    The likelihood never decreases between iterations (up to the epsilon floor). EM finds a
    local optimum; the defaults start it on the side where m favours agreement, so m and u do
    not swap.
    """
    nl = _validate_n_levels(n_levels)
    if not 0.0 < lambda_init < 1.0:
        raise ValueError(f"lambda_init must be in (0, 1), got {lambda_init}")
    if max_iter < 1 or tol <= 0 or not 0 < epsilon < 1e-2:
        raise ValueError("need max_iter >= 1, tol > 0 and 0 < epsilon < 0.01")
    levels, c = _aggregate(patterns, counts, nl)
    n_pairs = float(c.sum())

    if fixed_m is not None and fixed_u is not None:
        raise ValueError("fix m or u, not both")
    if fixed_m is not None:
        m = _as_distributions(fixed_m, nl, "fixed_m", epsilon)
    elif m_init is not None:
        m = _as_distributions(m_init, nl, "m_init", epsilon)
    else:
        m = [_normalize(_default_m(n), epsilon) for n in nl]
    if fixed_u is not None:
        u = _as_distributions(fixed_u, nl, "fixed_u", epsilon)
    elif u_init is not None:
        u = _as_distributions(u_init, nl, "u_init", epsilon)
    else:
        u = [_frequencies(levels[:, k], c, n, epsilon) for k, n in enumerate(nl)]
    lam = float(lambda_init)

    converged = False
    iterations = 0
    log_lik = float("-inf")
    for iterations in range(1, max_iter + 1):
        post, log_lik = _e_step(levels, c, m, u, lam)
        w_match = c * post
        w_non = c - w_match
        new_lam = float(np.clip(w_match.sum() / n_pairs, epsilon, 1.0 - epsilon))
        new_m = (
            m
            if fixed_m is not None
            else [_frequencies(levels[:, k], w_match, n, epsilon, m[k]) for k, n in enumerate(nl)]
        )
        new_u = (
            u
            if fixed_u is not None
            else [_frequencies(levels[:, k], w_non, n, epsilon, u[k]) for k, n in enumerate(nl)]
        )
        delta = max(
            abs(new_lam - lam),
            max(float(np.abs(a - b).max()) for a, b in zip(new_m, m)),
            max(float(np.abs(a - b).max()) for a, b in zip(new_u, u)),
        )
        m, u, lam = new_m, new_u, new_lam
        if delta < tol:
            converged = True
            break
    _, log_lik = _e_step(levels, c, m, u, lam)
    return FSParameters(
        m=tuple(m),
        u=tuple(u),
        lambda_=lam,
        iterations=iterations,
        converged=converged,
        log_likelihood=log_lik,
        u_fixed=fixed_u is not None,
        n_pairs=int(round(n_pairs)),
    )


# --------------------------------------------------------------------------------------------
# Training sessions (m from pairs that agree on an anchor)
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TrainingSession:
    """EM restricted to the pairs that agree on an anchor, e.g. "same SSN".

    ``anchor`` maps a comparison index to the levels a pattern must show on it. Among such pairs
    matches are the large majority, so EM cannot mistake "same common name" for "same person" the
    way it can on all candidate pairs of a large population. The anchored comparisons say nothing
    about m there (they were selected on), so the session estimates m only for the others.
    """

    name: str
    anchor: dict[int, frozenset[int]]


def estimate_m_by_sessions(
    patterns: Sequence[Pattern],
    counts: Sequence[int] | ArrayLike,
    n_levels: Sequence[int],
    sessions: Sequence[TrainingSession],
    fixed_u: Sequence[Sequence[float]],
    *,
    lambda_init: float = 0.5,
    max_iter: int = 200,
    tol: float = 1e-8,
    epsilon: float = DEFAULT_EPSILON,
) -> tuple[list[FloatArray], dict[int, list[str]], list[FSParameters]]:
    """m per comparison, averaged over the sessions that estimate it (Splink's way of training).

    Each session fits EM with u held at ``fixed_u`` (random pairs) on the patterns that satisfy
    its anchor, over the comparisons it does not anchor on. Returns the averaged m (one array per
    comparison), the names of the sessions behind each comparison's m, and each session's fit.
    Raises when a comparison is estimated by no session, or a session has no pairs.
    """
    nl = _validate_n_levels(n_levels)
    levels, c = _aggregate(patterns, counts, nl)
    u = _as_distributions(fixed_u, nl, "fixed_u", epsilon)
    sums = [np.zeros(n) for n in nl]
    sources: dict[int, list[str]] = {k: [] for k in range(len(nl))}
    fits = []
    for session in sessions:
        keep = np.ones(len(levels), dtype=bool)
        for k, allowed in session.anchor.items():
            keep &= np.isin(levels[:, k], sorted(allowed))
        free = [k for k in range(len(nl)) if k not in session.anchor]
        if not keep.any() or not free:
            raise ValueError(f"training session {session.name!r} has no pairs or nothing to estimate")
        sub_levels = levels[keep][:, free]
        fit = estimate_fs_parameters(
            [tuple(int(v) for v in row) for row in sub_levels],
            c[keep],
            [nl[k] for k in free],
            lambda_init=lambda_init,
            fixed_u=[u[k] for k in free],
            max_iter=max_iter,
            tol=tol,
            epsilon=epsilon,
        )
        fits.append(fit)
        for j, k in enumerate(free):
            sums[k] += fit.m[j]
            sources[k].append(session.name)
    missing = [k for k, names in sources.items() if not names]
    if missing:
        raise ValueError(f"no training session estimates comparisons {missing}")
    m = [_normalize(sums[k] / len(sources[k]), epsilon) for k in range(len(nl))]
    return m, sources, fits
