"""The web report's pages (src/ids/report.py) on a small package made here: every planned mart
present gives every headline figure and no error; a missing mart gives a notice, not a failure."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from ids import report

TABLES = {
    "rpt_linkage_quality": (
        "select 'pairwise_all' as quality_item, 'pairwise' as section, 'all' as scope, "
        "true as truth_available, 1200 as n_records, 1000 as n_persons, 900 as n_linked_pairs, "
        "20 as n_false_positive_pairs, 30 as n_false_negative_pairs, "
        "null::bigint as n_merged_true_person_pairs, 0.98 as pair_precision, 0.97 as pair_recall, "
        "0.975 as pair_f1, false as is_suppressed "
        "union all select 'false_merges_twins', 'false_merges', 'twins', true, null, null, null, "
        "null, null, 0, null, null, null, false"
    ),
    "agg_agency_overlap": (
        "select * from (values (2025, 'dhs', 'ece', 500, 120, 200, 60), "
        "(2025, 'ece', 'dhs', 300, 120, null, 60)) as t(calendar_year, agency, other_agency, "
        "n_persons, n_persons_also_known, n_families, n_families_also_known)"
    ),
    "fct_family_year": (
        "select * from (values ('k1', 2024, 2, 3, 1, 0), ('k2', 2024, 1, 0, 2, 1), "
        "('k1', 2025, 2, 4, 1, 0)) as t(family_key, calendar_year, n_parents, "
        "parent_employed_quarters, n_children_with_attendance, n_children_chronically_absent)"
    ),
    "rpt_provider_scorecard": (
        "select 'C1' as contract_id, 'O1' as outcome_id, 'M1' as metric_id, 40 as n_cohort, "
        "25 as n_achieved, 0 as n_pending, 0.625 as achieved_rate, 0.5 as baseline_rate, "
        "12500.0 as amount_paid, false as is_suppressed"
    ),
    "rpt_data_quality": "select 'DHS' as agency, 'dhs_case_members' as extract, 'reconciled' "
                        "as check_id, 0 as n_failed",
}


def _package(tmp_path: Path, tables: dict[str, str]) -> Path:
    package = tmp_path / "packages" / "LIC-R" / "2026-12-01"
    package.mkdir(parents=True)
    with duckdb.connect(str(package / "LIC-R.duckdb")) as con:
        for name, sql in tables.items():
            con.execute(f"create table {name} as {sql}")
        described = {
            name: [r[0] for r in con.execute(f"describe {name}").fetchall()] for name in tables
        }
    manifest = {
        "license": {"license_id": "LIC-R", "licensee": "Report"},
        "as_of_date": "2026-12-01",
        "tables": [{"name": n, "columns": [{"name": c} for c in cols]}
                   for n, cols in described.items()],
    }
    (package / "manifest.json").write_text(json.dumps(manifest))
    return package


def test_every_planned_mart_gives_every_headline(tmp_path: Path) -> None:
    summary = report.render_site(_package(tmp_path, TABLES), tmp_path / "build")
    pages = summary["pages"]
    assert set(pages) == {"index.html", "two-generation.html", "contracts.html",
                          "data-quality.html", "linkage.html"}
    for name, page in pages.items():
        assert page["errors"] == [] and page["not_published"] == [], name
        assert page["headlines"], name
    contracts = (tmp_path / "build" / "contracts.html").read_text()
    assert "$12,500" in contracts and "62.5%" in contracts
    index = (tmp_path / "build" / "index.html").read_text()
    assert 'data-headline="Persons in the index"' in index and ">1,000<" in index
    assert 'lang="en"' in index and 'aria-current="page"' in index


def test_missing_marts_give_notices_not_errors(tmp_path: Path) -> None:
    only = {"rpt_linkage_quality": TABLES["rpt_linkage_quality"]}
    summary = report.render_site(_package(tmp_path, only), tmp_path / "build")
    assert summary["pages"]["contracts.html"]["not_published"] == ["rpt_provider_scorecard"]
    assert summary["pages"]["linkage.html"]["not_published"] == []
    assert all(not p["errors"] for p in summary["pages"].values())
    assert "Not in package LIC-R: fct_family_year" in (
        tmp_path / "build" / "two-generation.html").read_text()


def test_a_failing_query_shows_an_error_banner(tmp_path: Path) -> None:
    tables = dict(TABLES, fct_family_year="select 'k1' as family_key, 'not a year' as year")
    broken = report.Page("broken", "Broken", "", (report.Section(
        "Sum", "fct_family_year", ("year",), "",
        (report.Headline("Total", "select sum(year) from fct_family_year"),)),))
    summary = report.render_site(_package(tmp_path, tables), tmp_path / "build", [broken])
    assert summary["pages"]["broken.html"]["errors"]
    assert 'role="alert"' in (tmp_path / "build" / "broken.html").read_text()


@pytest.mark.parametrize(("value", "fmt", "shown"), [
    (None, "num", "\u2014"), (1234, "num", "1,234"), (0.98765, "pct2", "98.77%"),
    (12500.4, "usd", "$12,500"), (True, "text", "true"), ("DHS", "text", "DHS"),
])
def test_format_value(value: object, fmt: str, shown: str) -> None:
    assert report.format_value(value, fmt) == shown


def test_a_mart_without_the_columns_a_page_reads_is_an_error(tmp_path: Path) -> None:
    tables = dict(TABLES, rpt_provider_scorecard=TABLES["rpt_provider_scorecard"].replace(
        "12500.0 as amount_paid", "12500.0 as paid"))
    summary = report.render_site(_package(tmp_path, tables), tmp_path / "build")
    assert summary["pages"]["contracts.html"]["errors"] == [
        "Scorecards: rpt_provider_scorecard.amount_paid not in the package"]
    assert 'role="alert"' in (tmp_path / "build" / "contracts.html").read_text()
