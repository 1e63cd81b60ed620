"""The web report's inputs, from one analyst package (never from the warehouse files).

``python -m ids.report prepare --license DUL-2026-REPORT --report-dir report`` takes the newest
package of the license (``make publish`` wrote it), copies its DuckDB file to
``report/sources/ids/ids.duckdb``, writes one Evidence source query per table of the package, and
renders ``report/pages_src/*.md`` into ``report/pages/``. A page section that needs a mart (and
columns) says so in a comment::

    <!-- requires rpt_provider_scorecard: contract_id, achieved_rate -->
    ... Evidence markdown ...
    <!-- end requires -->

A section whose mart or columns are not in the package is replaced by a visible notice, not left to
fail in the browser: the report is built from whatever marts the license grants. The list of
headline figures (every ``<BigValue title=...>`` of a kept section) and of the notices is written to
``report/.ids_report.json`` for the browser test.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import re
import shutil
from collections.abc import Sequence
from pathlib import Path

from ids.publish import validate_license_id

__all__ = ["Section", "parse_requires", "render_page", "headlines", "latest_package", "prepare",
           "main"]

SECTION = re.compile(
    r"<!--\s*requires\s+([a-z0-9_]+)\s*:?\s*([a-z0-9_,\s]*?)\s*-->(.*?)<!--\s*end requires\s*-->",
    re.S,
)
BIG_VALUE_TITLE = re.compile(r"<BigValue\b[^>]*?\btitle\s*=\s*[\"']([^\"']+)[\"']", re.S)


@dataclasses.dataclass(frozen=True)
class Section:
    """A requirement of one page section: a mart and the columns it reads."""

    mart: str
    columns: tuple[str, ...]

    def missing(self, tables: dict[str, set[str]]) -> list[str]:
        """What the package lacks for this section (the mart, or some of its columns)."""
        if self.mart not in tables:
            return [self.mart]
        return [f"{self.mart}.{c}" for c in self.columns if c not in tables[self.mart]]


def parse_requires(mart: str, columns: str) -> Section:
    return Section(mart, tuple(c for c in re.split(r"[\s,]+", columns) if c))


def render_page(source: str, tables: dict[str, set[str]], license_id: str
                ) -> tuple[str, list[str]]:
    """The page with unmet sections replaced by a notice, and the list of what was missing."""
    notices: list[str] = []

    def replace(match: re.Match[str]) -> str:
        section = parse_requires(match.group(1), match.group(2))
        missing = section.missing(tables)
        if not missing:
            return match.group(3)
        notices.append(", ".join(missing))
        return (
            f'\n<p class="ids-not-published" data-missing="{", ".join(missing)}">'
            f"Not in package {license_id}: {', '.join(missing)}. This section appears once the "
            "license grants that mart and it is built.</p>\n"
        )

    return SECTION.sub(replace, source), notices


def headlines(page: str) -> list[str]:
    """The titles of the headline figures (BigValue components) of a rendered page."""
    return BIG_VALUE_TITLE.findall(page)


def latest_package(packages_dir: Path, license_id: str) -> Path:
    """The newest package folder of a license (folders are named by as_of_date)."""
    folder = packages_dir / license_id
    dated = sorted(p for p in folder.glob("*") if p.is_dir() and (p / "manifest.json").exists())
    if not dated:
        raise SystemExit(f"No package of license {license_id} in {packages_dir}: "
                         f"run `make publish LICENSE={license_id}` first.")
    return dated[-1]


def prepare(license_id: str, report_dir: Path, packages_dir: Path) -> dict[str, object]:
    """Copy the package into the report, write its source queries, render its pages."""
    validate_license_id(license_id)
    package = latest_package(packages_dir, license_id)
    manifest = json.loads((package / "manifest.json").read_text(encoding="utf-8"))
    tables = {t["name"]: {c["name"] for c in t["columns"]} for t in manifest["tables"]}

    source_dir = report_dir / "sources" / "ids"
    source_dir.mkdir(parents=True, exist_ok=True)
    for stale in source_dir.glob("*.sql"):
        stale.unlink()
    shutil.copyfile(package / f"{license_id}.duckdb", source_dir / "ids.duckdb")
    for name in sorted(tables):
        (source_dir / f"{name}.sql").write_text(f"select * from main.{name}\n", encoding="utf-8")

    pages_dir = report_dir / "pages"
    if pages_dir.exists():
        shutil.rmtree(pages_dir)
    summary: dict[str, object] = {"license_id": license_id, "package": str(package),
                                  "as_of_date": manifest["as_of_date"], "pages": {}}
    for src in sorted((report_dir / "pages_src").glob("*.md")):
        text = src.read_text(encoding="utf-8").replace("{{as_of_date}}", manifest["as_of_date"])
        rendered, notices = render_page(text, tables, license_id)
        out = pages_dir / src.name
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(rendered, encoding="utf-8")
        route = "/" if src.stem == "index" else f"/{src.stem}"
        summary["pages"][route] = {"headlines": headlines(rendered), "not_published": notices}  # type: ignore[index]
    (report_dir / ".ids_report.json").write_text(json.dumps(summary, indent=2) + "\n",
                                                 encoding="utf-8")
    return summary


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ids.report")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("prepare", help="the report's data and pages from a license package")
    p.add_argument("--license", required=True)
    p.add_argument("--report-dir", type=Path, default=Path("report"))
    args = parser.parse_args(argv)
    packages = Path(os.environ.get("IDS_PACKAGES_DIR", "packages"))
    summary = prepare(args.license, args.report_dir, packages)
    for route, page in summary["pages"].items():  # type: ignore[union-attr]
        print(f"  {route}: {len(page['headlines'])} headline figure(s)"
              + (f", not published: {'; '.join(page['not_published'])}"
                 if page["not_published"] else ""))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
