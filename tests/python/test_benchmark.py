"""The benchmark's pure helpers (src/ids/benchmark): pairwise metrics, dbt timings, the table.

Fast, and independent of Splink: nothing here runs the benchmark, dbt or Splink.
"""

from __future__ import annotations

import datetime as dt
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
    model_memory_peaks,
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


# --- noise sweep --------------------------------------------------------------------------------

def test_noise_levels_and_scaling() -> None:
    from ids.benchmark.report import noise_label, parse_levels
    from ids.generator.config import QuirkRates

    assert parse_levels("0.5, 1,2,3") == [0.5, 1.0, 2.0, 3.0]
    assert parse_levels("1") == [1.0]
    for bad in ("", "1,1", "-1", "x"):
        with pytest.raises(ValueError):
            parse_levels(bad)
    assert [noise_label(x) for x in (0.5, 1.0, 3.0)] == ["x0.5", "x1", "x3"]
    base = QuirkRates()
    doubled = base.scaled(2.0)
    assert doubled.typo_first == pytest.approx(2 * base.typo_first)
    assert base.scaled(3.0).accent_strip == 1.0  # capped at 1
    assert base.scaled(0.0).nickname == 0.0


# --- FEBRL --------------------------------------------------------------------------------------

def test_febrl_fields() -> None:
    from ids.benchmark.febrl import febrl_dob, febrl_person, febrl_ssn

    assert febrl_person("rec-223-org") == ("FEBRL000223", True)
    assert febrl_person("rec-223-dup-4") == ("FEBRL000223", False)
    with pytest.raises(ValueError):
        febrl_person("223")
    assert febrl_dob("19560409") == "1956-04-09"
    assert febrl_dob("19560231") == ""  # no calendar date: sent missing, not quarantined
    assert febrl_dob(float("nan")) == "" and febrl_dob(None) == ""
    assert febrl_ssn("6988048") == "169880481"
    assert febrl_ssn("698804") == "" and febrl_ssn(None) == ""


def test_febrl_dedupe_mapping() -> None:
    from ids.benchmark.febrl import febrl_extracts

    row = {"given_name": "lachlan", "surname": "berry", "street_number": "69", "address_1": "giblin street",
           "suburb": "bittern", "postcode": "4814", "date_of_birth": "19990219", "soc_sec_id": "7364009"}
    dup = {**row, "given_name": float("nan"), "date_of_birth": "19990229"}
    other = {**row, "surname": "waller", "soc_sec_id": "6988048"}
    extracts, truth = febrl_extracts([[("rec-1-dup-0", dup), ("rec-1-org", row), ("rec-2-org", other)]], "dedupe")
    dhs, mcd = extracts["dhs_case_members"], extracts["mcd_eligibility"]
    assert [r["last_name"] for r in dhs] == ["berry", "waller"]  # originals
    assert len(mcd) == 1 and mcd[0]["first_name"] == "" and mcd[0]["dob"] == ""
    assert dhs[0]["dob"] == "1999-02-19" and dhs[0]["ssn"] == "173640091" and dhs[0]["zip"] == "4814"
    assert dhs[0]["address_line"] == "69 giblin street" and dhs[0]["sex"] == "U"
    assert len({r["case_id"] for r in dhs}) == 2  # one-person cases: no family context
    truth_of = {(t["source_system"], t["source_person_id"]): t["true_person_id"] for t in truth}
    assert truth_of[("mcd", mcd[0]["medicaid_id"])] == truth_of[("dhs", dhs[0]["client_id"])] == "FEBRL000001"
    assert truth_of[("dhs", dhs[1]["client_id"])] == "FEBRL000002"
    # no id carries the truth: ids are positions in the file
    assert all("FEBRL" not in r["client_id"] for r in dhs)


