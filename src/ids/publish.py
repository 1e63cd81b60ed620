"""Analyst packages: one per data-use license, from the de-identified marts file only.

``make publish LICENSE=<id>`` (``python -m ids.publish publish <id>``) reads the license from the
seed ``config.data_use_licenses``, resolves its grants against the dbt manifest (only public models
of the ``marts`` group can be granted), and writes ``<packages>/<license_id>/<as_of_date>/``:

* ``<license_id>.duckdb``: one table per granted mart, keys re-salted for this license;
* ``parquet/<mart>.parquet``: the same tables as Parquet;
* ``data_dictionary.md``: each table's and column's description from the dbt docs, with types;
* ``manifest.json``: license, as_of_date, row counts, columns and SHA-256 of every file.

Keys are re-salted per license (``HMAC(license salt, key)``, the license salt being
``HMAC(IDS_KEY_SALT, "license:" + license_id)``, never written anywhere), so two licensees cannot
join their packages on ``person_key``. Before a package is moved into place it is scanned
(identifier-like column names; SSN-like strings, names, DOBs and source ids taken from the
extracts) and every count column of its ``agg_``/``rpt_`` tables is checked against the small-cell
threshold; any finding, an unknown or expired license, or a grant naming a restricted model stops
with a message and writes nothing. ``release_register.jsonl`` records every package; ``recall``
lists the packages of expired licenses.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import fnmatch
import hashlib
import hmac
import json
import os
import re
import shutil
import sys
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import duckdb

from ids import keys

__all__ = [
    "License",
    "Mart",
    "PublishError",
    "validate_license_id",
    "parse_grants",
    "check_license_in_force",
    "marts_from_manifest",
    "resolve_grants",
    "license_salt",
    "is_key_column",
    "is_count_column",
    "identifier_column_names",
    "small_cell_findings",
    "scan_findings",
    "publish",
    "recall_list",
    "main",
]

#: A license id names a folder and is spliced into nothing: letters, digits, ``-`` and ``_`` only.
LICENSE_ID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{1,63}")

#: A mart name or grant pattern (``agg_*``) as it may appear in ``granted_marts``.
GRANT_PATTERN = re.compile(r"(group:[a-z0-9_]+|[a-z0-9_*?]+)")

#: The dbt group whose public models may be published.
PUBLISHED_GROUP = "marts"

#: Column names that say "identifier": such a column is never published, whatever it holds.
IDENTIFIER_NAME = re.compile(
    r"(^|_)(ssn|social_security|first_name|last_name|middle_name|full_name|given_name|surname"
    r"|maiden_name|person_name|dob|date_of_birth|birth_date|birthdate|address|street|phone|email"
    r"|person_id|family_id|source_person_id|record_key|medicaid_id|student_id|client_id"
    r"|case_id|diagnosis|diagnosis_code|icd10?|free_text|notes?|comments?)($|_)"
)

#: A count column of a published aggregate: ``n_*``, ``*_count``, ``count_*`` (the marts' convention).
COUNT_NAME = re.compile(r"^(n|num|count)_|_count$|^n$")

#: A string that looks like an SSN (nine digits, dashes optional).
SSN_LIKE = r"^[0-9]{3}-?[0-9]{2}-?[0-9]{4}$"

#: Shortest name or source id the value scan compares (shorter ones are codes, not identifiers).
MIN_IDENTIFIER_LENGTH = 3
MIN_SOURCE_ID_LENGTH = 5

#: Share of a table's rows whose date equals the person's DOB above which the column is a DOB.
DOB_ROW_SHARE = 0.5

INTEGER_TYPES = ("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT",
                 "UINTEGER", "UBIGINT", "UHUGEINT")


class PublishError(Exception):
    """A publication refused: the message says why; nothing has been written."""


@dataclasses.dataclass(frozen=True)
class License:
    """One row of the data_use_licenses seed."""

    license_id: str
    licensee: str
    purpose: str
    grants: tuple[str, ...]
    issued_on: dt.date
    expires_on: dt.date

    def as_dict(self) -> dict[str, Any]:
        return {
            "license_id": self.license_id,
            "licensee": self.licensee,
            "purpose": self.purpose,
            "granted_marts": list(self.grants),
            "issued_on": self.issued_on.isoformat(),
            "expires_on": self.expires_on.isoformat(),
        }


@dataclasses.dataclass(frozen=True)
class Mart:
    """A dbt model as the manifest describes it (name, governance, relation, docs)."""

    name: str
    group: str | None
    access: str
    database: str
    schema: str
    alias: str
    description: str
    columns: dict[str, str]
    contract_enforced: bool
    #: False for marts a license must name one by one (``meta: {analyst_package: false}``: the
    #: contracting office's payments and person-level outcome facts); no pattern or group grants them.
    in_bulk_grants: bool = True
    #: True for marts whose counts are rows of partner extracts, not persons or families
    #: (``meta: {small_cells: extract_rows}``: the data-quality scorecard); no small-cell rule applies.
    counts_extract_rows: bool = False

    @property
    def publishable(self) -> bool:
        return self.group == PUBLISHED_GROUP and self.access == "public"


# --------------------------------------------------------------------------------------------
# licenses and grants (pure)


def validate_license_id(license_id: str) -> str:
    """The id unchanged when it is a well-formed license id; PublishError otherwise."""
    if not isinstance(license_id, str) or not LICENSE_ID_PATTERN.fullmatch(license_id):
        raise PublishError(
            f"Not a license id: {license_id!r}. A license id is 2-64 letters, digits, '-' or '_' "
            "(see seeds/governance/data_use_licenses.csv)."
        )
    return license_id


def parse_grants(text: str | None) -> tuple[str, ...]:
    """The grants of ``granted_marts``: separated by spaces, commas or semicolons, order kept."""
    grants = tuple(g for g in re.split(r"[\s,;]+", (text or "").strip()) if g)
    bad = [g for g in grants if not GRANT_PATTERN.fullmatch(g)]
    if bad:
        raise PublishError(f"Malformed grant(s) in granted_marts: {', '.join(map(repr, bad))}.")
    if not grants:
        raise PublishError("The license grants no mart (granted_marts is empty).")
    return grants


def check_license_in_force(lic: License, as_of: dt.date) -> None:
    """PublishError unless ``as_of`` lies within the license's issued_on..expires_on."""
    if as_of > lic.expires_on:
        raise PublishError(
            f"License {lic.license_id} ({lic.licensee}) expired on {lic.expires_on.isoformat()}: "
            "no package is written, and its earlier packages are listed by `make recall`."
        )
    if as_of < lic.issued_on:
        raise PublishError(
            f"License {lic.license_id} is not in force before {lic.issued_on.isoformat()}."
        )


