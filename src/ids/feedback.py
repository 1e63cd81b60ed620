"""Partner feedback: the files an IDS sends back to a data partner so its next extract is better.

``make partner-feedback`` (or ``python -m ids.feedback --db warehouse/ids.duckdb --out feedback``)
writes, per partner agency, into ``feedback/<agency>/`` (gitignored, outside the warehouse):

* ``quarantined_rows.csv``: every row or line of the partner's files that could not be staged, with
  the reasons and the row as sent. It holds the partner's own identifiers: it goes to that partner
  only, never into a mart or a shared folder.
* ``scorecard.csv``: the partner's rows of the data-quality scorecard (``marts.rpt_data_quality``).
* ``summary.txt``: per extract, rows received, staged and quarantined, and the most frequent reasons.

The warehouse is opened read-only; nothing is written into it.
"""

from __future__ import annotations

import argparse
import csv
from collections.abc import Sequence
from pathlib import Path

import duckdb

from ids.publish import marts_db_path

AGENCIES: tuple[str, ...] = ("dhs", "ece", "dol", "doe", "dcf", "mcd", "hmis", "fadss")

QUARANTINE_SQL = """
    select extract_name, rejected_by, source_row_number, row_key, reject_reason_text, raw_row
    from staging.stg_ids__rejected_rows
    where agency = ?
    order by extract_name, source_row_number, rejected_by
"""
SCORECARD_SQL = """
    select extract_name, dimension, check_name, column_name, severity, status, n_evaluated, n_failing,
        metric_value, metric_unit, warn_threshold, fail_threshold, loaded_on
    from ids_marts.marts.rpt_data_quality
    where agency = ?
    order by extract_name, dimension, check_name, column_name
"""
RECONCILIATION_SQL = """
    select extract_name, rows_received, rows_staged, rows_quarantined, lines_unreadable,
        rows_collapsed_duplicates
    from staging.stg_ids__reconciliation
    where agency = ?
    order by extract_name
"""
TOP_REASONS_SQL = """
    select extract_name, reason, count(*) as n
    from (select extract_name, unnest(reject_reasons) as reason from staging.stg_ids__rejected_rows
          where agency = ?)
    group by extract_name, reason
    order by extract_name, n desc, reason
"""


def _write_csv(path: Path, header: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows(rows)


def summary_lines(agency: str, reconciliation: Sequence[Sequence[object]],
                  reasons: Sequence[Sequence[object]], top: int = 5) -> list[str]:
    """Plain-text summary for one partner: counts per extract and its most frequent reasons."""
    lines = [f"Data-quality feedback for {agency.upper()}", ""]
    for extract, received, staged, quarantined, unreadable, duplicates in reconciliation:
        lines.append(f"{extract}: {received} rows received, {staged} staged, {quarantined} quarantined, "
                     f"{unreadable} unreadable lines, {duplicates} exact duplicates collapsed")
        mine = [(reason, n) for e, reason, n in reasons if e == extract][:top]
        lines.extend(f"    {n:>7}  {reason}" for reason, n in mine)
    lines += ["", "quarantined_rows.csv lists every row that was not staged and why; scorecard.csv the checks."]
    return lines


def write_partner_feedback(db_path: Path, out_dir: Path, agencies: Sequence[str] = AGENCIES) -> list[Path]:
    """Write the feedback files of each agency; return the folders written."""
    unknown = sorted(set(agencies) - set(AGENCIES))
    if unknown:
        raise ValueError(f"unknown agency {unknown}; expected one of {', '.join(AGENCIES)}")
    written = []
    marts_db = marts_db_path(Path(db_path))
    with duckdb.connect(str(db_path), read_only=True) as con:
        # the scorecard is a de-identified mart: it lives in the marts file beside the warehouse
        con.execute("attach '" + str(marts_db).replace("'", "''") + "' as ids_marts (read_only)")
        for agency in agencies:
            folder = out_dir / agency
            folder.mkdir(parents=True, exist_ok=True)
            quarantine = con.execute(QUARANTINE_SQL, [agency])
            _write_csv(folder / "quarantined_rows.csv", [d[0] for d in quarantine.description],
                       quarantine.fetchall())
            scorecard = con.execute(SCORECARD_SQL, [agency])
            _write_csv(folder / "scorecard.csv", [d[0] for d in scorecard.description], scorecard.fetchall())
            recon = con.execute(RECONCILIATION_SQL, [agency]).fetchall()
            reasons = con.execute(TOP_REASONS_SQL, [agency]).fetchall()
            (folder / "summary.txt").write_text("\n".join(summary_lines(agency, recon, reasons)) + "\n",
                                                encoding="utf-8")
            written.append(folder)
    return written


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True, help="the warehouse DuckDB file (read-only)")
    parser.add_argument("--out", type=Path, default=Path("feedback"), help="folder to write into")
    parser.add_argument("--partner", action="append", choices=AGENCIES, help="one agency (repeatable)")
    args = parser.parse_args(argv)
    for folder in write_partner_feedback(args.db, args.out, args.partner or AGENCIES):
        print(f"wrote {folder}")


if __name__ == "__main__":
    main()
