"""Shared fixtures: run dbt in folder mode against a scratch DuckDB file and a scratch target dir."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from ids.contract import EXTRACTS, EXTRACTS_BY_NAME

REPO = Path(__file__).resolve().parents[2]
DBT = str(Path(sys.executable).with_name("dbt"))


@dataclass
class DbtProject:
    """A scratch warehouse for one test: its own DuckDB file, target and log folders."""

    workdir: Path

    def __post_init__(self) -> None:
        self.workdir.mkdir(parents=True, exist_ok=True)

    @property
    def db_path(self) -> Path:
        return self.workdir / "ids.duckdb"

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
        return subprocess.run(
            [DBT, *args], cwd=REPO, env=self.env(threads), capture_output=True, text=True, timeout=900
        )

    def load_and_build(
        self, folder: Path, select: str = "staging", threads: int = 2
    ) -> subprocess.CompletedProcess[str]:
        """Seed the configuration seeds, load a folder of extracts, build the selection."""
        seeded = self.dbt("seed", "--exclude", "tag:demo_extract")
        assert seeded.returncode == 0, seeded.stdout
        loaded = self.dbt("run-operation", "load_extracts", "--args", f"{{path: '{folder}'}}")
        if loaded.returncode != 0:
            return loaded
        return self.dbt("build", "--select", *select.split(), threads=threads)

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
