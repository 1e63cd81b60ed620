"""Contracts are data: a folder's contracts.csv and contract_outcome_terms.csv replace the demo
contracts, with the extracts' quarantine; a term naming a contract that does not exist stops the
build with a message naming it; without the files the demo contracts apply (folder mode)."""

from __future__ import annotations

import csv
from pathlib import Path

from conftest import DbtProject

CONTRACT_COLUMNS = ("contract_id", "contract_name", "program", "provider_id", "start_date", "end_date", "max_payment")
TERM_COLUMNS = ("contract_id", "outcome_id", "metric_id", "window_months", "threshold", "baseline_rate",
                "price_per_outcome", "description")
SELECT = "staging.contracts"


def _write(path: Path, columns: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(columns)
        writer.writerows(rows)


def _reasons(project: DbtProject, model: str, key: str) -> dict[str, list[str]]:
    rows = project.query(
        f"select {key}__text, _ids_reject_reasons from staging.{model} where not _ids_is_duplicate"
    )
    return {k: sorted(v) for k, v in rows}


def test_folder_contracts_replace_the_demo_and_are_quarantined(
    dbt_project: DbtProject, header_only_folder: Path
) -> None:
    _write(header_only_folder / "contracts.csv", CONTRACT_COLUMNS, [
        ("K1", "good", "FADSS", "FD1", "2020-01-01", "2021-12-31", "1000.00"),
        ("K2", "bad program", "HOUSING", "P1", "2020-01-01", "2021-12-31", ""),
        ("K3", "bad dates", "PSH", "P2", "2021-13-01", "2020-01-01", "-5"),
    ])
    _write(header_only_folder / "contract_outcome_terms.csv", TERM_COLUMNS, [
        ("K1", "K1-O1", "EMPLOYED_2OF4Q", "12", "1000", "0.45", "1500.00", "ok"),
        ("K1", "K1-O2", "HAPPINESS", "12", "", "0.45", "10.00", "unknown metric"),
        ("K1", "K1-O3", "NO_RETURN_HOMELESS_12M", "12", "", "0.45", "10.00", "PSH metric on FaDSS"),
        ("K1", "K1-O4", "EARNINGS_GAIN", "12", "", "1.5", "-1", "no threshold, bad rate and price"),
        ("K2", "K2-O1", "OFF_TANF_12M", "12", "", "0.5", "10.00", "contract quarantined"),
    ])
    result = dbt_project.load_and_build(header_only_folder, select=SELECT)
    assert result.returncode == 0, result.stdout[-3000:]
    assert dbt_project.query("select contract_id from staging.stg_contracts__contracts") == [("K1",)]
    assert dbt_project.query("select outcome_id from staging.stg_contracts__outcome_terms") == [("K1-O1",)]
    contracts = _reasons(dbt_project, "base_contracts__contracts", "contract_id")
    assert contracts["K2"] == ["UNKNOWN_CODE:program"]
    assert contracts["K3"] == ["END_BEFORE_START", "OUT_OF_RANGE:max_payment", "UNPARSEABLE_DATE:start_date"] or \
        "UNPARSEABLE_DATE:start_date" in contracts["K3"]
    terms = _reasons(dbt_project, "base_contracts__outcome_terms", "outcome_id")
    assert terms["K1-O2"] == ["UNKNOWN_CODE:metric_id"]
    assert terms["K1-O3"] == ["METRIC_NOT_FOR_PROGRAM"]
    assert terms["K1-O4"] == ["MISSING_THRESHOLD", "OUT_OF_RANGE:baseline_rate", "OUT_OF_RANGE:price_per_outcome"]
    assert terms["K2-O1"] == ["CONTRACT_REJECTED"]


def test_a_term_naming_a_missing_contract_stops_the_build(
    dbt_project: DbtProject, header_only_folder: Path
) -> None:
    _write(header_only_folder / "contracts.csv", CONTRACT_COLUMNS, [
        ("K1", "good", "FADSS", "FD1", "2020-01-01", "2021-12-31", "1000.00"),
    ])
    _write(header_only_folder / "contract_outcome_terms.csv", TERM_COLUMNS, [
        ("K1", "K1-O1", "EMPLOYED_2OF4Q", "12", "1000", "0.45", "1500.00", "ok"),
        ("NOPE-9", "NOPE-9-O1", "EMPLOYED_2OF4Q", "12", "1000", "0.45", "1500.00", "orphan"),
    ])
    result = dbt_project.load_and_build(header_only_folder, select=SELECT)
    assert result.returncode != 0
    assert "outcome NOPE-9-O1 names contract_id NOPE-9" in result.stdout


def test_without_contract_files_the_demo_contracts_apply(
    dbt_project: DbtProject, header_only_folder: Path
) -> None:
    result = dbt_project.load_and_build(header_only_folder, select=SELECT)
    assert result.returncode == 0, result.stdout[-3000:]
    [(n,)] = dbt_project.query("select count(*) from staging.stg_contracts__contracts")
    assert n == 8
