"""Fellegi–Sunter EM: recovery of known parameters from simulated pattern counts."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest

from ids.em import (
    FSParameters,
    TrainingSession,
    estimate_fs_parameters,
    estimate_m_by_sessions,
    level_frequencies,
    match_probability,
    match_weight,
    prior_weight,
)

# Level 0 = disagreement, highest = exact agreement (module convention).
TRUE_M = [np.array([0.05, 0.15, 0.80]), np.array([0.10, 0.90]),
          np.array([0.02, 0.08, 0.20, 0.70]), np.array([0.20, 0.80])]
TRUE_U = [np.array([0.90, 0.08, 0.02]), np.array([0.70, 0.30]),
          np.array([0.85, 0.10, 0.04, 0.01]), np.array([0.50, 0.50])]
N_LEVELS = [3, 2, 4, 2]


def simulate(n_pairs: int, lam: float, seed: int, missing_rate: float = 0.0,
             m: list[np.ndarray] = TRUE_M, u: list[np.ndarray] = TRUE_U):
    """Aggregated (patterns, counts) of pairs drawn from the model; None marks a missing level."""
    rng = np.random.default_rng(seed)
    is_match = rng.random(n_pairs) < lam
    columns = []
    for mk, uk in zip(m, u):
        from_m = rng.choice(len(mk), n_pairs, p=mk)
        from_u = rng.choice(len(uk), n_pairs, p=uk)
        columns.append(np.where(is_match, from_m, from_u))
    levels = np.stack(columns, axis=1).astype(object)
    levels[rng.random(levels.shape) < missing_rate] = None
    counted = Counter(map(tuple, levels.tolist()))
    patterns = sorted(counted, key=lambda p: tuple(-1 if v is None else v for v in p))
    return patterns, [counted[p] for p in patterns]


def assert_close(actual: tuple[np.ndarray, ...], expected: list[np.ndarray], atol: float) -> None:
    for a, e in zip(actual, expected):
        np.testing.assert_allclose(a, e, atol=atol)


@pytest.fixture(scope="module")
def simulated() -> tuple[list, list[int]]:
    return simulate(200_000, 0.05, seed=20240601)


def test_recovers_m_u_lambda(simulated) -> None:
    patterns, counts = simulated
    fit = estimate_fs_parameters(patterns, counts, N_LEVELS, max_iter=2000)
    assert fit.converged
    assert fit.lambda_ == pytest.approx(0.05, abs=0.005)
    assert_close(fit.m, TRUE_M, atol=0.02)
    assert_close(fit.u, TRUE_U, atol=0.01)
    assert fit.n_pairs == 200_000
    for mk, uk in zip(fit.m, fit.u):
        assert mk.sum() == pytest.approx(1.0) and uk.sum() == pytest.approx(1.0)
    # exact agreement is evidence for a match, disagreement against
    weights = fit.weights()
    assert all(w[-1] > 0 > w[0] for w in weights[:3])


def test_deterministic_and_order_independent(simulated) -> None:
    patterns, counts = simulated
    a = estimate_fs_parameters(patterns, counts, N_LEVELS)
    b = estimate_fs_parameters(patterns, counts, N_LEVELS)
    order = np.random.default_rng(7).permutation(len(patterns))
    c = estimate_fs_parameters([patterns[i] for i in order], [counts[i] for i in order], N_LEVELS)
    for other in (b, c):
        assert other.lambda_ == a.lambda_ and other.iterations == a.iterations
        for x, y in zip(a.m + a.u, other.m + other.u):
            assert np.array_equal(x, y)


def test_duplicate_patterns_are_summed(simulated) -> None:
    patterns, counts = simulated
    split_patterns = patterns + patterns
    split_counts = [c // 2 for c in counts] + [c - c // 2 for c in counts]
    a = estimate_fs_parameters(patterns, counts, N_LEVELS)
    b = estimate_fs_parameters(split_patterns, split_counts, N_LEVELS)
    assert a.lambda_ == pytest.approx(b.lambda_, rel=1e-12)


def test_fixed_u_path(simulated) -> None:
    patterns, counts = simulated
    # u from "random pairs": a large sample where matches are vanishingly rare
    r_patterns, r_counts = simulate(100_000, 1e-5, seed=99)
    u_random = level_frequencies(r_patterns, r_counts, N_LEVELS)
    assert_close(tuple(u_random), TRUE_U, atol=0.01)
    fit = estimate_fs_parameters(patterns, counts, N_LEVELS, fixed_u=u_random)
    assert fit.u_fixed and fit.converged
    for got, given in zip(fit.u, u_random):
        np.testing.assert_allclose(got, given, rtol=1e-9)
    assert fit.lambda_ == pytest.approx(0.05, abs=0.005)
    assert_close(fit.m, TRUE_M, atol=0.02)
    free = estimate_fs_parameters(patterns, counts, N_LEVELS)
    assert fit.iterations < free.iterations  # anchoring u speeds EM up


def test_missing_levels_contribute_nothing() -> None:
    patterns, counts = simulate(200_000, 0.1, seed=5, missing_rate=0.25)
    assert any(None in p for p in patterns)
    fit = estimate_fs_parameters(patterns, counts, N_LEVELS, max_iter=2000)
    assert fit.converged
    assert fit.lambda_ == pytest.approx(0.1, abs=0.01)
    assert_close(fit.m, TRUE_M, atol=0.03)
    assert_close(fit.u, TRUE_U, atol=0.01)
    # -1 is accepted as a missing level too (Splink's null level), with the same result
    as_minus_one = [tuple(-1 if v is None else v for v in p) for p in patterns]
    other = estimate_fs_parameters(as_minus_one, counts, N_LEVELS, max_iter=2000)
    assert other.lambda_ == fit.lambda_
    # an all-missing pattern carries no evidence: its total weight is 0
    assert fit.total_weights([(None, None, None, None)])[0] == 0.0


def test_unseen_level_is_floored_not_zero() -> None:
    # level 1 of the second comparison never occurs: weights must stay finite
    patterns = [(2, 0), (2, 2), (0, 0), (1, 0), (0, 2)]
    counts = [50, 40, 900, 30, 10]
    fit = estimate_fs_parameters(patterns, counts, [3, 3], epsilon=1e-6)
    for w in fit.weights():
        assert np.isfinite(w).all()
    assert min(fit.m[1].min(), fit.u[1].min()) >= 1e-6 * 0.999


def test_likelihood_does_not_decrease(simulated) -> None:
    patterns, counts = simulated
    previous = -np.inf
    for n in (1, 2, 5, 20, 100):
        ll = estimate_fs_parameters(patterns, counts, N_LEVELS, max_iter=n).log_likelihood
        assert ll >= previous - 1e-6
        previous = ll


def test_not_converged_flag(simulated) -> None:
    patterns, counts = simulated
    fit = estimate_fs_parameters(patterns, counts, N_LEVELS, max_iter=3)
    assert not fit.converged and fit.iterations == 3


def test_custom_inits_are_used(simulated) -> None:
    patterns, counts = simulated
    fit = estimate_fs_parameters(
        patterns, counts, N_LEVELS, lambda_init=0.2,
        m_init=[[1, 1, 8], [1, 9], [1, 1, 1, 7], [1, 1]],
        u_init=[[8, 1, 1], [1, 1], [7, 1, 1, 1], [1, 1]],
        max_iter=2000,
    )
    assert fit.lambda_ == pytest.approx(0.05, abs=0.005)


@pytest.mark.parametrize(
    ("patterns", "counts", "n_levels"),
    [
        ([(0, 1)], [1], [2]),  # wrong width
        ([(0, 2)], [1], [2, 2]),  # level out of range
        ([(0, -2)], [1], [2, 2]),  # negative level
        ([(0, 1)], [-1], [2, 2]),  # negative count
        ([(0, 1)], [0], [2, 2]),  # no pairs
        ([(0, 1)], [1, 2], [2, 2]),  # counts length
        ([(0,)], [1], [1]),  # a comparison needs two levels
    ],
)
def test_bad_input_raises(patterns, counts, n_levels) -> None:
    with pytest.raises(ValueError):
        estimate_fs_parameters(patterns, counts, n_levels)


def test_bad_fixed_u_raises(simulated) -> None:
    patterns, counts = simulated
    with pytest.raises(ValueError):
        estimate_fs_parameters(patterns, counts, N_LEVELS, fixed_u=[[0.5, 0.5]] * 4)


# ---------------------------------------------------------------- helpers


def test_match_weight() -> None:
    assert match_weight(0.9, 0.1) == pytest.approx(np.log2(9))
    assert match_weight(0.5, 0.5) == 0.0
    np.testing.assert_allclose(match_weight([0.8, 0.2], [0.2, 0.8]), [2.0, -2.0])


def test_match_probability() -> None:
    assert match_probability(0.0) == 0.5
    assert match_probability(0.0, prior=0.2) == pytest.approx(0.2)
    # posterior odds = prior odds * 2 ** weight
    p = match_probability(3.0, prior=0.1)
    assert p / (1 - p) == pytest.approx((0.1 / 0.9) * 8)
    assert match_probability(5000.0) == 1.0
    assert match_probability(-5000.0) == 0.0
    np.testing.assert_allclose(match_probability(np.array([-1.0, 1.0])), [1 / 3, 2 / 3])
    assert prior_weight(0.5) == 0.0
    with pytest.raises(ValueError):
        prior_weight(0.0)


def test_scoring_and_rows(simulated) -> None:
    patterns, counts = simulated
    fit: FSParameters = estimate_fs_parameters(patterns, counts, N_LEVELS)
    best, worst = (2, 1, 3, 1), (0, 0, 0, 0)
    weights = fit.total_weights([best, worst])
    assert weights[0] > 10 > -10 > weights[1]
    probs = fit.probabilities([best, worst])
    assert probs[0] > 0.99 and probs[1] < 0.001
    rows = fit.to_rows(["first_name", "last_name", "dob", "sex"])
    assert len(rows) == sum(N_LEVELS)
    assert rows[0]["comparison"] == "first_name" and rows[0]["level"] == 0
    assert rows[2]["match_weight"] == pytest.approx(np.log2(fit.m[0][2] / fit.u[0][2]))


def test_fixed_m_path(simulated) -> None:
    patterns, counts = simulated
    fit = estimate_fs_parameters(patterns, counts, N_LEVELS, fixed_m=TRUE_M, max_iter=2000)
    for got, given in zip(fit.m, TRUE_M):
        np.testing.assert_allclose(got, given / given.sum(), rtol=1e-6)
    assert fit.lambda_ == pytest.approx(0.05, abs=0.005)
    assert_close(fit.u, TRUE_U, atol=0.01)
    with pytest.raises(ValueError, match="not both"):
        estimate_fs_parameters(patterns, counts, N_LEVELS, fixed_m=TRUE_M, fixed_u=TRUE_U)


def simulate_classes(n_pairs: int, shares: list[float], dists: list[list[np.ndarray]], seed: int):
    """Aggregated patterns of pairs from several latent classes (each with its level distributions)."""
    rng = np.random.default_rng(seed)
    cls = rng.choice(len(shares), n_pairs, p=shares)
    columns = []
    for k in range(len(dists[0])):
        draws = np.stack([rng.choice(len(d[k]), n_pairs, p=d[k]) for d in dists])
        columns.append(draws[cls, np.arange(n_pairs)])
    counted = Counter(map(tuple, np.stack(columns, axis=1).tolist()))
    patterns = sorted(counted)
    return patterns, [counted[p] for p in patterns]


def test_sessions_recover_m_where_non_matches_agree_on_names() -> None:
    """Blocked pairs of a big population: most are different people who share a name.

    Three kinds of candidate pairs: matches (3%), namesakes (67%: agree on comparison 0, the
    "name", and often on 1) and others. u is held at the random-pair u, under which agreeing on
    the name is rare; sessions anchored on comparisons 2 and 3 (exact DOB, SSN: rare by chance)
    keep mostly matches and recover m, and EM with that m held recovers the share of matches.
    """
    m = [np.array([0.05, 0.95]), np.array([0.10, 0.90]), np.array([0.05, 0.95]), np.array([0.08, 0.92])]
    namesakes = [np.array([0.01, 0.99]), np.array([0.20, 0.80]),
                 np.array([0.998, 0.002]), np.array([0.999, 0.001])]
    others = [np.array([0.95, 0.05]), np.array([0.70, 0.30]),
              np.array([0.999, 0.001]), np.array([0.999, 0.001])]
    u_random = [np.array([0.99, 0.01]), np.array([0.70, 0.30]),
                np.array([0.999, 0.001]), np.array([0.999, 0.001])]
    patterns, counts = simulate_classes(400_000, [0.03, 0.67, 0.30], [m, namesakes, others], seed=7)
    sessions = [TrainingSession("c2", {2: frozenset({1})}), TrainingSession("c3", {3: frozenset({1})})]
    m_hat, sources, fits = estimate_m_by_sessions(patterns, counts, [2, 2, 2, 2], sessions, u_random)
    assert sources == {0: ["c2", "c3"], 1: ["c2", "c3"], 2: ["c3"], 3: ["c2"]}
    assert len(fits) == 2 and all(f.converged for f in fits)
    assert_close(tuple(m_hat), m, atol=0.05)
    fit = estimate_fs_parameters(patterns, counts, [2, 2, 2, 2], fixed_m=m_hat)
    assert fit.lambda_ == pytest.approx(0.03, abs=0.005)
    again = estimate_m_by_sessions(list(reversed(patterns)), list(reversed(counts)), [2, 2, 2, 2],
                                   sessions, u_random)[0]
    for a, b in zip(m_hat, again):
        np.testing.assert_allclose(a, b, rtol=1e-12)


def test_sessions_refuse_what_they_cannot_estimate(simulated) -> None:
    patterns, counts = simulated
    u = level_frequencies(patterns, counts, N_LEVELS)
    only_one = [TrainingSession("c1", {1: frozenset({1})})]
    with pytest.raises(ValueError, match="comparisons \\[1\\]"):
        estimate_m_by_sessions(patterns, counts, N_LEVELS, only_one, u)
    impossible = [TrainingSession("none", {1: frozenset({5})})]
    with pytest.raises(ValueError, match="no pairs"):
        estimate_m_by_sessions(patterns, counts, N_LEVELS, impossible, u)
