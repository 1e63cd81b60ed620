"""Link the IDS's standardized person records with Splink 5 (DuckDB backend), for comparison.

Run by ``scripts/benchmark.py --compare-splink`` in a child process of its own, so that its wall
time and peak memory are measured the same way as the dbt linkage run:

    python -m ids.benchmark.splink_runner --records records.parquet --truth truth.parquet \
        --threshold 0.9 --db splink.duckdb --output splink_result.json

The input is ``linkage.int_person_records`` exported to Parquet (names already cleaned, nickname
canon and phonetic codes computed by the IDS), with ``record_key`` as Splink's ``unique_id``. The
model is meant to be comparable to the IDS's, written the way a Splink user would:

* blocking (predictions): ssn; dob + first initial; dob + last-name soundex; last name + birth
  year; first + last name; SSN last four + last-name soundex;
* comparisons: first name (initial-only agreement for DOL's initials / exact with term frequencies /
  same nickname canon / Jaro-Winkler >= 0.92 / >= 0.80), last name (exact with term frequencies /
  Jaro-Winkler >= 0.92 / >= 0.80), date of birth (exact / Levenshtein 1 on the text / within a month
  / within a year), SSN (exact / Damerau-Levenshtein 1), sex, ZIP;
* the prior from deterministic rules, u by random sampling (as many pairs per record as the IDS),
  m by EM blocked on dob, on first + last name and on SSN; clustering is Splink's connected components at
  the IDS's ``match_threshold`` (timed).
* Splink's scores are calibrated differently from the IDS's, so the same threshold can be unfair to
  it: after the timed run the predictions are also clustered at each of ``SWEEP_THRESHOLDS``
  (untimed) and the result reports the threshold with Splink's best F1, chosen after seeing the
  truth. That is optimistic for Splink, which makes "the IDS is at least as good" the safe claim.

Splink is an optional dependency: it is imported only inside :func:`run_splink`.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import logging
import sys
import time
from pathlib import Path
from typing import Any

from ids.benchmark.metrics import pair_counts_from_cells
from ids.benchmark.report import u_sample_max_pairs

SPLINK_VERSION = "5.0.0"
#: Thresholds at which Splink's predictions are also clustered; its best F1 is reported.
SWEEP_THRESHOLDS: tuple[float, ...] = (0.5, 0.8, 0.9, 0.95, 0.99)
MISSING_SPLINK_MESSAGE = (
    "Splink is not installed in this environment. It is an optional dependency of the benchmark "
    f"(not in requirements.txt): install it with\n    pip install splink=={SPLINK_VERSION}\n"
    "(e.g. `.venv/bin/pip install splink==5.0.0`) and run again, or leave out --compare-splink."
)

#: Columns of linkage.int_person_records that Splink receives (record_key renamed unique_id).
RECORD_COLUMNS: tuple[str, ...] = (
    "record_key as unique_id",
    "source_system",
    "source_person_id",
    "first_key",
    "first_canon",
    "first_initial",
    "last_key",
    "last_soundex",
    "dob",
    "dob_year",
    "ssn",
    "ssn_last4",
    "sex",
    "zip5",
)

#: Pairs an EM training session may use before Splink samples records down (at large scale).
EM_MAX_PAIRS = 5e6


def splink_available() -> bool:
    """True when ``import splink`` would succeed (without importing it)."""
    return importlib.util.find_spec("splink") is not None


def build_settings() -> Any:
    """The Splink ``SettingsCreator`` of the comparison model (imports Splink)."""
    import splink.comparison_level_library as cll
    import splink.comparison_library as cl
    from splink import SettingsCreator, block_on

    first_name = cl.CustomComparison(
        output_column_name="first_name",
        comparison_levels=[
            cll.NullLevel("first_key"),
            cll.CustomLevel(
                "(length(first_key_l) = 1 or length(first_key_r) = 1) and first_initial_l = first_initial_r",
                label_for_charts="Initial only on one side, initials agree",
            ),
            cll.ExactMatchLevel("first_key").configure(tf_adjustment_column="first_key"),
            cll.ExactMatchLevel("first_canon").configure(label_for_charts="Same nickname canon"),
            cll.JaroWinklerLevel("first_key", 0.92),
            cll.JaroWinklerLevel("first_key", 0.80),
            cll.ElseLevel(),
        ],
    )
    return SettingsCreator(
        link_type="dedupe_only",
        unique_id_column_name="unique_id",
        comparisons=[
            first_name,
            cl.NameComparison("last_key", jaro_winkler_thresholds=[0.92, 0.80]),
            cl.DateOfBirthComparison(
                "dob", input_is_string=False, datetime_thresholds=[1, 1], datetime_metrics=["month", "year"]
            ),
            cl.DamerauLevenshteinAtThresholds("ssn", [1]),
            cl.ExactMatch("sex"),
            cl.ExactMatch("zip5"),
        ],
        blocking_rules_to_generate_predictions=[
            block_on("ssn"),
            block_on("dob", "first_initial"),
            block_on("dob", "last_soundex"),
            block_on("last_key", "dob_year"),
            block_on("first_key", "last_key"),
            block_on("ssn_last4", "last_soundex"),
        ],
        retain_matching_columns=False,
        retain_intermediate_calculation_columns=False,
        additional_columns_to_retain=["source_system"],
    )


def run_splink(
    records_parquet: Path,
    truth_parquet: Path,
    threshold: float,
    db_path: Path,
    seed: int = 42,
    threads: int | None = None,
    u_pairs_per_record: int = 8,
) -> dict[str, Any]:
    """Train, predict and cluster with Splink; score the clusters against the truth map.

    Returns the result as a JSON-able dict. ``linkage_wall_s`` covers loading the records through
    clustering (the Python start-up and ``import splink`` are not in it, as dbt's start-up is not
    in the IDS's linkage time); the scoring against the truth is timed separately.
    """
    import duckdb
    from splink import DuckDBAPI, Linker, block_on

    timings: dict[str, float] = {}
    start = time.perf_counter()
    mark = start

    def lap(step: str) -> None:
        nonlocal mark
        now = time.perf_counter()
        timings[step] = round(now - mark, 3)
        mark = now

    if db_path.exists():
        db_path.unlink()
    con = duckdb.connect(str(db_path))
    if threads:
        con.execute(f"set threads = {int(threads)}")
    con.execute(
        f"create table ids_records as select {', '.join(RECORD_COLUMNS)} "
        f"from read_parquet('{records_parquet}')"
    )

    def scalar(sql: str) -> int:
        row = con.sql(sql).fetchone()
        return int(row[0]) if row else 0

    n_records = scalar("select count(*) from ids_records")
    db_api = DuckDBAPI(connection=con)
    records = db_api.register("ids_records")
    linker = Linker(records, build_settings(), log_level=logging.WARNING)
    lap("load")

    linker.training.estimate_probability_two_random_records_match(
        [block_on("ssn", "dob"), block_on("first_key", "last_key", "dob")], recall=0.7
    )
    lap("prior")
    u_pairs = u_sample_max_pairs(n_records, u_pairs_per_record)
    linker.training.estimate_u_using_random_sampling(max_pairs=u_pairs, seed=seed)
    lap("estimate_u")
    # Each comparison is estimated in at least one session; the ssn session is the one in which
    # DOL's initial-only first names (DOL has no date of birth) meet the other sources.
    for rule in (block_on("dob"), block_on("first_key", "last_key"), block_on("ssn")):
        linker.training.estimate_parameters_using_expectation_maximisation(rule, max_pairs=EM_MAX_PAIRS)
    lap("estimate_m_em")

    predictions = linker.inference.predict()
    n_pairs = scalar(f"select count(*) from {predictions.physical_name}")
    n_linked_pairs = scalar(
        f"select count(*) from {predictions.physical_name} where match_probability >= {threshold}"
    )
    lap("predict")
    clusters = linker.clustering.cluster_pairwise_predictions_at_threshold(
        predictions, threshold_match_probability=threshold
    )
    n_clusters = scalar(f"select count(distinct cluster_id) from {clusters.physical_name}")
    lap("cluster")
    linkage_wall_s = time.perf_counter() - start

    con.execute(f"create table ids_truth as select * from read_parquet('{truth_parquet}')")

    def evaluate(clustered: Any) -> dict[str, dict[str, float | int | None]]:
        cells = con.sql(
            f"""
            select c.cluster_id, t.true_person_id, r.source_system, count(*) as n
            from {clustered.physical_name} as c
            inner join ids_records as r on c.unique_id = r.unique_id
            inner join ids_truth as t
                on r.source_system = t.source_system and r.source_person_id = t.source_person_id
            group by all
            """
        ).fetchall()
        return {scope: counts.as_dict() for scope, counts in pair_counts_from_cells(cells).items()}

    by_threshold = {threshold: evaluate(clusters)}
    lap("evaluate")
    for other in SWEEP_THRESHOLDS:
        if other != threshold:
            by_threshold[other] = evaluate(
                linker.clustering.cluster_pairwise_predictions_at_threshold(
                    predictions, threshold_match_probability=other
                )
            )
    best = max(by_threshold, key=lambda t: (by_threshold[t]["all"]["f1"] or 0.0, -abs(t - threshold)))
    lap("threshold_sweep")

    model_path = db_path.with_suffix(".model.json")
    linker.misc.save_model_to_json(str(model_path), overwrite=True)
    con.close()
    return {
        "splink_version": SPLINK_VERSION,
        "records": int(n_records),
        "candidate_pairs": int(n_pairs),
        "linked_pairs": int(n_linked_pairs),
        "clusters": int(n_clusters),
        "threshold": threshold,
        "best_threshold": best,
        "u_max_pairs": u_pairs,
        "linkage_wall_s": round(linkage_wall_s, 3),
        "step_seconds": timings,
        "metrics": by_threshold[best],
        "metrics_at_threshold": by_threshold[threshold],
        "metrics_by_threshold": {str(t): m["all"] for t, m in sorted(by_threshold.items())},
        "model_json": str(model_path),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Link the IDS person records with Splink 5 (benchmark).")
    parser.add_argument("--records", type=Path, required=True, help="int_person_records as Parquet")
    parser.add_argument("--truth", type=Path, required=True, help="stg_truth__person_map as Parquet")
    parser.add_argument("--threshold", type=float, required=True, help="match probability threshold")
    parser.add_argument("--db", type=Path, required=True, help="scratch DuckDB file for Splink")
    parser.add_argument("--output", type=Path, required=True, help="result JSON")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--threads", type=int, default=None, help="DuckDB threads (default: all cores)")
    parser.add_argument("--u-pairs-per-record", type=int, default=8,
                        help="random pairs per record for u (the IDS's random_pairs_per_record)")
    args = parser.parse_args(argv)

    if not splink_available():
        print(MISSING_SPLINK_MESSAGE, file=sys.stderr)
        return 3
    result = run_splink(
        args.records, args.truth, args.threshold, args.db, args.seed, args.threads, args.u_pairs_per_record
    )
    args.output.write_text(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