def test_febrl_link_mapping_and_bad_calls() -> None:
    from ids.benchmark.febrl import DHS_COLUMNS, MCD_COLUMNS, febrl_extracts

    row = {"given_name": "a", "surname": "b", "date_of_birth": "20000101", "soc_sec_id": "1234567", "postcode": "2000"}
    extracts, truth = febrl_extracts([[("rec-5-org", row)], [("rec-5-dup-0", row)]], "link")
    assert len(extracts["dhs_case_members"]) == 1 and len(extracts["mcd_eligibility"]) == 1
    assert list(extracts["dhs_case_members"][0]) == list(DHS_COLUMNS)
    assert list(extracts["mcd_eligibility"][0]) == list(MCD_COLUMNS)
    assert {t["true_person_id"] for t in truth} == {"FEBRL000005"}
    with pytest.raises(ValueError):
        febrl_extracts([[("rec-5-org", row)]], "link")
    with pytest.raises(ValueError):
        febrl_extracts([[("rec-5-org", row)]], "both")


def test_febrl_columns_are_the_spec_extracts() -> None:
    from ids.benchmark.febrl import DHS_COLUMNS, MCD_COLUMNS

    for extract, columns in (("dhs_case_members", DHS_COLUMNS), ("mcd_eligibility", MCD_COLUMNS)):
        header = (REPO / "seeds" / "demo" / f"{extract}.csv").read_text().splitlines()[0].split(",")
        assert header == list(columns)


# --- tables, layers, hazards --------------------------------------------------------------------

def test_robustness_and_layer_tables() -> None:
    from ids.benchmark.report import LayerRow, RobustnessRow, format_layer_table, format_robustness_table

    table = format_robustness_table([
        RobustnessRow("x2", "IDS", 45_000, 0.99712, 0.97, 0.98, 0, 3, 12),
        RobustnessRow("x2", "Splink", 45_000, None, None, None),
    ]).splitlines()
    assert table[0].startswith("| data | linker | records | precision | recall | F1 | twins merged |")
    assert table[2] == "| x2 | IDS | 45,000 | 0.9971 | 0.9700 | 0.9800 | 0 | 3 | 12 |"
    assert table[3].endswith("| n/a | n/a | n/a |")
    layers = format_layer_table([LayerRow("1M", "linkage", "dbt run --select linkage", 161.54, 3689.2),
                                 LayerRow("1M", "contracts", "-", None, None, "skipped")]).splitlines()
    assert layers[2] == "| 1M | linkage | `dbt run --select linkage` | 161.5 | 3,689 | ok |"
    assert layers[3].endswith("| n/a | n/a | skipped |")


def test_layer_folders() -> None:
    from ids.benchmark.report import layer_folders

    files = ["models/marts/_marts__docs.md", "models/families/int_households.sql",
             "models/marts/contracts/fct_outcomes.sql", "models/marts/core/dim_person.py",
             "models/linkage/x.sql"]
    assert layer_folders(files, "marts") == ["models/marts"]
    assert layer_folders(files, "contracts") == ["models/marts/contracts"]
    assert layer_folders(files, "families") == ["models/families"]
    assert layer_folders(["models/marts/_marts__docs.md"], "marts") == []  # docs only: nothing to run
    assert layer_folders(files, "nowhere") == []


def test_hazard_sql_classifies_like_the_report() -> None:
    import duckdb

    from ids.benchmark.hazards import hazard_sql

    con = duckdb.connect()
    con.execute("create schema linkage; create schema staging")
    con.execute("create table linkage.int_truth_records as select * from (values "
                "('a', 'T1'), ('b', 'T2'), ('c', 'T3'), ('d', 'T4'), ('e', 'T5'), ('f', 'T5')) t(record_key, true_person_id)")
    con.execute("create table linkage.int_person_records as select record_key, dob::date as dob from (values "
                "('a', '2010-01-01'), ('b', '2010-01-01'), ('c', '1980-01-01'), ('d', '1990-05-05'), "
                "('e', '1970-01-01'), ('f', '1970-01-01')) t(record_key, dob)")
    con.execute("create table staging.stg_truth__family_map as select * from (values "
                "('T1', 'F1'), ('T2', 'F1'), ('T3', 'F1'), ('T4', 'F9'), ('T5', 'F5')) t(true_person_id, true_family_id)")
    con.execute("create table clusters as select * from (values "
                "('a', 'P1'), ('b', 'P1'), ('c', 'P1'), ('d', 'P2'), ('e', 'P3'), ('f', 'P2')) t(record_key, person_id)")
    counts = dict(con.sql(hazard_sql("clusters")).fetchall())
    # P1: T1-T2 twins, T1-T3 and T2-T3 same family; P2: T4-T5 strangers; P3 alone
    assert counts == {"twins": 1, "same_family": 2, "strangers": 1}