def marts_from_manifest(manifest: dict[str, Any]) -> dict[str, Mart]:
    """Every model of the project by name, with its group, access, relation and descriptions."""
    models: dict[str, Mart] = {}
    for node in manifest.get("nodes", {}).values():
        if node.get("resource_type") != "model":
            continue
        config = node.get("config", {})
        models[node["name"]] = Mart(
            name=node["name"],
            group=node.get("group") or config.get("group"),
            access=str(node.get("access") or config.get("access") or "protected"),
            database=node.get("database") or "",
            schema=node.get("schema") or "",
            alias=node.get("alias") or node["name"],
            description=" ".join((node.get("description") or "").split()),
            columns={
                name: " ".join((col.get("description") or "").split())
                for name, col in node.get("columns", {}).items()
            },
            contract_enforced=bool((config.get("contract") or {}).get("enforced")),
            in_bulk_grants=(config.get("meta") or node.get("meta") or {}).get("analyst_package", True)
            is not False,
            counts_extract_rows=(config.get("meta") or node.get("meta") or {}).get("small_cells")
            == "extract_rows",
        )
    return models


def resolve_grants(grants: Sequence[str], models: dict[str, Mart]) -> tuple[list[str], list[str]]:
    """The marts a license grants (sorted) and notes on patterns that matched none.

    A name must be a model and publishable; a pattern or ``group:marts`` selects publishable
    models only, but a pattern that would also select a restricted model is refused (the grant
    is then ambiguous about what was meant).
    """
    publishable = sorted(name for name, m in models.items() if m.publishable)
    selected: set[str] = set()
    notes: list[str] = []
    for grant in grants:
        if grant.startswith("group:"):
            group = grant.split(":", 1)[1]
            if group != PUBLISHED_GROUP:
                raise PublishError(
                    f"Grant {grant!r} names the {group!r} group: only the {PUBLISHED_GROUP!r} "
                    "group's public models can be published."
                )
            selected.update(n for n in publishable if models[n].in_bulk_grants)
        elif any(ch in grant for ch in "*?"):
            matched = fnmatch.filter(sorted(models), grant)
            restricted = [n for n in matched if not models[n].publishable]
            if restricted:
                raise PublishError(
                    f"Grant {grant!r} matches restricted model(s) {', '.join(restricted)}: "
                    "only public marts can be granted."
                )
            if not matched:
                notes.append(f"grant {grant!r} matches no mart in this build")
            selected.update(n for n in matched if models[n].in_bulk_grants)
        elif grant not in models:
            raise PublishError(f"Grant {grant!r} names no model of this project.")
        elif not models[grant].publishable:
            m = models[grant]
            raise PublishError(
                f"Grant {grant!r} names a restricted model (group {m.group}, access {m.access}, "
                f"schema {m.schema}): only public models of the {PUBLISHED_GROUP!r} group can "
                "be published."
            )
        else:
            selected.add(grant)
    if not selected:
        raise PublishError("The license's grants select no mart in this build.")
    return sorted(selected), notes


