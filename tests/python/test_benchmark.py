"""The benchmark's pure helpers (src/ids/benchmark): pairwise metrics, dbt timings, the table.

Fast, and independent of Splink: nothing here runs the benchmark, dbt or Splink.
"""

from __future__ import annotations

import importlib.util
import itertools
import random
import sys
from pathlib import Path

import pytest

from ids.benchmark import (
    BenchmarkRow,
    PairCounts,
    format_markdown_table,
    kib_to_mib,
    linkage_model_times,
    pair_counts_from_cells,
    pair_counts_from_rows,
    parse_meminfo_total_kib,
    u_sample_max_pairs,
)
from ids.benchmark import splink_runner

REPO = Path(__file__).resolve().parents[2]


def brute_force(rows: list[tuple[str, str, str]]) -> dict[str, tuple[int, int, int]]:
    """(tp, predicted, true) per scope by listing every record pair."""
    out = {scope: [0, 0, 0] for scope in ("all", "cross_source", "within_source")}
    for (c1, t1, s1), (c2, t2, s2) in itertools.combinations(rows, 2):
        scopes = ["all", "within_source" if s1 == s2 else "cross_source"]
        for scope in scopes:
            out[scope][0] += c1 == c2 and t1 == t2
            out[scope][1] += c1 == c2
            out[scope][2] += t1 == t2
    return {scope: (tp, pred, true) for scope, (tp, pred, true) in out.items()}


def test_pair_counts_worked_example() -> None:
    rows = [
        # cluster A: two records of person 1 (dhs, mcd) wrongly joined by one of person 2 (doe)
        ("A", "p1", "dhs"),
        ("A", "p1", "mcd"),
        ("A", "p2", "doe"),
        # person 2's other record was left alone; person 3 is a within-source duplicate, found
        ("B", "p2", "dhs"),
        ("C", "p3", "hmis"),
        ("C", "p3", "hmis"),
    ]
    counts = pair_counts_from_rows(rows)
    # predicted: A has 3 pairs, C has 1 -> 4; true: p1 1, p2 1, p3 1 -> 3; tp: (A,p1) 1 + (C,p3) 1 -> 2
    assert counts["all"] == PairCounts(true_positive_pairs=2, predicted_pairs=4, true_pairs=3)
    assert counts["all"].precision == pytest.approx(0.5)
    assert counts["all"].recall == pytest.approx(2 / 3)
    assert counts["all"].f1 == pytest.approx(2 * 2 / (4 + 3))
    assert counts["within_source"] == PairCounts(1, 1, 1)
    assert counts["cross_source"] == PairCounts(1, 3, 2)
    assert counts["all"].false_positive_pairs == 2
    assert counts["all"].false_negative_pairs == 1


def test_pair_counts_match_brute_force_on_random_clusterings() -> None:
    rng = random.Random(7)
    for _ in range(50):
        n = rng.randint(0, 40)
        rows = [
            (f"c{rng.randint(0, 8)}", f"t{rng.randint(0, 8)}", rng.choice(["dhs", "mcd", "doe"]))
            for _ in range(n)
        ]
        counts = pair_counts_from_rows(rows)
        for scope, (tp, pred, true) in brute_force(rows).items():
            assert counts[scope] == PairCounts(tp, pred, true), scope


def test_cells_and_rows_agree_and_cells_may_repeat() -> None:
    rows = [("a", "x", "s1")] * 3 + [("a", "y", "s2"), ("b", "y", "s2")]
    cells = [("a", "x", "s1", 2), ("a", "x", "s1", 1), ("a", "y", "s2", 1), ("b", "y", "s2", 1)]
    assert pair_counts_from_cells(cells) == pair_counts_from_rows(rows)


def test_perfect_and_empty_clusterings() -> None:
    truth = [("p1", "dhs"), ("p1", "mcd"), ("p2", "doe"), ("p2", "dol"), ("p3", "dhs")]
    perfect = pair_counts_from_rows([(t, t, s) for t, s in truth])["all"]
    assert (perfect.precision, perfect.recall, perfect.f1) == (1.0, 1.0, 1.0)

    singletons = pair_counts_from_rows([(f"r{i}", t, s) for i, (t, s) in enumerate(truth)])["all"]
    assert singletons.precision is None  # nothing predicted
    assert singletons.recall == 0.0
    assert singletons.f1 == 0.0

    nothing = pair_counts_from_rows([])["all"]
    assert (nothing.precision, nothing.recall, nothing.f1) == (None, None, None)
    assert nothing.as_dict()["false_positive_pairs"] == 0