def test_splink_blocking_mirrors_the_ids_rules() -> None:
    blocking_sql = (REPO / "macros" / "linkage" / "blocking.sql").read_text()
    n_ids_rules = blocking_sql.count("{'name': ")
    n_asymmetric = blocking_sql.count("'right': [")
    rules = splink_runner.BLOCKING_RULES
    # one Splink rule per IDS rule, two for each asymmetric one (swapped DOB, the former-name rules),
    # except first/last swapped and the DOB with crossed initials, which are their own mirrors
    assert len(rules) == n_ids_rules + n_asymmetric - 2
    assert len(set(rules)) == len(rules)
    for rule in (*rules, *splink_runner.EM_SESSIONS):
        # never keys whose blocks grow with the population: a DOB alone or with a first initial, a
        # last name with a birth year
        keys = set(re_findall(r"l\.(\w+) =", rule))
        assert keys not in ({"dob"}, {"dob", "first_initial"}, {"last_key", "dob_year"}), rule


def re_findall(pattern: str, text: str) -> list[str]:
    import re

    return re.findall(pattern, text)


def test_build_status_names_failed_and_skipped_nodes(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import json

    spec = importlib.util.spec_from_file_location("ids_benchmark_script2", REPO / "scripts" / "benchmark.py")
    assert spec and spec.loader
    script = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, spec.name, script)
    spec.loader.exec_module(script)
    (tmp_path / "target").mkdir()
    assert script.build_status(tmp_path, 1) == "exit 1"
    (tmp_path / "target" / "run_results.json").write_text(json.dumps({"results": [
        {"unique_id": "model.ids.int_person_clusters", "status": "success"},
        {"unique_id": "test.ids.expression_is_true_linkage_evaluation_x.abc", "status": "fail"},
        {"unique_id": "model.ids.person_index", "status": "skipped"},
    ]}))
    assert script.build_status(tmp_path, 1) == (
        "exit 1: 1 failed (expression_is_true_linkage_evaluation_x), 1 skipped")


def test_model_memory_peaks_take_the_highest_sample_inside_each_models_execution() -> None:
    def timing(start: str, end: str) -> list[dict[str, str]]:
        return [{"name": "compile", "started_at": "2026-12-02T06:00:00Z", "completed_at": start},
                {"name": "execute", "started_at": start, "completed_at": end}]

    run_results = {"results": [
        {"unique_id": "model.ids.int_person_clusters", "timing": timing("2026-12-02T06:00:10Z", "2026-12-02T06:00:20Z")},
        {"unique_id": "model.ids.int_scored_pairs", "timing": timing("2026-12-02T06:00:00Z", "2026-12-02T06:00:10Z")},
        {"unique_id": "test.ids.not_null_x", "timing": timing("2026-12-02T06:00:00Z", "2026-12-02T06:00:20Z")},
        {"unique_id": "model.ids.unsampled", "timing": timing("2026-12-02T07:00:00Z", "2026-12-02T07:00:01Z")},
    ]}
    t0 = dt.datetime(2026, 12, 2, 6, 0, tzinfo=dt.timezone.utc).timestamp()
    samples = [(t0 + 5, 800.0), (t0 + 12, 2500.0), (t0 + 15, 1900.0), (t0 + 30, 9999.0)]
    assert model_memory_peaks(run_results, samples) == {"int_person_clusters": 2500.0, "int_scored_pairs": 800.0}
