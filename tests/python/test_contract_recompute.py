"""The contract measure engine agrees with an independent recomputation (src/ids/contract_recompute.py).

The recomputation reads the demo extracts as sent and identifies persons by the generator's truth
map, not by the warehouse's linkage. For four metrics (EMPLOYED_2OF4Q, OFF_TANF_12M, NO_REMOVAL_12M,
NO_RETURN_HOMELESS_12M) every status count of `fct_contract_payments` must agree within the linkage
error the warehouse reports for that outcome's cohort: the number of its units with a record that
the warehouse linked differently from the truth (split from the person's other records, or merged
with another person's). The payment must agree within that many outcomes times the price.
"""

from __future__ import annotations

import os
import shutil
from collections import defaultdict
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import REPO, DbtProject
from ids import contract_recompute as rc

STATUS_COLUMNS = ("n_cohort", "n_excluded", "n_pending", "n_not_measurable", "n_achieved", "n_not_achieved")


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> DbtProject:
    """The demo warehouse up to fct_contract_payments.

    `make test` builds the whole demo warehouse (test-dbt) before pytest and names it in
    IDS_TEST_DEMO_WAREHOUSE: then a copy of its two files is read (the test only reads, and a full
    build of the same seeds and extracts holds every model it reads). Without it (plain `pytest`)
    the demo is seeded, loaded and run up to fct_contract_payments here, as before.
    """
    project = DbtProject(tmp_path_factory.mktemp("contracts"))
    built = os.environ.get("IDS_TEST_DEMO_WAREHOUSE", "")
    if built:
        restricted = Path(built)
        marts = restricted.with_name(restricted.stem + "_marts.duckdb")
        assert restricted.is_file() and marts.is_file(), f"IDS_TEST_DEMO_WAREHOUSE names no warehouse: {built}"
        for source, copy in ((restricted, project.db_path), (marts, project.marts_db_path)):
            shutil.copy(source, copy)
            if source.with_name(source.name + ".wal").exists():
                shutil.copy(source.with_name(source.name + ".wal"), copy.with_name(copy.name + ".wal"))
        return project
    for args in (("seed",), ("run-operation", "load_extracts"), ("run", "--select", "+fct_contract_payments")):
        result = project.dbt(*args)
        assert result.returncode == 0, result.stdout[-3000:]
    return project


def _truth_map() -> dict[tuple[str, str], str]:
    rows = rc.read_extract(REPO / "seeds" / "truth" / "truth_person_map.csv")
    return {(r["source_system"], r["source_person_id"]): r["true_person_id"] for r in rows}


def _linkage_affected(project: DbtProject, truth: dict[tuple[str, str], str]) -> set[str]:
    """True persons with a record the warehouse linked differently from the truth."""
    crosswalk = project.query("select source_system, source_person_id, person_id from linkage.person_crosswalk")
    ids_of_true: dict[str, set[str]] = defaultdict(set)
    true_of_id: dict[str, set[str]] = defaultdict(set)
    for system, source_id, person_id in crosswalk:
        true = truth.get((system, source_id))
        if true is None:
            continue
        ids_of_true[true].add(person_id)
        true_of_id[person_id].add(true)
    affected = set()
    for true, ids in ids_of_true.items():
        if len(ids) > 1 or any(len(true_of_id[i]) > 1 for i in ids):
            affected.add(true)
    return affected


def test_engine_agrees_with_the_independent_recomputation(warehouse: DbtProject) -> None:
    truth = _truth_map()
    today = date.today()
    extracts = rc.Extracts(REPO / "seeds" / "demo", REPO / "seeds" / "contracts", today)
    expected = rc.recompute(extracts, truth)
    assert len({metric for metric in rc.METRICS}) >= 3 and len(expected) >= 10

    [(as_of,)] = warehouse.query("select as_of_date from families.int_contract_measure_dates")
    assert as_of == rc.as_of_date(extracts)

    affected = _linkage_affected(warehouse, truth)
    columns = ", ".join(STATUS_COLUMNS)
    actual = {
        (row[0], row[1]): row[2:]
        for row in warehouse.query_marts(
            f"select contract_id, outcome_id, {columns}, amount_uncapped, price_per_outcome, baseline_rate "
            "from marts.fct_contract_payments"
        )
    }
    members = _family_members(extracts, truth)
    report = []
    for key, statuses in sorted(expected.items()):
        assert key in actual, key
        *got, amount, price, baseline = actual[key]
        want = rc.counts(statuses)
        units = {s.unit for s in statuses}
        tolerance = sum(1 for u in units if u in affected or members.get(u, set()) & affected)
        diffs = {c: got[i] - want[c] for i, c in enumerate(STATUS_COLUMNS)}
        report.append(f"{key}: tolerance {tolerance} diffs {diffs}")
        assert all(abs(d) <= tolerance for d in diffs.values()), "\n".join(report)
        measured = want["n_achieved"] + want["n_not_achieved"]
        want_amount = rc.payable(want["n_achieved"], measured, Decimal(baseline)) * Decimal(price)
        assert abs(Decimal(amount) - want_amount) <= tolerance * Decimal(price) * 2, "\n".join(report)
    print("\n".join(report))


def _family_members(extracts: rc.Extracts, truth: dict[tuple[str, str], str]) -> dict[str, set[str]]:
    members: dict[str, set[str]] = defaultdict(set)
    for row in extracts.table("fadss_enrollments"):
        person = truth.get(("fadss", row.get("participant_id") or ""))
        if person is not None and row.get("provider_id") and row.get("family_id"):
            members[f"{row['provider_id']}|{row['family_id']}"].add(person)
    return members


def test_month_arithmetic_of_the_recomputation() -> None:
    assert rc.add_months(date(2020, 1, 31), 1) == date(2020, 2, 29)
    assert rc.add_months(date(2020, 2, 29), 12) == date(2021, 2, 28)
    assert rc.quarter_end(rc.quarter_index(date(2020, 3, 31)) + 4) == date(2021, 3, 31)
    assert rc.payable(55, 100, Decimal("0.55")) == 0
    assert not rc.is_valid_ssn("123456789") and rc.is_valid_ssn("123-45-6780")


def test_recomputation_reads_exact_duplicates_once(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("a,b\n1, 2\n1,2\n3,NULL\n", encoding="utf-8")
    assert rc.read_extract(path) == [{"a": "1", "b": "2"}, {"a": "3", "b": None}]