def license_salt(base_salt: str, license_id: str) -> str:
    """The per-license salt: HMAC(IDS_KEY_SALT, "license:" + id). Derived, never stored."""
    return hmac.new(
        base_salt.encode("utf-8"), f"license:{license_id}".encode(), hashlib.sha256
    ).hexdigest()


def is_key_column(name: str) -> bool:
    """A de-identified key (``person_key``, ``family_key``, ``parent_person_key``) to re-salt."""
    return name.endswith("_key")


def is_count_column(name: str, data_type: str) -> bool:
    """An integer column named as a count (``n_*``, ``*_count``): subject to small-cell rules."""
    return data_type.upper() in INTEGER_TYPES and bool(COUNT_NAME.search(name))


def identifier_column_names(columns: Iterable[str]) -> list[str]:
    """The column names that say "direct identifier" (never publishable, whatever the values)."""
    return [c for c in columns if IDENTIFIER_NAME.search(c.lower())]


# --------------------------------------------------------------------------------------------
# checks over a package's DuckDB file


def _tables(con: duckdb.DuckDBPyConnection, catalog: str) -> dict[str, list[tuple[str, str]]]:
    rows = con.execute(
        "select table_name, column_name, data_type from information_schema.columns "
        "where table_catalog = ? and table_schema = 'main' order by table_name, ordinal_position",
        [catalog],
    ).fetchall()
    tables: dict[str, list[tuple[str, str]]] = {}
    for table, column, data_type in rows:
        tables.setdefault(table, []).append((column, data_type))
    return tables