def test_negative_cell_count_is_rejected() -> None:
    with pytest.raises(ValueError):
        pair_counts_from_cells([("a", "x", "s", -1)])


def test_linkage_model_times_sums_models_only() -> None:
    run_results = {
        "results": [
            {"unique_id": "model.ids.int_candidate_pairs", "status": "success", "execution_time": 2.5},
            {"unique_id": "model.ids.int_person_clusters", "status": "success", "execution_time": 1.0},
            {"unique_id": "seed.ids.linkage_settings", "status": "success", "execution_time": 9.0},
            {"unique_id": "test.ids.unique_x.abc", "status": "pass", "execution_time": 9.0},
        ]
    }
    total, per_model = linkage_model_times(run_results)
    assert total == pytest.approx(3.5)
    assert list(per_model) == ["int_candidate_pairs", "int_person_clusters"]  # slowest first
    total, per_model = linkage_model_times(run_results, models=["int_person_clusters"])
    assert total == pytest.approx(1.0) and list(per_model) == ["int_person_clusters"]


def test_linkage_model_times_refuses_a_failed_model() -> None:
    run_results = {"results": [{"unique_id": "model.ids.int_scored_pairs", "status": "error",
                                "message": "boom", "execution_time": 0.1}]}
    with pytest.raises(ValueError, match="int_scored_pairs"):
        linkage_model_times(run_results)


def test_markdown_table() -> None:
    rows = [
        BenchmarkRow("IDS", 100_000, 312_345, 4_567_890, 123.456, 2048.4, 0.99871, 0.98, 0.989, 0.99),
        BenchmarkRow("Splink", 100_000, 312_345, None, 98.0, 1500.0, None, None, None),
    ]
    lines = format_markdown_table(rows).splitlines()
    assert lines[0].startswith("| linker | persons | records | candidate pairs | linkage wall time (s) |")
    assert "peak memory (MiB)" in lines[0] and "| F1 |" in lines[0]
    assert lines[1].startswith("|:---|---:|")
    assert lines[2] == "| IDS | 100,000 | 312,345 | 4,567,890 | 123.5 | 2,048 | 0.9987 | 0.9800 | 0.9890 | 0.9900 |"
    assert lines[3].endswith("| n/a | n/a | n/a | n/a |")
    assert all(line.count("|") == lines[0].count("|") for line in lines)


def test_machine_and_sampling_helpers() -> None:
    assert parse_meminfo_total_kib("MemTotal:       24684544 kB\nMemFree: 1 kB\n") == 24684544
    assert parse_meminfo_total_kib("nothing here") is None
    assert kib_to_mib(2048) == 2.0
    assert u_sample_max_pairs(10_000) == 1_000_000  # Splink's default floor
    assert u_sample_max_pairs(300_000) == 2_400_000  # 8 per record, as the IDS samples
    assert u_sample_max_pairs(50_000_000) == 100_000_000  # capped
    with pytest.raises(ValueError):
        u_sample_max_pairs(-1)


def test_splink_runner_explains_how_to_install_splink(monkeypatch: pytest.MonkeyPatch,
                                                      capsys: pytest.CaptureFixture[str],
                                                      tmp_path: Path) -> None:
    assert isinstance(splink_runner.splink_available(), bool)
    monkeypatch.setattr(splink_runner, "splink_available", lambda: False)
    code = splink_runner.main(["--records", "r.parquet", "--truth", "t.parquet", "--threshold", "0.9",
                               "--db", str(tmp_path / "s.duckdb"), "--output", str(tmp_path / "o.json")])
    assert code == 3
    assert "pip install splink==5.0.0" in capsys.readouterr().err


def test_benchmark_script_stops_early_without_splink(monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture[str],
                                                     tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("ids_benchmark_script", REPO / "scripts" / "benchmark.py")
    assert spec and spec.loader
    script = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, spec.name, script)  # dataclasses look their module up there
    spec.loader.exec_module(script)
    monkeypatch.setattr(script, "splink_available", lambda: False)
    monkeypatch.setattr(sys, "argv", ["benchmark.py", "--persons", "10", "--workdir", str(tmp_path / "w"),
                                      "--compare-splink"])
    assert script.main() == 2
    assert "pip install splink==5.0.0" in capsys.readouterr().err
    assert not (tmp_path / "w").exists()  # nothing was generated or built
