"""Fellegi-Sunter parameters, one row per comparison level.

* u: how often two *random* records agree at each level, from deterministic pseudo-random pairs
  (int_random_pair_comparisons). Random pairs are almost all non-matches, so this is the honest u.
* m: EM on the agreement-pattern counts of the candidate pairs (aggregated in SQL first, so EM is
  fast and deterministic; src/ids/em.py), in *training sessions* (TRAINING_SESSIONS): each session
  keeps the pairs that agree exactly on an anchor (same SSN; same DOB and first name; same DOB and
  last name), where most pairs are the same person, and estimates m of the other comparisons with
  u held at the random-pair u; a comparison's m is the mean over the sessions that estimate it.
  Why not one EM over all candidates: in a large population most candidate pairs are *different*
  people who share a common name and birth year, and a free EM then learns "same name" instead of
  "same person" (at 1M persons it put 82% of matches at "SSN disagrees").
* the share of matches among candidate pairs: EM over all candidate patterns with m held at the
  session m and u free. That u describes non-matches *that survived blocking* (they agree on
  blocked names far more often than random pairs do); it is kept as `u_probability_em` to check u
  against, but the weights use the random-pair u, as Fellegi-Sunter requires.
* household (family context, int_pair_comparisons) is the exception: families are not independent
  of names and birth dates (siblings, twins, a junior and his senior share one), so its u is EM's u
  among candidate non-matches, pairs that already agree on a name, not the random-pair u, which
  would overstate what "same family" adds to a name match; floored at one pair in all candidate
  non-matches (never seen there is not impossible).
* prior: the probability that two random records match, from that EM's expected number of matching
  candidate pairs over all record pairs. Weights are relative to random pairs, so the prior is too.
* m is floored at `m_floor` (linkage_settings): EM on well-blocked pairs can decide that matches
  never disagree on sex or DOB, which would make one keying error veto a true match (-19 bits).
* Random pairs are not all non-matches: a share `prior` of them are the same person, and they
  inflate u exactly where it matters (exact SSN, exact DOB). u is corrected for them:
  u = (f - prior * m) / (1 - prior), floored, where f is the observed random-pair frequency.
"""

import math

import numpy as np
import pyarrow as pa

from ids.em import TrainingSession, estimate_fs_parameters, estimate_m_by_sessions, level_frequencies

COMPARISONS = {
    "first_name": 6,
    "middle_name": 3,
    "last_name": 4,
    "dob": 5,
    "ssn": 4,
    "sex": 2,
    "zip": 2,
    "household": 2,
}
# u of these comes from EM among candidate pairs, not from random pairs (see the docstring)
U_FROM_CANDIDATES = {"household"}
LEVEL_COLUMNS = ", ".join(f"{name}_level" for name in COMPARISONS)
# anchor: comparison -> the levels (exact agreement) a pair must show to enter the session
TRAINING_SESSIONS = {
    "same_ssn": {"ssn": [3]},
    "same_dob_first_name": {"dob": [4], "first_name": [5]},
    "same_dob_last_name": {"dob": [4], "last_name": [3]},
}
EPSILON = 1e-6


def _floor_and_normalize(p, epsilon):
    p = np.maximum(np.asarray(p, dtype=float), epsilon)
    return p / p.sum()


def _patterns(relation):
    rows = relation.aggregate(f"{LEVEL_COLUMNS}, count(*) as n_pairs").order(LEVEL_COLUMNS).fetchall()
    return [tuple(row[:-1]) for row in rows], [row[-1] for row in rows]


