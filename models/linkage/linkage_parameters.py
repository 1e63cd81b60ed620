"""Fellegi-Sunter parameters: u from random pairs, m and lambda by EM on agreement-pattern counts.

The candidate pairs are aggregated to their agreement patterns in SQL first (a few hundred rows),
so EM (src/ids/em.py) is fast and deterministic. One row per comparison level.
"""

from ids.em import estimate_fs_parameters, level_frequencies

COMPARISONS = {
    "first_name": 6,
    "last_name": 4,
    "dob": 4,
    "ssn": 4,
    "sex": 2,
    "zip": 2,
}
LEVEL_COLUMNS = ", ".join(f"{name}_level" for name in COMPARISONS)


def _patterns(relation):
    rows = relation.aggregate(f"{LEVEL_COLUMNS}, count(*) as n_pairs").order(LEVEL_COLUMNS).fetchall()
    return [tuple(row[:-1]) for row in rows], [row[-1] for row in rows]


def model(dbt, session):
    dbt.config(materialized="table")
    settings = dict(dbt.ref("linkage_settings").project("setting, value").fetchall())
    n_levels = list(COMPARISONS.values())

    random_patterns, random_counts = _patterns(dbt.ref("int_random_pair_comparisons"))
    patterns, counts = _patterns(dbt.ref("int_pair_comparisons"))
    if not random_counts or not counts:
        # An empty load (header-only extracts): nothing to estimate from. Start EM from one
        # all-missing pattern so the table exists with the model's starting values, not converged.
        none = tuple(None for _ in n_levels)
        random_patterns, random_counts = [none], [1]
        patterns, counts = [none], [1]
    u = level_frequencies(random_patterns, random_counts, n_levels)

    fitted = estimate_fs_parameters(
        patterns,
        counts,
        n_levels,
        fixed_u=u,
        max_iter=int(settings["em_max_iterations"]),
        tol=float(settings["em_tolerance"]),
    )

    rows = fitted.to_rows(list(COMPARISONS))
    import pyarrow as pa

    table = pa.Table.from_pylist(rows)
    n = table.num_rows
    table = table.append_column("parameter_id", pa.array([f"{r['comparison']}:{r['level']}" for r in rows]))
    table = table.append_column("lambda_estimate", pa.array([fitted.lambda_] * n, pa.float64()))
    table = table.append_column("em_iterations", pa.array([fitted.iterations] * n, pa.int64()))
    table = table.append_column("em_converged", pa.array([fitted.converged] * n, pa.bool_()))
    table = table.append_column("n_candidate_pairs", pa.array([int(sum(counts))] * n, pa.int64()))
    table = table.append_column("n_random_pairs", pa.array([int(sum(random_counts))] * n, pa.int64()))
    return table
