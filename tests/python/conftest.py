"""Shared fixtures: run dbt in folder mode against a scratch DuckDB file and a scratch target dir.

dbt runs inside the test process (dbtRunner), and every invocation of one pytest process reuses one
parsed manifest: a `dbt` subprocess spends ~10 s importing dbt and ~25 s parsing the project (a
fresh target dir per test defeats partial parsing), which was most of the suite's wall time. The
manifest does not depend on the scratch file: every DbtProject's restricted file is named
`ids.duckdb` (dbt-duckdb names the database after the file), so its nodes are the same for every
test; profile, vars, threads and the environment are read afresh by each invocation. Set
IDS_TEST_DBT_SUBPROCESS=1 to run every invocation as a `dbt` subprocess instead, as before.
"""

from __future__ import annotations

import csv
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pytest

from ids.contract import EXTRACTS, EXTRACTS_BY_NAME

REPO = Path(__file__).resolve().parents[2]
DBT = str(Path(sys.executable).with_name("dbt"))
IN_PROCESS = os.environ.get("IDS_TEST_DBT_SUBPROCESS", "") in ("", "0")
#: The restricted file's name for every scratch warehouse (the manifest's database is its stem).
DB_NAME = "ids.duckdb"

#: What every folder-mode build of these tests leaves out: dbt unit tests mock their inputs, so they
#: pass or fail alike on any extracts a test loads; `make test` runs every one of them in its full
#: build (test-dbt), and they were a quarter of the time of a staging + linkage + families build.
NOT_BUILT = "resource_type:unit_test"

_manifest: Any = None


def _invoke(args: list[str], env: dict[str, str]) -> tuple[bool, str, BaseException | None, Any]:
    """One dbt invocation in this process with `env` as the whole environment and the repo as cwd.

    Returns success, the text a terminal would show (every event of level info, warn or error, one
    per line), the exception if dbt raised one, and the result.
    """
    from dbt.adapters.duckdb import environments
    from dbt.adapters.duckdb.connections import DuckDBConnectionManager
    from dbt.cli.main import dbtRunner

    lines: list[str] = []
    opened: list[Any] = []  # every DuckDB environment and cursor the invocation opens
    create = environments.create

    def create_and_track(creds: Any) -> Any:
        env = create(creds)
        opened.append(env)
        handle = env.handle

        def handle_and_track() -> Any:
            wrapper = handle()
            opened.append(wrapper.cursor())
            return wrapper

        env.handle = handle_and_track
        return env

    def collect(event: Any) -> None:
        if event.info.level != "debug":
            lines.append(event.info.msg)

    saved_env, saved_cwd = dict(os.environ), os.getcwd()
    os.environ.clear()
    os.environ.update(env)
    os.chdir(REPO)
    environments.create = create_and_track
    try:
        result = dbtRunner(manifest=_manifest, callbacks=[collect]).invoke(list(args))
    finally:
        environments.create = create
        os.environ.clear()
        os.environ.update(saved_env)
        os.chdir(saved_cwd)
        # A dbt process would exit here: close its DuckDB files, so a test can open them read-only.
        # The next invocation opens its own environment and warns afresh, as a new process would.
        DuckDBConnectionManager._ENV = None
        DuckDBConnectionManager._LOGGED_MESSAGES.clear()
        for resource in reversed(opened):
            resource.close()
    if result.exception is not None:
        lines.append(str(result.exception))
    return result.success, "\n".join(lines) + "\n", result.exception, result.result


def _shared_manifest(env: dict[str, str]) -> Any:
    """Parse the project once per process (into a scratch target dir) and keep the manifest."""
    global _manifest
    if _manifest is None:
        scratch = Path(tempfile.mkdtemp(prefix="ids_manifest_"))
        parse_env = {**env, "IDS_DUCKDB_PATH": str(scratch / DB_NAME), "DBT_TARGET_PATH": str(scratch / "target"),
                     "DBT_LOG_PATH": str(scratch / "logs")}
        ok, out, exc, manifest = _invoke(["parse", "--quiet"], parse_env)
        assert ok and manifest is not None, out[-3000:]
        _manifest = manifest
    return _manifest


