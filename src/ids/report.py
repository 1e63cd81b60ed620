"""The web report: a static site built from one analyst package (never from the warehouse files).

``python -m ids.report build --license DUL-2026-REPORT --out report/build`` takes the newest
package of the license (``make publish`` wrote it), opens its DuckDB file read-only, and writes one
HTML page per entry of :data:`PAGES` (overview, two-generation outcomes, contract scorecards and
payments, data quality by agency, linkage quality). Every figure is computed here, at build time:
the pages hold no data beyond what they show, need no JavaScript and no server, and any static
server (``python -m http.server -d report/build``) serves them.

A section names the mart and columns it reads. A section whose mart the package lacks (the license
does not grant it, or it is not built yet) shows a visible notice instead; a section whose mart is
there without the columns it reads (the mart's interface changed), or whose query fails, shows an
error banner (``role="alert"``), and the build and the browser test fail. The
headline figures of each page and its notices go to ``.ids_report.json`` beside the site for the
browser test (report/tests/browse.mjs).

Why not Evidence: Evidence 40 reads its sources through DuckDB-WASM 1.30+, whose Parquet support is
a loadable extension fetched from the DuckDB extension CDN at build time and again in every
reader's browser; without that network (CI, an agency's locked-down intranet) ``evidence sources``
hangs and the pages cannot load their data.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import html
import json
import os
import shutil
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb

from ids.publish import validate_license_id

__all__ = ["Headline", "Bars", "Table", "Section", "Page", "PAGES", "format_value",
           "latest_package", "render_site", "main"]

DASH = "\u2014"


@dataclasses.dataclass(frozen=True)
class Headline:
    """One big figure: the first column of the first row of ``sql``."""

    label: str
    sql: str
    fmt: str = "num"


@dataclasses.dataclass(frozen=True)
class Bars:
    """A horizontal bar chart (inline SVG, with the same figures as a table for screen readers)."""

    caption: str
    sql: str
    label: str
    value: str
    fmt: str = "num"


@dataclasses.dataclass(frozen=True)
class Table:
    """A table of ``sql``; ``columns`` (name, title, format) or every column of the query."""

    caption: str
    sql: str
    columns: tuple[tuple[str, str, str], ...] | None = None


@dataclasses.dataclass(frozen=True)
class Section:
    title: str
    mart: str
    columns: tuple[str, ...]
    intro: str = ""
    items: tuple[Headline | Bars | Table, ...] = ()

    def missing(self, tables: dict[str, set[str]]) -> list[str]:
        """What the package lacks for this section (the mart, or some of its columns)."""
        if self.mart not in tables:
            return [self.mart]
        return [f"{self.mart}.{c}" for c in self.columns if c not in tables[self.mart]]


@dataclasses.dataclass(frozen=True)
class Page:
    slug: str
    title: str
    intro: str
    sections: tuple[Section, ...]

    @property
    def filename(self) -> str:
        return f"{self.slug}.html"


PAGES: tuple[Page, ...] = (
    Page(
        "index", "Overview",
        "Persons and families seen by the state's agencies, linked across their records and "
        "de-identified: no names, SSNs, dates of birth or source ids; keys re-salted for this "
        "package; every count of 1 to 10 suppressed (shown as a dash).",
        (
            Section(
                "The person index", "rpt_linkage_quality", ("quality_item", "n_persons",
                                                           "n_records", "pair_f1"),
                "Each person has one de-identified key however many agencies know them.",
                (
                    Headline("Persons in the index", "select n_persons from rpt_linkage_quality "
                             "where quality_item = 'pairwise_all'"),
                    Headline("Agency records linked", "select n_records from rpt_linkage_quality "
                             "where quality_item = 'pairwise_all'"),
                    Headline("Linkage F1", "select pair_f1 from rpt_linkage_quality "
                             "where quality_item = 'pairwise_all'", "pct1"),
                ),
            ),
            Section(
                "Persons by agency", "agg_agency_overlap",
                ("calendar_year", "agency", "other_agency", "n_persons", "n_persons_also_known"),
                "Persons known to each agency in the latest year, and how many of them each other "
                "agency also knew that year.",
                (
                    Headline("Agencies", "select count(distinct agency) from agg_agency_overlap"),
                    Bars("Persons known to each agency (latest year)",
                         "select agency, max(n_persons) as n_persons from agg_agency_overlap "
                         "where calendar_year = (select max(calendar_year) from agg_agency_overlap) group by agency order by agency",
                         "agency", "n_persons"),
                    Table("Agency overlap (latest year): persons also known to the other agency",
                          "select agency, other_agency, n_persons_also_known from agg_agency_overlap "
                          "where calendar_year = (select max(calendar_year) from agg_agency_overlap) order by agency, other_agency",
                          (("agency", "Agency", "text"), ("other_agency", "Also known to", "text"),
                           ("n_persons_also_known", "Persons", "num"))),
                ),
            ),
            Section(
                "Families by agency", "agg_agency_overlap",
                ("calendar_year", "agency", "n_families"),
                "",
                (
                    Bars("Families known to each agency (latest year)",
                         "select agency, max(n_families) as n_families from agg_agency_overlap "
                         "where calendar_year = (select max(calendar_year) from agg_agency_overlap) group by agency order by agency",
                         "agency", "n_families"),
                ),
            ),
        ),
    ),
    Page(
        "two-generation", "Two-generation outcomes",
        "Parents' outcomes beside their children's, one row per family and year.",
        (
            Section(
                "Families followed", "fct_family_year",
                ("family_key", "calendar_year", "n_parents", "parent_employed_quarters",
                 "n_children_with_attendance", "n_children_chronically_absent"),
                "Years with fewer than 11 families are left out (small cells).",
                (
                    Headline("Families followed",
                             "select count(distinct family_key) from fct_family_year"),
                    Bars("Families followed each year",
                         "select cast(calendar_year as varchar) as year, "
                         "count(distinct family_key) as n from fct_family_year "
                         "group by calendar_year having count(distinct family_key) >= 11 "
                         "order by calendar_year", "year", "n"),
                    Bars("Children chronically absent, of those with attendance, by year",
                         "select cast(calendar_year as varchar) as year, "
                         "sum(n_children_chronically_absent) / sum(n_children_with_attendance) as share "
                         "from fct_family_year group by calendar_year "
                         "having sum(n_children_with_attendance) >= 11 "
                         "and sum(n_children_chronically_absent) >= 11 "
                         "order by calendar_year", "year", "share", "pct1"),
                ),
            ),
        ),
    ),
    Page(
        "contracts", "Contract scorecards and payments",
        "For each outcomes contract and outcome: the cohort, how many achieved the outcome, the "
        "achieved rate against its baseline, and what was paid. Rates and amounts of suppressed "
        "cells are suppressed too.",
        (
            Section(
                "Scorecards", "rpt_provider_scorecard",
                ("contract_id", "outcome_id", "n_cohort", "n_achieved", "achieved_rate",
                 "baseline_rate", "amount_paid", "is_suppressed"),
                "",
                (
                    Headline("Contracts",
                             "select count(distinct contract_id) from rpt_provider_scorecard"),
                    Headline("Paid on the outcomes shown",
                             "select coalesce(sum(amount_paid), 0) from rpt_provider_scorecard", "usd"),
                    Headline("Outcomes with suppressed figures",
                             "select count(*) filter (where is_suppressed) from rpt_provider_scorecard"),
                    Table("Scorecard per contract and outcome",
                          "select contract_id, outcome_id, n_cohort, n_achieved, achieved_rate, "
                          "baseline_rate, amount_paid from rpt_provider_scorecard "
                          "order by contract_id, outcome_id",
                          (("contract_id", "Contract", "text"), ("outcome_id", "Outcome", "text"),
                           ("n_cohort", "Cohort", "num"), ("n_achieved", "Achieved", "num"),
                           ("achieved_rate", "Achieved rate", "pct1"),
                           ("baseline_rate", "Baseline", "pct1"),
                           ("amount_paid", "Paid", "usd"))),
                ),
            ),
        ),
    ),
    Page(
        "data-quality", "Data quality by agency",
        "What each agency's extracts passed and failed: one row per agency, extract and check.",
        (
            Section(
                "Checks by agency", "rpt_data_quality", ("agency",), "",
                (
                    Headline("Agencies reporting",
                             "select count(distinct agency) from rpt_data_quality"),
                    Headline("Checks", "select count(*) from rpt_data_quality"),
                    Table("Every check", "select * from rpt_data_quality order by all"),
                ),
            ),
        ),
    ),
    Page(
        "linkage", "Linkage quality",
        "How well the person index links one person's records across agencies, measured against "
        "the truth map of the synthetic demo (on real partner data there is no truth map and "
        "these figures are empty).",
        (
            Section(
                "Pairwise precision and recall", "rpt_linkage_quality",
                ("quality_item", "section", "scope", "pair_precision", "pair_recall", "pair_f1",
                 "n_linked_pairs", "n_false_positive_pairs", "n_false_negative_pairs"),
                "A pair is two records; linked pairs that are one true person are true links. "
                "cross_source: two agencies' records of one person; within_source: one agency's "
                "duplicate registrations.",
                (
                    Headline("Pairwise F1", "select pair_f1 from rpt_linkage_quality "
                             "where quality_item = 'pairwise_all'", "pct2"),
                    Headline("Precision", "select pair_precision from rpt_linkage_quality "
                             "where quality_item = 'pairwise_all'", "pct2"),
                    Headline("Recall", "select pair_recall from rpt_linkage_quality "
                             "where quality_item = 'pairwise_all'", "pct2"),
                    Table("Record pairs by scope",
                          "select scope, n_linked_pairs, n_false_positive_pairs, "
                          "n_false_negative_pairs, pair_precision, pair_recall, pair_f1 "
                          "from rpt_linkage_quality where section = 'pairwise' order by scope",
                          (("scope", "Scope", "text"), ("n_linked_pairs", "Linked pairs", "num"),
                           ("n_false_positive_pairs", "False links", "num"),
                           ("n_false_negative_pairs", "Missed links", "num"),
                           ("pair_precision", "Precision", "pct2"),
                           ("pair_recall", "Recall", "pct2"), ("pair_f1", "F1", "pct2"))),
                ),
            ),
            Section(
                "False merges by hazard", "rpt_linkage_quality",
                ("quality_item", "section", "scope", "n_merged_true_person_pairs"),
                "Pairs of different people put under one person: twins must never be (the build "
                "fails); same-family merges (a child with a parent's SSN, a junior and his senior) "
                "and strangers are counted.",
                (
                    Headline("Twins merged", "select coalesce(n_merged_true_person_pairs, 0) "
                             "from rpt_linkage_quality where quality_item = 'false_merges_twins'"),
                    Table("Merged pairs of different people",
                          "select scope, n_merged_true_person_pairs, is_suppressed "
                          "from rpt_linkage_quality where section = 'false_merges' order by scope",
                          (("scope", "Hazard", "text"),
                           ("n_merged_true_person_pairs", "Merged pairs", "num"),
                           ("is_suppressed", "Suppressed (1 to 10)", "text"))),
                ),
            ),
        ),
    ),
)

CSS = """
:root { --ink: #1a1a1a; --muted: #4a4a4a; --accent: #0b5394; --bar: #2b6cb0; --line: #c8c8c8; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
       color: var(--ink); background: #fff; }
.skip { position: absolute; left: -999px; }
.skip:focus { left: 1rem; top: 1rem; background: #fff; padding: .5rem; }
header { background: #0b3d6e; color: #fff; padding: .75rem 1.5rem; }
header .brand { font-weight: 700; margin-right: 2rem; }
nav ul { list-style: none; display: inline-flex; flex-wrap: wrap; gap: 1.25rem; margin: 0; padding: 0; }
nav a { color: #fff; }
nav a[aria-current="page"] { font-weight: 700; text-decoration-thickness: 3px; }
main { max-width: 72rem; margin: 0 auto; padding: 1.5rem; }
.meta { color: var(--muted); }
section { margin: 2rem 0; }
.headlines { display: flex; flex-wrap: wrap; gap: 1rem; margin: 1rem 0; }
.headline { border: 1px solid var(--line); border-radius: 6px; padding: .75rem 1rem; min-width: 12rem; }
.headline .label { color: var(--muted); font-size: .9rem; }
.headline .value { font-size: 1.9rem; font-weight: 700; color: var(--accent); }
table { border-collapse: collapse; margin: 1rem 0; min-width: 50%; }
caption { text-align: left; font-weight: 600; padding-bottom: .25rem; }
th, td { border-bottom: 1px solid var(--line); padding: .3rem .75rem; text-align: left; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
figure { margin: 1rem 0; }
figcaption { font-weight: 600; }
.notice { border-left: 4px solid #6b6b6b; background: #f3f3f3; padding: .5rem 1rem; }
.ids-error { border-left: 4px solid #a00; background: #fde8e8; padding: .5rem 1rem; }
footer { color: var(--muted); font-size: .85rem; padding: 1.5rem; border-top: 1px solid var(--line); }
"""


def format_value(value: Any, fmt: str) -> str:
    """A figure as the page shows it; null (suppressed or not available) is a dash."""
    if value is None:
        return DASH
    if isinstance(value, bool) or fmt == "text":
        return str(value).lower() if isinstance(value, bool) else str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    number = float(value) if isinstance(value, (int, float, Decimal)) else None
    if number is None:
        return str(value)
    if fmt == "pct1":
        return f"{number:.1%}"
    if fmt == "pct2":
        return f"{number:.2%}"
    if fmt == "usd":
        return f"${number:,.0f}"
    return f"{number:,.0f}" if float(number).is_integer() else f"{number:,.2f}"


def _e(text: Any) -> str:
    return html.escape(str(text), quote=True)


def _cell(value: Any, fmt: str) -> str:
    shown = format_value(value, fmt)
    numeric = isinstance(value, (int, float, Decimal)) and not isinstance(value, bool)
    title = ' title="suppressed or not available"' if value is None else ""
    css = ' class="n"' if numeric or value is None else ""
    return f"<td{css}{title}>{_e(shown)}</td>"


def _render_item(con: duckdb.DuckDBPyConnection, item: Headline | Bars | Table, uid: str
                 ) -> tuple[str, str | None]:
    """HTML of one item, and its headline label when it is a headline."""
    if isinstance(item, Headline):
        row = con.execute(item.sql).fetchone()
        value = format_value(row[0] if row else None, item.fmt)
        return (f'<div class="headline" data-headline="{_e(item.label)}">'
                f'<div class="label">{_e(item.label)}</div>'
                f'<div class="value">{_e(value)}</div></div>', item.label)
    rel = con.execute(item.sql)
    names = [d[0] for d in rel.description]
    rows = rel.fetchall()
    if isinstance(item, Bars):
        li, vi = names.index(item.label), names.index(item.value)
        values = [float(r[vi]) if r[vi] is not None else 0.0 for r in rows]
        top = max(values, default=0.0) or 1.0
        height = 26 * len(rows) + 10
        bars = []
        for i, row in enumerate(rows):
            width = 0 if row[vi] is None else max(2, int(460 * float(row[vi]) / top))
            y = 10 + 26 * i
            bars.append(
                f'<text x="150" y="{y + 15}" text-anchor="end" fill="#1a1a1a">{_e(row[li])}</text>'
                f'<rect x="160" y="{y}" width="{width}" height="20" fill="#2b6cb0"/>'
                f'<text x="{166 + width}" y="{y + 15}" fill="#1a1a1a">'
                f'{_e(format_value(row[vi], item.fmt))}</text>'
            )
        rows_html = "".join(
            f"<tr><th scope=\"row\">{_e(r[li])}</th>{_cell(r[vi], item.fmt)}</tr>" for r in rows
        )
        return (
            f'<figure aria-labelledby="{uid}"><figcaption id="{uid}">{_e(item.caption)}'
            f'</figcaption><svg role="img" aria-labelledby="{uid}" width="760" height="{height}" '
            f'viewBox="0 0 760 {height}">{"".join(bars)}</svg>'
            f'<details><summary>The figures as a table</summary><table><thead><tr>'
            f'<th scope="col">{_e(item.label)}</th><th scope="col">{_e(item.value)}</th></tr>'
            f"</thead><tbody>{rows_html}</tbody></table></details></figure>",
            None,
        )
    columns = item.columns or tuple((n, n, "num") for n in names)
    idx = [names.index(c) for c, _, _ in columns]
    head = "".join(f'<th scope="col">{_e(t)}</th>' for _, t, _ in columns)
    body = "".join(
        "<tr>" + "".join(_cell(r[i], f) for i, (_, _, f) in zip(idx, columns, strict=True))
        + "</tr>"
        for r in rows
    )
    return (f"<table><caption>{_e(item.caption)}</caption><thead><tr>{head}</tr></thead>"
            f"<tbody>{body}</tbody></table>", None)


def latest_package(packages_dir: Path, license_id: str) -> Path:
    """The newest package folder of a license (folders are named by as_of_date)."""
    validate_license_id(license_id)
    folder = packages_dir / license_id
    dated = sorted(p for p in folder.glob("*") if p.is_dir() and (p / "manifest.json").exists())
    if not dated:
        raise SystemExit(f"No package of license {license_id} in {packages_dir}: "
                         f"run `make publish LICENSE={license_id}` first.")
    return dated[-1]


def render_site(package: Path, out_dir: Path, pages: Sequence[Page] = PAGES) -> dict[str, Any]:
    """Write every page of the report from the package; returns what the browser test checks."""
    manifest = json.loads((package / "manifest.json").read_text(encoding="utf-8"))
    license_id = validate_license_id(manifest["license"]["license_id"])
    tables = {t["name"]: {c["name"] for c in t["columns"]} for t in manifest["tables"]}
    if out_dir.exists():
        shutil.rmtree(out_dir)
    out_dir.mkdir(parents=True)
    summary: dict[str, Any] = {"license_id": license_id, "package": str(package),
                               "as_of_date": manifest["as_of_date"],
                               "duckdb_version": duckdb.__version__, "pages": {}}
    nav = "".join(
        f'<li><a href="{p.filename}"{{current_{p.slug}}}>{_e(p.title)}</a></li>' for p in pages
    )
    con = duckdb.connect(str(package / f"{license_id}.duckdb"), read_only=True)
    try:
        for page in pages:
            heads: list[str] = []
            notices: list[str] = []
            errors: list[str] = []
            parts = []
            for s_i, section in enumerate(page.sections):
                sid = f"s{s_i}"
                parts.append(f'<section aria-labelledby="{sid}"><h2 id="{sid}">{_e(section.title)}'
                             "</h2>")
                if section.intro:
                    parts.append(f"<p>{_e(section.intro)}</p>")
                missing = section.missing(tables)
                if missing and section.mart in tables:
                    # The mart is granted and built but lacks columns: its interface drifted.
                    errors.append(f"{section.title}: {', '.join(missing)} not in the package")
                    parts.append(f'<div class="ids-error" role="alert">{_e(section.title)}: '
                                 f"{_e(', '.join(missing))} not in the package.</div>")
                elif missing:
                    notices.append(", ".join(missing))
                    parts.append(
                        f'<p class="notice" data-not-published="{_e(", ".join(missing))}">Not in '
                        f"package {_e(license_id)}: {_e(', '.join(missing))}. This section "
                        "appears once the license grants that mart and it is built.</p>"
                    )
                else:
                    headline_html = []
                    for i_i, item in enumerate(section.items):
                        try:
                            fragment, label = _render_item(con, item, f"{sid}i{i_i}")
                        except duckdb.Error as exc:
                            errors.append(f"{section.title}: {exc}")
                            parts.append(f'<div class="ids-error" role="alert">Error in '
                                         f"{_e(section.title)}: {_e(exc)}</div>")
                            continue
                        if label:
                            heads.append(label)
                            headline_html.append(fragment)
                        else:
                            if headline_html:
                                parts.append(f'<div class="headlines">{"".join(headline_html)}'
                                             "</div>")
                                headline_html = []
                            parts.append(fragment)
                    if headline_html:
                        parts.append(f'<div class="headlines">{"".join(headline_html)}</div>')
                parts.append("</section>")
            page_nav = nav
            for p in pages:
                page_nav = page_nav.replace(
                    f"{{current_{p.slug}}}", ' aria-current="page"' if p is page else "")
            doc = (
                '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
                '<meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,">'
                f"<title>{_e(page.title)} · Integrated Data System</title><style>{CSS}</style>"
                '</head><body><a class="skip" href="#main">Skip to the content</a>'
                '<header><span class="brand">Integrated Data System</span>'
                f'<nav aria-label="Report pages"><ul>{page_nav}</ul></nav></header>'
                f'<main id="main"><h1>{_e(page.title)}</h1><p>{_e(page.intro)}</p>'
                f'<p class="meta">As of {_e(manifest["as_of_date"])}, from analyst package '
                f"{_e(license_id)} ({_e(manifest['license']['licensee'])}).</p>"
                + "".join(parts)
                + "</main><footer>De-identified: salted keys only, re-salted for this package; "
                "counts of 1 to 10 are suppressed and shown as a dash, with every rate or amount "
                "derived from them.</footer></body></html>\n"
            )
            (out_dir / page.filename).write_text(doc, encoding="utf-8")
            summary["pages"][page.filename] = {"title": page.title, "headlines": heads,
                                               "not_published": notices, "errors": errors}
    finally:
        con.close()
    (out_dir.parent / ".ids_report.json").write_text(json.dumps(summary, indent=2) + "\n",
                                                     encoding="utf-8")
    return summary


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ids.report")
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="the static report site from a license's newest package")
    b.add_argument("--license", required=True)
    b.add_argument("--out", type=Path, default=Path("report/build"))
    args = parser.parse_args(argv)
    packages = Path(os.environ.get("IDS_PACKAGES_DIR", "packages"))
    package = latest_package(packages, args.license)
    summary = render_site(package, args.out)
    print(f"Report built from {package} (DuckDB {summary['duckdb_version']}): {args.out}")
    for name, page in summary["pages"].items():
        extra = f"; not in the package: {'; '.join(page['not_published'])}" \
            if page["not_published"] else ""
        print(f"  {name}: {len(page['headlines'])} headline figure(s){extra}")
    return 1 if any(p["errors"] for p in summary["pages"].values()) else 0


if __name__ == "__main__":
    raise SystemExit(main())