def model(dbt, session):
    dbt.config(materialized="table")
    settings = dict(dbt.ref("linkage_settings").project("setting, value").fetchall())
    n_levels = list(COMPARISONS.values())
    n_records = dbt.ref("int_person_records").aggregate("count(*)").fetchone()[0]

    random_patterns, random_counts = _patterns(dbt.ref("int_random_pair_comparisons"))
    patterns, counts = _patterns(dbt.ref("int_pair_comparisons"))
    fallback = None  # why the estimate is not the designed one (reported, never silent)
    if not random_counts or not counts:
        # An empty load (header-only extracts): nothing to estimate from. Fit one all-missing
        # pattern so the table exists with the model's starting values.
        fallback = "empty load: no candidate or random pairs, starting values kept"
        none = tuple(None for _ in n_levels)
        random_patterns, random_counts = [none], [1]
        patterns, counts = [none], [1]

    u_random = level_frequencies(random_patterns, random_counts, n_levels)
    names = list(COMPARISONS)
    sessions = [
        TrainingSession(
            name=session,
            anchor={names.index(c): frozenset(levels) for c, levels in anchor.items()},
        )
        for session, anchor in TRAINING_SESSIONS.items()
    ]
    em_settings = {
        "max_iter": int(settings["em_max_iterations"]),
        "tol": float(settings["em_tolerance"]),
    }
    try:
        m_sessions, m_sources, session_fits = estimate_m_by_sessions(
            patterns, counts, n_levels, sessions, u_random, **em_settings
        )
        sessions_converged = all(fit.converged for fit in session_fits)
    except ValueError as failure:
        # Too few pairs agree on an anchor (tiny or empty loads): one EM over all candidates,
        # reported in em_fallback (the build warns on it).
        fallback = fallback or f"training sessions failed ({failure}): one EM over all candidates"
        overall = estimate_fs_parameters(patterns, counts, n_levels, u_init=u_random, **em_settings)
        m_sessions = list(overall.m)
        m_sources = {k: ["all_candidates"] for k in range(len(names))}
        sessions_converged = overall.converged
    m_floored = [_floor_and_normalize(m_k, float(settings["m_floor"])) for m_k in m_sessions]
    fitted = estimate_fs_parameters(
        patterns, counts, n_levels, fixed_m=m_floored, u_init=u_random, **em_settings
    )

    if not fitted.converged or not sessions_converged:
        # reported, never silent: em_fallback says the last estimate was kept (the build warns)
        fallback = fallback or (
            f"EM did not converge within {em_settings['max_iter']} iterations: the last estimate is used"
        )
    n_candidates = int(sum(counts))
    all_pairs = max(n_records * (n_records - 1) / 2, 1.0)
    expected_matches = fitted.lambda_ * n_candidates
    prior = min(max(expected_matches / all_pairs, 1e-12), 0.5)
    # a level no candidate non-match shows is not impossible among non-matches: floor its u at one
    # pair in all the candidate non-matches (the size of the sample it was estimated on)
    u_candidates_floor = 1.0 / max((1.0 - fitted.lambda_) * n_candidates, 1.0)
    u_used = [
        _floor_and_normalize(fitted.u[k], u_candidates_floor)
        if name in U_FROM_CANDIDATES
        else _floor_and_normalize((freq - prior * m_k) / (1 - prior), EPSILON)
        for k, (name, freq, m_k) in enumerate(zip(names, u_random, m_floored))
    ]

    ids, comparisons, levels, m, u, u_em, weights, sources = [], [], [], [], [], [], [], []
    for k, name in enumerate(COMPARISONS):
        for level in range(n_levels[k]):
            ids.append(f"{name}:{level}")
            comparisons.append(name)
            sources.append(", ".join(m_sources[k]))
            levels.append(level)
            m.append(float(m_floored[k][level]))
            u.append(float(u_used[k][level]))
            u_em.append(float(fitted.u[k][level]))
            weights.append(math.log2(m_floored[k][level] / u_used[k][level]))
    n = len(ids)
    return pa.table(
        {
            "parameter_id": pa.array(ids, pa.string()),
            "comparison": pa.array(comparisons, pa.string()),
            "level": pa.array(levels, pa.int64()),
            "m_probability": pa.array(m, pa.float64()),
            "u_probability": pa.array(u, pa.float64()),
            "u_probability_em": pa.array(u_em, pa.float64()),
            "m_trained_on": pa.array(sources, pa.string()),
            "match_weight": pa.array(weights, pa.float64()),
            "lambda_candidates": pa.array([fitted.lambda_] * n, pa.float64()),
            "prior_match_probability": pa.array([prior] * n, pa.float64()),
            "em_iterations": pa.array([fitted.iterations] * n, pa.int64()),
            "em_converged": pa.array([fitted.converged] * n, pa.bool_()),
            "em_sessions_converged": pa.array([sessions_converged] * n, pa.bool_()),
            "em_fallback": pa.array([fallback] * n, pa.string()),
            "n_candidate_pairs": pa.array([n_candidates] * n, pa.int64()),
            "n_random_pairs": pa.array([int(sum(random_counts))] * n, pa.int64()),
        }
    )