#: Modules whose tests build warehouses, slowest first. pytest runs them before the others, so that
#: under `make test` (two workers, `--dist loadgroup`: each worker takes the next test when it is
#: free) the long builds start early and spread over both workers instead of ending on one.
SLOW_FIRST = ("test_linkage_identity.py", "test_family_identity.py", "test_purge.py", "test_damage.py",
              "test_bad_input.py", "test_pii_scan.py", "test_contracts_as_data.py", "test_contract_recompute.py")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    rank = {name: i for i, name in enumerate(SLOW_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(SLOW_FIRST)))  # stable: same order within


@dataclass
class DbtProject:
    """A scratch warehouse for one test: its own DuckDB file, target and log folders."""

    workdir: Path

    def __post_init__(self) -> None:
        self.workdir.mkdir(parents=True, exist_ok=True)

    @property
    def db_path(self) -> Path:
        return self.workdir / DB_NAME

    def env(self, threads: int = 2) -> dict[str, str]:
        env = dict(os.environ)
        env.update(
            IDS_THREADS=str(threads),
            DBT_PROFILES_DIR=str(REPO),
            IDS_DUCKDB_PATH=str(self.db_path),
            DBT_TARGET_PATH=str(self.workdir / "target"),
            DBT_LOG_PATH=str(self.workdir / "logs"),
            DBT_SEND_ANONYMOUS_USAGE_STATS="false",
        )
        return env

    def dbt(self, *args: str, threads: int = 2) -> subprocess.CompletedProcess[str]:
        """Run dbt on this warehouse: returncode 0 (success), 1 (a node or operation failed) or 2
        (dbt raised), and the terminal's text as stdout."""
        if not IN_PROCESS:
            return subprocess.run(
                [DBT, *args], cwd=REPO, env=self.env(threads), capture_output=True, text=True, timeout=900
            )
        env = self.env(threads)
        _shared_manifest(env)
        ok, out, exc, _ = _invoke(list(args), env)
        return subprocess.CompletedProcess([DBT, *args], 0 if ok else (2 if exc else 1), out, "")

    def load_and_build(
        self, folder: Path, select: str = "staging", threads: int = 2
    ) -> subprocess.CompletedProcess[str]:
        """Seed the configuration seeds, load a folder of extracts, build the selection."""
        seeded = self.dbt("seed", "--exclude", "tag:demo_extract")
        assert seeded.returncode == 0, seeded.stdout
        loaded = self.dbt("run-operation", "load_extracts", "--args", f"{{path: '{folder}'}}")
        if loaded.returncode != 0:
            return loaded
        return self.dbt("build", "--select", *select.split(), "--exclude", NOT_BUILT, threads=threads)

    def query(self, sql: str) -> list[tuple]:
        with duckdb.connect(str(self.db_path), read_only=True) as con:
            return con.sql(sql).fetchall()

    @property
    def marts_db_path(self) -> Path:
        """The de-identified marts' own file (profiles.yml attaches it as ids_marts)."""
        return self.workdir / "ids_marts.duckdb"

    def query_marts(self, sql: str) -> list[tuple]:
        """Query the marts file alone (``select * from marts.<mart>``), as a BI tool would."""
        with duckdb.connect(str(self.marts_db_path), read_only=True) as con:
            return con.sql(sql).fetchall()


@pytest.fixture
def dbt_project(tmp_path: Path) -> DbtProject:
    return DbtProject(tmp_path)


def write_extract(folder: Path, name: str, rows: list[dict[str, str]] | None = None,
                  columns: tuple[str, ...] | None = None) -> Path:
    """Write one extract file as a partner would: header, then rows (missing keys are empty)."""
    extract = EXTRACTS_BY_NAME[name]
    cols = columns or extract.columns
    path = folder / f"{name}.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh, delimiter=extract.delimiter)
        writer.writerow(cols)
        for row in rows or []:
            writer.writerow([row.get(c, "") for c in cols])
    return path


@pytest.fixture
def header_only_folder(tmp_path: Path) -> Path:
    """A folder in which every partner sent a header-only file."""
    folder = tmp_path / "extracts"
    folder.mkdir()
    for extract in EXTRACTS:
        write_extract(folder, extract.name)
    return folder