def _q(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def _lit(path: Path | str) -> str:
    """A file path as a SQL string literal."""
    return "'" + str(path).replace("'", "''") + "'"


def small_cell_findings(
    con: duckdb.DuckDBPyConnection, catalog: str, min_cell_size: int,
    extract_row_tables: Iterable[str] = (),
) -> list[str]:
    """Every count column of every agg_/rpt_ table holding a value in 1..min_cell_size-1.

    ``extract_row_tables`` count rows of partner extracts, not persons, and are not checked.
    """
    findings = []
    exempt = set(extract_row_tables)
    for table, columns in _tables(con, catalog).items():
        if not table.startswith(("agg_", "rpt_")) or table in exempt:
            continue
        for column, data_type in columns:
            if not is_count_column(column, data_type):
                continue
            n = con.execute(
                f"select count(*) from {_q(catalog)}.main.{_q(table)} "
                f"where {_q(column)} between 1 and ?",
                [min_cell_size - 1],
            ).fetchone()[0]
            if n:
                findings.append(
                    f"{table}.{column}: {n} row(s) with a count between 1 and {min_cell_size - 1}"
                )
    return findings


def scan_findings(con: duckdb.DuckDBPyConnection, catalog: str) -> list[str]:
    """Identifier findings in every column of the package attached as ``catalog``.

    Expects temp tables prepared by :func:`load_identifier_sets`: ``ids_names`` (first and last
    names), ``ids_full_names``, ``ids_source_ids``, ``ids_dob_strings`` and ``ids_dob_by_key``
    (this package's person_key and the person's DOB). Findings: a column named like an
    identifier; a string column holding an SSN-like value, a full name, source ids or DOB
    strings, or two or more distinct first/last names; a date column equal to the person's DOB
    in more than half of a table's rows.
    """
    findings = []
    for table, columns in _tables(con, catalog).items():
        rel = f"{_q(catalog)}.main.{_q(table)}"
        for column in identifier_column_names(c for c, _ in columns):
            findings.append(f"{table}.{column}: column name says it is a direct identifier")
        names = {c for c, _ in columns}
        for column, data_type in columns:
            col = _q(column)
            if data_type.upper() == "VARCHAR":
                ssn, full, sources, dobs, single = con.execute(
                    f"""
                    with v as (select distinct upper(trim({col})) as v from {rel}
                               where {col} is not null)
                    select
                        count(*) filter (where regexp_full_match(v, '{SSN_LIKE}')),
                        count(*) filter (where v in (select value from ids_full_names)),
                        count(*) filter (where v in (select value from ids_source_ids)),
                        count(*) filter (where v in (select value from ids_dob_strings)),
                        count(*) filter (where v in (select value from ids_names))
                    from v
                    """
                ).fetchone()
                for n, what in ((ssn, "SSN-like value"), (full, "full name"),
                                (sources, "source person id"), (dobs, "date of birth")):
                    if n:
                        findings.append(f"{table}.{column}: {n} distinct {what}(s)")
                if single >= 2:
                    findings.append(f"{table}.{column}: {single} distinct first or last names")
            elif data_type.upper() in ("DATE", "TIMESTAMP") and "person_key" in names:
                share = con.execute(
                    f"""
                    select avg(case when d.dob = cast(t.{col} as date) then 1.0 else 0.0 end)
                    from {rel} as t inner join ids_dob_by_key as d on t.person_key = d.person_key
                    where t.{col} is not null
                    """
                ).fetchone()[0]
                if share is not None and share > DOB_ROW_SHARE:
                    findings.append(
                        f"{table}.{column}: equals the person's date of birth in "
                        f"{share:.0%} of rows"
                    )
    return findings


def load_identifier_sets(
    con: duckdb.DuckDBPyConnection, restricted_catalog: str, salt: str
) -> None:
    """Temp tables of the identifiers taken from the extracts (restricted zone) for the scan.

    Names, DOBs, SSNs and source ids come from ``linkage.int_person_identities`` (one row per
    source person id of every extract, raw names as sent); DOBs by package person_key from
    ``linkage.person_index`` and the mart key recomputed under the license salt.
    """
    r = _q(restricted_catalog)
    con.execute(
        f"""
        create or replace temp table ids_names as
        select distinct upper(trim(n)) as value
        from {r}.linkage.int_person_identities,
             unnest([first_name_raw, last_name_raw, middle_name_raw]) as u(n)
        where length(trim(n)) >= {MIN_IDENTIFIER_LENGTH}
        """
    )
    con.execute(
        f"""
        create or replace temp table ids_full_names as
        select distinct upper(trim(first_name_raw) || ' ' || trim(last_name_raw)) as value
        from {r}.linkage.int_person_identities
        where first_name_raw is not null and last_name_raw is not null
        union
        select distinct upper(trim(last_name_raw) || ', ' || trim(first_name_raw))
        from {r}.linkage.int_person_identities
        where first_name_raw is not null and last_name_raw is not null
        """
    )
    con.execute(
        f"""
        create or replace temp table ids_source_ids as
        select distinct upper(trim(source_person_id)) as value
        from {r}.linkage.int_person_identities
        where length(trim(source_person_id)) >= {MIN_SOURCE_ID_LENGTH}
        union
        select distinct ssn from {r}.linkage.int_person_identities where ssn is not null
        """
    )
    con.execute(
        f"""
        create or replace temp table ids_dob_strings as
        with dobs as (
            select distinct dob from {r}.linkage.int_person_identities where dob is not null
        )
        select strftime(dob, '%Y-%m-%d') as value from dobs
        union select strftime(dob, '%m/%d/%Y') from dobs
        union select strftime(dob, '%Y%m%d') from dobs
        """
    )
    base = keys.current_salt()
    con.create_function(
        "ids_scan_person_key",
        lambda pid: hmac.new(
            salt.encode(), keys.hmac_key(f"person:{pid}", base).encode(), hashlib.sha256
        ).hexdigest(),
        [duckdb.sqltype("VARCHAR")],
        duckdb.sqltype("VARCHAR"),
        side_effects=False,
    )
    con.execute(
        f"""
        create or replace temp table ids_dob_by_key as
        select ids_scan_person_key(cast(person_id as varchar)) as person_key, dob
        from {r}.linkage.person_index where dob is not null
        """
    )


# --------------------------------------------------------------------------------------------
# writing a package


def marts_db_path(restricted: Path) -> Path:
    """The de-identified marts file beside a restricted warehouse file, as profiles.yml derives it:
    ``IDS_MARTS_DUCKDB_PATH`` when set, else ``x.duckdb`` -> ``x_marts.duckdb``."""
    if os.environ.get("IDS_MARTS_DUCKDB_PATH"):
        return Path(os.environ["IDS_MARTS_DUCKDB_PATH"])
    if restricted.name.endswith(".duckdb"):
        return restricted.with_name(restricted.name[: -len(".duckdb")] + "_marts.duckdb")
    return restricted.with_name(restricted.name + "_marts.duckdb")


@dataclasses.dataclass(frozen=True)
class Paths:
    """Where publish reads and writes."""

    restricted_db: Path
    marts_db: Path
    manifest: Path
    packages_dir: Path

    @classmethod
    def from_env(cls) -> Paths:
        restricted = Path(os.environ.get("IDS_DUCKDB_PATH", "warehouse/ids.duckdb"))
        return cls(
            restricted_db=restricted,
            marts_db=marts_db_path(restricted),
            manifest=Path(os.environ.get("DBT_TARGET_PATH", "target")) / "manifest.json",
            packages_dir=Path(os.environ.get("IDS_PACKAGES_DIR", "packages")),
        )


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def read_license(con: duckdb.DuckDBPyConnection, catalog: str, license_id: str) -> License:
    """The license row (the id is bound as a parameter, never spliced into SQL)."""
    try:
        row = con.execute(
            f"select license_id, licensee, purpose, granted_marts, issued_on, expires_on "
            f"from {_q(catalog)}.config.data_use_licenses where license_id = ?",
            [license_id],
        ).fetchone()
    except duckdb.CatalogException as exc:
        raise PublishError(
            "config.data_use_licenses is missing: run `dbt seed` (make build) first."
        ) from exc
    if row is None:
        raise PublishError(
            f"Unknown license {license_id!r}: not in config.data_use_licenses "
            "(seeds/governance/data_use_licenses.csv)."
        )
    return License(row[0], row[1], row[2], parse_grants(row[3]), row[4], row[5])


def all_licenses(con: duckdb.DuckDBPyConnection, catalog: str) -> dict[str, License]:
    rows = con.execute(
        f"select license_id, licensee, purpose, granted_marts, issued_on, expires_on "
        f"from {_q(catalog)}.config.data_use_licenses"
    ).fetchall()
    return {
        r[0]: License(r[0], r[1], r[2], tuple(re.split(r"[\s,;]+", r[3] or "")), r[4], r[5])
        for r in rows
    }


def _dictionary(lic: License, as_of: dt.date, tables: list[dict[str, Any]]) -> str:
    lines = [
        f"# Data dictionary: package {lic.license_id} ({as_of.isoformat()})",
        "",
        f"Licensee: {lic.licensee}. Purpose: {lic.purpose}. License in force "
        f"{lic.issued_on.isoformat()} to {lic.expires_on.isoformat()}.",
        "",
        "Generated from the dbt docs (target/manifest.json). Every `*_key` column is re-salted for",
        "this license: it joins the tables of this package and no other package.",
        "",
    ]
    for t in tables:
        lines += [f"## {t['name']}", "", t["description"] or "(no description)", "",
                  f"Rows: {t['rows']}", "", "| column | type | description |", "|---|---|---|"]
        for c in t["columns"]:
            desc = c["description"].replace("|", "\\|")
            lines.append(f"| `{c['name']}` | {c['type']} | {desc} |")
        lines.append("")
    return "\n".join(lines)


def publish(
    license_id: str,
    paths: Paths,
    as_of: dt.date,
    min_cell_size: int = 11,
    base_salt: str | None = None,
) -> Path:
    """Write the license's package and register it; returns the package folder.

    Every check (license id, license in force, grants, marts built, scan, small cells) runs
    before the package is moved into place; on any failure the temporary folder is removed and
    PublishError says why.
    """
    validate_license_id(license_id)
    if not paths.manifest.exists():
        raise PublishError(f"{paths.manifest} not found: run `dbt parse` or `dbt build` first.")
    for db in (paths.restricted_db, paths.marts_db):
        if not db.exists():
            raise PublishError(f"Warehouse file {db} not found: run `make build` first.")
    models = marts_from_manifest(json.loads(paths.manifest.read_text(encoding="utf-8")))

    con = duckdb.connect()
    con.execute(f"attach {_lit(paths.restricted_db)} as restricted (read_only)")
    con.execute(f"attach {_lit(paths.marts_db)} as ids_marts (read_only)")
    lic = read_license(con, "restricted", license_id)
    check_license_in_force(lic, as_of)
    marts, notes = resolve_grants(lic.grants, models)
    built = {
        r[0]
        for r in con.execute(
            "select table_name from information_schema.tables "
            "where table_catalog = 'ids_marts' and table_type = 'BASE TABLE'"
        ).fetchall()
    }
    missing = [models[m].alias for m in marts if models[m].alias not in built]
    if missing:
        raise PublishError(
            f"Granted mart(s) not built as tables in {paths.marts_db}: {', '.join(missing)}. "
            "Run `make build` first."
        )

    salt = license_salt(base_salt if base_salt is not None else keys.current_salt(), license_id)
    con.create_function(
        "ids_license_key",
        lambda v: hmac.new(salt.encode(), v.encode(), hashlib.sha256).hexdigest(),
        [duckdb.sqltype("VARCHAR")],
        duckdb.sqltype("VARCHAR"),
        side_effects=False,
    )

    paths.packages_dir.mkdir(parents=True, exist_ok=True)
    final_dir = paths.packages_dir / license_id / as_of.isoformat()
    tmp_dir = Path(tempfile.mkdtemp(prefix=f".{license_id}-", dir=paths.packages_dir))
    try:
        db_file = tmp_dir / f"{license_id}.duckdb"
        (tmp_dir / "parquet").mkdir()
        # Readable by every DuckDB since 1.0 (the report bundles its own DuckDB version).
        con.execute(f"attach {_lit(db_file)} as pkg (storage_version 'v1.0.0')")
        tables = []
        for name in marts:
            mart = models[name]
            cols = con.execute(
                "select column_name, data_type from information_schema.columns "
                "where table_catalog = 'ids_marts' and table_schema = ? and table_name = ? "
                "order by ordinal_position",
                [mart.schema, mart.alias],
            ).fetchall()
            select = ", ".join(
                f"ids_license_key({_q(c)}) as {_q(c)}"
                if is_key_column(c) and t.upper() == "VARCHAR"
                else _q(c)
                for c, t in cols
            )
            con.execute(
                f"create table pkg.main.{_q(name)} as select {select} "
                f"from ids_marts.{_q(mart.schema)}.{_q(mart.alias)} order by all"
            )
            con.execute(
                f"copy pkg.main.{_q(name)} to {_lit(tmp_dir / 'parquet' / (name + '.parquet'))} "
                "(format parquet)"
            )
            rows = con.execute(f"select count(*) from pkg.main.{_q(name)}").fetchone()[0]
            tables.append({
                "name": name,
                "description": mart.description,
                "rows": rows,
                "contract_enforced": mart.contract_enforced,
                "counts_extract_rows": mart.counts_extract_rows,
                "columns": [
                    {"name": c, "type": t, "description": mart.columns.get(c, ""),
                     "resalted": is_key_column(c) and t.upper() == "VARCHAR"}
                    for c, t in cols
                ],
            })

        load_identifier_sets(con, "restricted", salt)
        findings = scan_findings(con, "pkg") + small_cell_findings(
            con, "pkg", min_cell_size, [t["name"] for t in tables if t["counts_extract_rows"]]
        )
        con.execute("detach pkg")
        if findings:
            raise PublishError(
                "The package failed its disclosure checks, nothing was published:\n  - "
                + "\n  - ".join(findings)
            )

        (tmp_dir / "data_dictionary.md").write_text(_dictionary(lic, as_of, tables),
                                                    encoding="utf-8")
        files = sorted(p for p in tmp_dir.rglob("*") if p.is_file())
        manifest = {
            "license": lic.as_dict(),
            "as_of_date": as_of.isoformat(),
            "min_cell_size": min_cell_size,
            "key_salting": "HMAC-SHA256 per license; the salt is not in the package",
            "notes": notes,
            "tables": tables,
            "files": [
                {"path": str(p.relative_to(tmp_dir)), "bytes": p.stat().st_size,
                 "sha256": _sha256(p)}
                for p in files
            ],
        }
        (tmp_dir / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n",
                                               encoding="utf-8")
        if final_dir.exists():
            shutil.rmtree(final_dir)
        final_dir.parent.mkdir(parents=True, exist_ok=True)
        tmp_dir.rename(final_dir)
    except BaseException:
        shutil.rmtree(tmp_dir, ignore_errors=True)
        raise
    finally:
        con.close()

    entry = {
        "license_id": lic.license_id,
        "licensee": lic.licensee,
        "expires_on": lic.expires_on.isoformat(),
        "as_of_date": as_of.isoformat(),
        "published_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "package": str(final_dir),
        "files": manifest["files"],
    }
    with (paths.packages_dir / "release_register.jsonl").open("a", encoding="utf-8") as fh:
        fh.write(json.dumps(entry) + "\n")
    return final_dir


def read_register(packages_dir: Path) -> list[dict[str, Any]]:
    path = packages_dir / "release_register.jsonl"
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def recall_list(
    register: list[dict[str, Any]], licenses: dict[str, License], as_of: dt.date
) -> list[dict[str, Any]]:
    """Register entries whose license has expired by ``as_of`` (or no longer exists)."""
    out = []
    for entry in register:
        lic = licenses.get(entry["license_id"])
        expires = lic.expires_on if lic else None
        if expires is None or as_of > expires:
            out.append({**entry, "reason": "license expired" if lic else "license withdrawn"})
    return out


def check_package(package_dir: Path, paths: Paths, min_cell_size: int = 11) -> list[str]:
    """Re-run the disclosure checks on a written package, and verify its checksums."""
    manifest = json.loads((package_dir / "manifest.json").read_text(encoding="utf-8"))
    lic_id = validate_license_id(manifest["license"]["license_id"])
    findings = [
        f"{f['path']}: checksum mismatch"
        for f in manifest["files"]
        if _sha256(package_dir / f["path"]) != f["sha256"]
    ]
    con = duckdb.connect()
    try:
        con.execute(f"attach {_lit(paths.restricted_db)} as restricted (read_only)")
        con.execute(f"attach {_lit(package_dir / (lic_id + '.duckdb'))} as pkg (read_only)")
        load_identifier_sets(con, "restricted", license_salt(keys.current_salt(), lic_id))
        findings += scan_findings(con, "pkg") + small_cell_findings(
            con, "pkg", min_cell_size,
            [t["name"] for t in manifest["tables"] if t.get("counts_extract_rows")],
        )
    finally:
        con.close()
    return findings


# --------------------------------------------------------------------------------------------
# CLI


def _as_of() -> dt.date:
    value = os.environ.get("IDS_AS_OF_DATE")
    return dt.date.fromisoformat(value) if value else dt.date.today()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ids.publish", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("publish", help="write the analyst package of one license")
    p.add_argument("license_id")
    p.add_argument("--min-cell-size", type=int, default=11)
    c = sub.add_parser("check", help="re-run the disclosure checks on a written package")
    c.add_argument("package_dir", type=Path)
    c.add_argument("--min-cell-size", type=int, default=11)
    sub.add_parser("recall", help="list the packages of expired licenses")
    args = parser.parse_args(argv)
    paths = Paths.from_env()
    try:
        if args.command == "publish":
            out = publish(args.license_id, paths, _as_of(), args.min_cell_size)
            manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
            print(f"Package written: {out}")
            for t in manifest["tables"]:
                print(f"  {t['name']}: {t['rows']} rows")
            for note in manifest["notes"]:
                print(f"  note: {note}")
        elif args.command == "check":
            findings = check_package(args.package_dir, paths, args.min_cell_size)
            if findings:
                print("Disclosure check FAILED:\n  - " + "\n  - ".join(findings), file=sys.stderr)
                return 1
            print(f"Disclosure check passed: {args.package_dir}")
        else:
            con = duckdb.connect(str(paths.restricted_db), read_only=True)
            try:
                catalog = con.execute("select current_database()").fetchone()[0]
                licenses = all_licenses(con, catalog)
            finally:
                con.close()
            recalls = recall_list(read_register(paths.packages_dir), licenses, _as_of())
            if not recalls:
                print("No package of an expired license is on the register.")
            for r in recalls:
                print(f"RECALL {r['package']} ({r['licensee']}, {r['reason']} "
                      f"{r['expires_on']}, published {r['published_at']})")
    except PublishError as exc:
        print(f"publish: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
