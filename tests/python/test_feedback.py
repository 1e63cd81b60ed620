"""Partner feedback files (src/ids/feedback.py), on a hand-made warehouse: no dbt build needed."""

from __future__ import annotations

import csv
from pathlib import Path

import duckdb
import pytest

from ids.feedback import summary_lines, write_partner_feedback


def tiny_warehouse(path: Path) -> None:
    marts = path.with_name(path.name.replace(".duckdb", "_marts.duckdb"))
    with duckdb.connect(str(marts)) as con:
        con.execute("create schema marts")
        con.execute(
            "create table marts.rpt_data_quality as select * from (values ('dcf', 'dcf_persons', 'validity', "
            "'UNPARSEABLE_DATE', 'dob', 'warn', 'pass', 10, 1, 0.9, 'share_passing', 0.995, 0.98, "
            "current_date)) as t(agency, extract_name, dimension, check_name, column_name, severity, status, "
            "n_evaluated, n_failing, metric_value, metric_unit, warn_threshold, fail_threshold, loaded_on)")
    with duckdb.connect(str(path)) as con:
        con.execute("create schema staging")
        con.execute(
            "create table staging.stg_ids__rejected_rows as select * from (values "
            "('dcf', 'dcf_persons', 'staging_check', 3, 'P1', ['UNPARSEABLE_DATE:dob'], 'UNPARSEABLE_DATE:dob', '{}'),"
            "('dhs', 'dhs_case_members', 'csv_reader', 9, null, ['UNREADABLE_LINE:TOO_MANY_COLUMNS'], "
            "'UNREADABLE_LINE:TOO_MANY_COLUMNS', 'a,b')) as t(agency, extract_name, rejected_by, "
            "source_row_number, row_key, reject_reasons, reject_reason_text, raw_row)")
        con.execute(
            "create table staging.stg_ids__reconciliation as select * from (values "
            "('dcf', 'dcf_persons', 10, 9, 1, 0, 0)) as t(agency, extract_name, rows_received, rows_staged, "
            "rows_quarantined, lines_unreadable, rows_collapsed_duplicates)")


def test_each_partner_gets_only_its_own_rows(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    tiny_warehouse(db)
    write_partner_feedback(db, tmp_path / "feedback", ["dcf", "dhs"])
    with (tmp_path / "feedback" / "dcf" / "quarantined_rows.csv").open() as fh:
        rows = list(csv.DictReader(fh))
    assert [r["row_key"] for r in rows] == ["P1"]
    with (tmp_path / "feedback" / "dhs" / "scorecard.csv").open() as fh:
        assert list(csv.DictReader(fh)) == []
    summary = (tmp_path / "feedback" / "dcf" / "summary.txt").read_text()
    assert "dcf_persons: 10 rows received, 9 staged, 1 quarantined" in summary


def test_unknown_agency_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown agency"):
        write_partner_feedback(tmp_path / "w.duckdb", tmp_path, ["dcf'; drop table x; --"])


def test_summary_lists_top_reasons() -> None:
    lines = summary_lines("doe", [("doe_students", 5, 3, 2, 0, 0)],
                          [("doe_students", "UNKNOWN_CODE:sex", 2)])
    assert "          2  UNKNOWN_CODE:sex" in lines
