"""Analyst packages (src/ids/publish.py) on a small warehouse made here: two DuckDB files and a
manifest that mirror what dbt writes, so no dbt build is needed."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
from pathlib import Path

import duckdb
import pytest

from ids import keys, publish
from ids.publish import License, Paths, PublishError

AS_OF = dt.date(2026, 12, 1)
SALT = "test-salt"


def _model(name: str, group: str, access: str, schema: str, columns: list[str],
           database: str = "ids_marts") -> dict:
    return {
        "resource_type": "model",
        "name": name,
        "group": group,
        "access": access,
        "database": database,
        "schema": schema,
        "alias": name,
        "description": f"The {name} model.",
        "columns": {c: {"name": c, "description": f"{c} described"} for c in columns},
        "config": {"contract": {"enforced": group == "marts"}},
    }


def _person_key(person_id: int) -> str:
    return keys.hmac_key(f"person:{person_id}", SALT)


@pytest.fixture
def warehouse(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Paths:
    """A restricted file (licenses, identities, person index) and a marts file (three marts)."""
    monkeypatch.setenv("IDS_KEY_SALT", SALT)
    restricted = tmp_path / "wh.duckdb"
    marts = tmp_path / "wh_marts.duckdb"
    with duckdb.connect(str(restricted)) as con:
        con.execute("create schema config; create schema linkage")
        con.execute(
            """
            create table config.data_use_licenses as select * from (values
              ('LIC-CURRENT', 'A lab', 'research', 'group:marts', date '2026-01-01',
               date '2027-01-01'),
              ('LIC-AGG', 'Report', 'report', 'agg_* rpt_* fct_none_*', date '2026-01-01',
               date '2027-01-01'),
              ('LIC-EXPIRED', 'An auditor', 'audit', 'rpt_quality', date '2025-01-01',
               date '2025-12-31'),
              ('LIC-BAD-GRANT', 'Someone', 'x', 'rpt_quality person_crosswalk',
               date '2026-01-01', date '2027-01-01')
            ) as t(license_id, licensee, purpose, granted_marts, issued_on, expires_on)
            """
        )
        con.execute(
            """
            create table linkage.int_person_identities as select * from (values
              ('DHS:A00001', 'DHS', 'A00001', 'Maria', 'Elena', 'Gonzalez', date '1988-04-02',
               '123456789'),
              ('DOE:S77777', 'DOE', 'S77777', 'Jayden', null, 'Gonzalez', date '2015-09-30', null)
            ) as t(record_key, source_system, source_person_id, first_name_raw, middle_name_raw,
                   last_name_raw, dob, ssn)
            """
        )
        con.execute(
            "create table linkage.person_index as select * from (values "
            "(1, date '1988-04-02'), (2, date '2015-09-30')) as t(person_id, dob)"
        )
        con.execute("create table linkage.person_crosswalk as select 1 as person_id")
    with duckdb.connect(str(marts)) as con:
        con.execute("create schema marts")
        con.execute(
            f"""
            create table marts.dim_people as select * from (values
              ('{_person_key(1)}', 1988, 'F'), ('{_person_key(2)}', 2015, 'M')
            ) as t(person_key, birth_year, sex)
            """
        )
        con.execute(
            "create table marts.agg_counts as select * from (values "
            "('DHS', 40::bigint, 0::bigint, false), ('DOE', null::bigint, 12::bigint, true)) "
            "as t(agency, n_persons, n_families, is_suppressed)"
        )
        con.execute(
            "create table marts.rpt_quality as select * from (values "
            "('DHS', 'reconciled', 1200::bigint, 0.99)) as t(agency, check_id, n_rows, pass_rate)"
        )
    manifest = {
        "nodes": {
            "model.ids.dim_people": _model("dim_people", "marts", "public", "marts",
                                           ["person_key", "birth_year", "sex"]),
            "model.ids.agg_counts": _model("agg_counts", "marts", "public", "marts",
                                           ["agency", "n_persons", "n_families", "is_suppressed"]),
            "model.ids.rpt_quality": _model("rpt_quality", "marts", "public", "marts",
                                            ["agency", "check_id", "n_rows", "pass_rate"]),
            "model.ids.person_crosswalk": _model("person_crosswalk", "restricted", "protected",
                                                 "linkage", ["person_id"], database="wh"),
            "seed.ids.data_use_licenses": {"resource_type": "seed", "name": "data_use_licenses"},
        }
    }
    (tmp_path / "target").mkdir()
    (tmp_path / "target" / "manifest.json").write_text(json.dumps(manifest))
    return Paths(restricted, marts, tmp_path / "target" / "manifest.json", tmp_path / "packages")


def _nothing_written(paths: Paths) -> bool:
    return not paths.packages_dir.exists() or not any(
        p for p in paths.packages_dir.rglob("*") if p.is_file()
    )


# --- pure functions ---------------------------------------------------------------------------


@pytest.mark.parametrize("bad", ["", "x", "LIC'; drop table x; --", "a b", "../etc", "LIC\"1",
                                 "a" * 65, "LIC-1;", "-LIC"])
def test_malformed_license_ids_are_refused(bad: str) -> None:
    with pytest.raises(PublishError, match="Not a license id"):
        publish.validate_license_id(bad)


def test_grants_parse_on_spaces_commas_and_semicolons() -> None:
    assert publish.parse_grants("agg_* rpt_x;group:marts, dim_y") == (
        "agg_*", "rpt_x", "group:marts", "dim_y")
    with pytest.raises(PublishError, match="Malformed"):
        publish.parse_grants("rpt_x marts.person_crosswalk")


def test_license_in_force_window() -> None:
    lic = License("L1", "x", "y", ("rpt_a",), dt.date(2026, 1, 1), dt.date(2026, 6, 30))
    publish.check_license_in_force(lic, dt.date(2026, 6, 30))
    with pytest.raises(PublishError, match="expired on 2026-06-30"):
        publish.check_license_in_force(lic, dt.date(2026, 7, 1))
    with pytest.raises(PublishError, match="not in force before"):
        publish.check_license_in_force(lic, dt.date(2025, 12, 31))


def test_license_salt_differs_per_license_and_hides_the_base_salt() -> None:
    a, b = publish.license_salt(SALT, "LIC-A"), publish.license_salt(SALT, "LIC-B")
    assert a != b and SALT not in a
    assert a == publish.license_salt(SALT, "LIC-A")


def test_count_and_identifier_column_names() -> None:
    assert publish.is_count_column("n_persons", "BIGINT")
    assert publish.is_count_column("family_count", "INTEGER")
    assert not publish.is_count_column("n_persons", "DOUBLE")
    assert not publish.is_count_column("year", "INTEGER")
    assert publish.identifier_column_names(
        ["person_key", "ssn", "first_name", "dob", "birth_year", "agency", "source_person_id",
         "contract_name", "family_key", "home_address"]
    ) == ["ssn", "first_name", "dob", "source_person_id", "home_address"]


def test_restricted_and_unknown_grants_are_refused(warehouse: Paths) -> None:
    models = publish.marts_from_manifest(json.loads(warehouse.manifest.read_text()))
    assert publish.resolve_grants(["agg_*", "nomatch_*"], models) == (
        ["agg_counts"], ["grant 'nomatch_*' matches no mart in this build"])
    with pytest.raises(PublishError, match="restricted model"):
        publish.resolve_grants(["person_crosswalk"], models)
    with pytest.raises(PublishError, match="matches restricted"):
        publish.resolve_grants(["person_*"], models)
    with pytest.raises(PublishError, match="names no model"):
        publish.resolve_grants(["dim_nothing"], models)
    with pytest.raises(PublishError, match="group"):
        publish.resolve_grants(["group:restricted"], models)


# --- publishing -------------------------------------------------------------------------------


def test_package_has_db_parquet_dictionary_manifest_and_register(warehouse: Paths) -> None:
    out = publish.publish("LIC-CURRENT", warehouse, AS_OF)
    assert out == warehouse.packages_dir / "LIC-CURRENT" / "2026-12-01"
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["license"]["license_id"] == "LIC-CURRENT"
    assert manifest["as_of_date"] == "2026-12-01"
    assert {t["name"]: t["rows"] for t in manifest["tables"]} == {
        "agg_counts": 2, "dim_people": 2, "rpt_quality": 1}
    paths = {f["path"] for f in manifest["files"]}
    assert paths == {"LIC-CURRENT.duckdb", "data_dictionary.md", "parquet/agg_counts.parquet",
                     "parquet/dim_people.parquet", "parquet/rpt_quality.parquet"}
    for f in manifest["files"]:
        assert hashlib.sha256((out / f["path"]).read_bytes()).hexdigest() == f["sha256"]
    dictionary = (out / "data_dictionary.md").read_text()
    assert "## dim_people" in dictionary and "person_key described" in dictionary
    register = publish.read_register(warehouse.packages_dir)
    assert [r["license_id"] for r in register] == ["LIC-CURRENT"]
    assert register[0]["files"] == manifest["files"]
    assert publish.check_package(out, warehouse) == []
    assert SALT not in (out / "manifest.json").read_text()


def test_keys_are_resalted_per_license(warehouse: Paths) -> None:
    a = publish.publish("LIC-CURRENT", warehouse, AS_OF)
    with duckdb.connect(str(warehouse.marts_db), read_only=True) as con:
        mart_keys = {r[0] for r in con.sql("select person_key from marts.dim_people").fetchall()}
    with duckdb.connect(str(a / "LIC-CURRENT.duckdb"), read_only=True) as con:
        pkg_keys = {r[0] for r in con.sql("select person_key from dim_people").fetchall()}
        parquet_keys = {
            r[0] for r in con.sql(
                f"select person_key from '{a / 'parquet' / 'dim_people.parquet'}'").fetchall()
        }
    salt = publish.license_salt(SALT, "LIC-CURRENT")
    expected = {hmac.new(salt.encode(), k.encode(), hashlib.sha256).hexdigest() for k in mart_keys}
    assert pkg_keys == expected == parquet_keys
    assert not pkg_keys & mart_keys
    # a second licensee's keys for the same people share nothing with the first's
    other = {hmac.new(publish.license_salt(SALT, "LIC-OTHER").encode(), k.encode(),
                      hashlib.sha256).hexdigest() for k in mart_keys}
    assert not other & pkg_keys


def test_patterns_grant_only_public_marts(warehouse: Paths) -> None:
    out = publish.publish("LIC-AGG", warehouse, AS_OF)
    manifest = json.loads((out / "manifest.json").read_text())
    assert [t["name"] for t in manifest["tables"]] == ["agg_counts", "rpt_quality"]
    assert manifest["notes"] == ["grant 'fct_none_*' matches no mart in this build"]


@pytest.mark.parametrize(
    ("license_id", "message"),
    [
        ("LIC-UNKNOWN", "Unknown license 'LIC-UNKNOWN'"),
        ("LIC-EXPIRED", "expired on 2025-12-31"),
        ("LIC-BAD-GRANT", "names a restricted model"),
        ("LIC' or 1=1 --", "Not a license id"),
    ],
)
def test_refusals_write_nothing(warehouse: Paths, license_id: str, message: str) -> None:
    with pytest.raises(PublishError, match=message):
        publish.publish(license_id, warehouse, AS_OF)
    assert _nothing_written(warehouse)


def test_cli_refusal_is_a_clear_message_and_exit_2(
    warehouse: Paths, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("IDS_DUCKDB_PATH", str(warehouse.restricted_db))
    monkeypatch.setenv("DBT_TARGET_PATH", str(warehouse.manifest.parent))
    monkeypatch.setenv("IDS_PACKAGES_DIR", str(warehouse.packages_dir))
    monkeypatch.setenv("IDS_AS_OF_DATE", AS_OF.isoformat())
    assert publish.main(["publish", "LIC-EXPIRED"]) == 2
    assert "expired on 2025-12-31" in capsys.readouterr().err
    assert _nothing_written(warehouse)
    assert publish.main(["publish", "LIC-CURRENT"]) == 0
    assert "Package written" in capsys.readouterr().out


def test_small_cells_stop_the_package(warehouse: Paths) -> None:
    with duckdb.connect(str(warehouse.marts_db)) as con:
        con.execute("update marts.agg_counts set n_families = 3 where agency = 'DHS'")
    with pytest.raises(PublishError, match=r"agg_counts.n_families: 1 row\(s\) with a count"):
        publish.publish("LIC-CURRENT", warehouse, AS_OF)
    assert _nothing_written(warehouse)


@pytest.mark.parametrize(
    ("sql", "finding"),
    [
        ("alter table marts.rpt_quality add column note varchar default '123-45-6789'",
         "SSN-like"),
        ("alter table marts.rpt_quality add column who varchar default 'Maria Gonzalez'",
         "full name"),
        ("alter table marts.rpt_quality add column src varchar default 's77777'",
         "source person id"),
        ("alter table marts.rpt_quality add column d varchar default '04/02/1988'",
         "date of birth"),
        ("alter table marts.rpt_quality add column ssn varchar default 'x'",
         "column name says"),
        ("update marts.rpt_quality set check_id = 'Jayden'; "
         "insert into marts.rpt_quality values ('DOE', 'Elena', 500, 1.0)",
         "distinct first or last names"),
        ("alter table marts.dim_people add column born date; "
         f"update marts.dim_people set born = date '1988-04-02' "
         f"where person_key = '{_person_key(1)}'; "
         f"update marts.dim_people set born = date '2015-09-30' "
         f"where person_key = '{_person_key(2)}'",
         "equals the person's date of birth"),
    ],
)
def test_identifier_scan_finds_planted_values(warehouse: Paths, sql: str, finding: str) -> None:
    with duckdb.connect(str(warehouse.marts_db)) as con:
        con.execute(sql)
    manifest = json.loads(warehouse.manifest.read_text())
    for node in manifest["nodes"].values():
        if node["resource_type"] == "model":
            node["columns"] = {}
    warehouse.manifest.write_text(json.dumps(manifest))
    with pytest.raises(PublishError, match=finding):
        publish.publish("LIC-CURRENT", warehouse, AS_OF)
    assert _nothing_written(warehouse)


def test_recall_lists_packages_of_expired_licenses(warehouse: Paths) -> None:
    publish.publish("LIC-CURRENT", warehouse, AS_OF)
    with duckdb.connect(str(warehouse.restricted_db), read_only=True) as con:
        licenses = publish.all_licenses(con, "wh")
    register = publish.read_register(warehouse.packages_dir)
    assert publish.recall_list(register, licenses, AS_OF) == []
    recalled = publish.recall_list(register, licenses, dt.date(2027, 1, 2))
    assert [r["license_id"] for r in recalled] == ["LIC-CURRENT"]
    assert recalled[0]["reason"] == "license expired"


def test_marts_file_derives_from_the_restricted_path(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("IDS_MARTS_DUCKDB_PATH", raising=False)
    monkeypatch.setenv("IDS_DUCKDB_PATH", "/w/test.duckdb")
    assert Paths.from_env().marts_db == Path("/w/test_marts.duckdb")
    monkeypatch.setenv("IDS_MARTS_DUCKDB_PATH", "/elsewhere/m.duckdb")
    assert Paths.from_env().marts_db == Path("/elsewhere/m.duckdb")


def test_contracting_office_marts_only_by_name() -> None:
    def mart(name: str, in_bulk: bool = True) -> publish.Mart:
        return publish.Mart(name=name, group="marts", access="public", database="ids_marts",
                            schema="marts", alias=name, description="", columns={},
                            contract_enforced=True, in_bulk_grants=in_bulk)

    models = {m.name: m for m in (mart("agg_a"), mart("fct_contract_payments", in_bulk=False),
                                  mart("rpt_provider_scorecard"))}
    assert publish.resolve_grants(["group:marts"], models)[0] == ["agg_a", "rpt_provider_scorecard"]
    assert publish.resolve_grants(["fct_contract_*", "agg_*"], models)[0] == ["agg_a"]
    assert publish.resolve_grants(["fct_contract_payments"], models)[0] == ["fct_contract_payments"]
