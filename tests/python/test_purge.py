"""Purge: a partner whose agreement ended, and people who opted out, leave no trace (folder mode).

One small warehouse (a sample of the demo extracts, staging and linkage) is built, then
`ids_purge` removes DCF as a partner and one DHS client by opt-out list, the warehouse is rebuilt,
and every text column of every table is scanned for the purged ids. A later load of the same files
does not bring them back. The builds leave out the dbt unit tests (conftest.NOT_BUILT: they mock
their inputs, and test-dbt runs them all).
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import duckdb

from conftest import NOT_BUILT, REPO, DbtProject

from ids.contract import EXTRACTS

SAMPLE_ROWS = 200


def sample_folder(folder: Path) -> None:
    folder.mkdir()
    for extract in EXTRACTS:
        lines = (REPO / "seeds" / "demo" / f"{extract.name}.csv").read_text(encoding="utf-8").splitlines()
        (folder / f"{extract.name}.csv").write_text("\n".join(lines[: SAMPLE_ROWS + 1]) + "\n", encoding="utf-8")


def text_values_everywhere(project: DbtProject) -> set[str]:
    """Every distinct text value of every table and view, except the purge's own records."""
    values: set[str] = set()
    with duckdb.connect(str(project.db_path), read_only=True) as con:
        columns = con.sql(
            "select table_schema, table_name, column_name from information_schema.columns "
            "where data_type = 'VARCHAR' and table_schema not in ('information_schema', 'pg_catalog') "
            "and table_name not in ('ids_purge_log', 'ids_purge_actions')"
        ).fetchall()
        for schema, table, column in columns:
            rows = con.sql(f'select distinct "{column}" from "{schema}"."{table}"').fetchall()
            values.update(r[0] for r in rows if r[0] is not None)
    return values


def test_purge_partner_and_optout_leave_nothing(dbt_project: DbtProject, tmp_path: Path) -> None:
    folder = tmp_path / "extracts"
    sample_folder(folder)
    built = dbt_project.load_and_build(folder, select="staging linkage")
    assert built.returncode == 0, built.stdout[-4000:]

    dcf_ids = {r[0] for r in dbt_project.query(
        "select dcf_person_id from raw.dcf_persons union select dcf_person_id from raw.dcf_reports "
        "union select dcf_person_id from raw.dcf_removals") if r[0]}
    client = dbt_project.query("select min(client_id) from raw.dhs_case_members")[0][0]
    assert dcf_ids and client
    optout = tmp_path / "optout.csv"
    with optout.open("w", newline="") as fh:
        csv.writer(fh).writerows([["source_system", "source_person_id"], ["dhs", f" {client} "]])

    purged = dbt_project.dbt("run-operation", "ids_purge", "--args",
                             f"{{partner: dcf, optout_file: '{optout}'}}")
    assert purged.returncode == 0, purged.stdout[-3000:]
    rebuilt = dbt_project.dbt("build", "--select", "staging", "linkage", "--exclude", NOT_BUILT)
    assert rebuilt.returncode == 0, rebuilt.stdout[-4000:]
    checked = dbt_project.dbt("run-operation", "ids_assert_purged")
    assert checked.returncode == 0, checked.stdout[-3000:]

    values = text_values_everywhere(dbt_project)
    purged_ids = re.compile("|".join(re.escape(i) for i in sorted(dcf_ids | {client})))
    assert not [v for v in values if purged_ids.search(v)][:5]  # not even inside a key or a raw row
    assert not any(v.startswith("dcf:") for v in values)
    assert dbt_project.query("select count(*) from staging.stg_dhs__case_members")[0][0] > 0
    assert dbt_project.query(
        "select scope, agency, source_person_id from config.ids_purge_log order by scope"
    ) == [("partner", "dcf", None), ("source_id", "dhs", client)]
    assert dbt_project.query(
        "select count(*) from config.ids_purge_actions where table_name = 'linkage.person_registry'"
    )[0][0] == 1
    assert not list(tmp_path.glob("ids_normalized_*"))

    # The partner sends its files again: the purge list keeps them out.
    reloaded = dbt_project.dbt("run-operation", "load_extracts", "--args", f"{{path: '{folder}'}}")
    assert reloaded.returncode == 0, reloaded.stdout[-3000:]
    assert dbt_project.query("select count(*) from raw.dcf_persons") == [(0,)]
    assert dbt_project.query(
        f"select count(*) from raw.dhs_case_members where trim(client_id) = '{client}'") == [(0,)]
