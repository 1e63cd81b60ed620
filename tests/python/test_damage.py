"""Damage test: partner files must never crash the build, and nothing they send is lost.

One folder-mode build of a randomly corrupted copy of the demo extracts (seeded: same damage every
run): bad dates and codes, wrong field counts, stray quotes and delimiters, Windows-1252 and
undecodable bytes, CRLF and LF mixed, a truncated last line, a code value that is SQL, plus files the
loader must ignore. The build completes and every extract reconciles: each line sent is a staged row,
a quarantined row, a collapsed duplicate or an unreadable line. A second, load-only test proves that
a symlink out of the folder, and a path or var carrying SQL, fail cleanly.
"""

from __future__ import annotations

import os
import random
import re
from collections import Counter
from pathlib import Path

from conftest import NOT_BUILT, REPO, DbtProject

from ids.contract import EXTRACTS

#: Rows of each demo extract copied (keeps the one damaged build well under a minute).
SAMPLE_ROWS = 1500
#: Share of data lines damaged.
DAMAGE_RATE = 0.04
SEED = int(os.environ.get("IDS_DAMAGE_SEED", "20261201"))
SQL_CODE = "TANF'); drop table raw.dhs_case_members; --"
CORRECTED_HOUSEHOLD = "HH-CORRECTED"
KINDS = ("bad_date", "bad_code", "extra_field", "missing_field", "stray_quote", "stray_delimiter",
         "legacy_byte", "undecodable_byte")
DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b|\b\d{2}/\d{2}/\d{4}\b")
CODE = re.compile(r"^[A-Z][A-Z_]{1,}$")


def damage_line(line: str, delimiter: str, rng: random.Random) -> tuple[bytes, str]:
    """One damaged line (as bytes: legacy damage is not UTF-8) and the kind of damage done."""
    kind = rng.choice(KINDS)
    fields = line.split(delimiter)
    if kind == "bad_date" and DATE.search(line):
        line = DATE.sub(rng.choice(["2023-02-30", "31/31/2020", "20x1-01-01"]), line, count=1)
    elif kind == "bad_code" and any(CODE.match(f) for f in fields):
        i = next(i for i, f in enumerate(fields) if CODE.match(f))
        fields[i] = "NOT_A_CODE"
        line = delimiter.join(fields)
    elif kind == "extra_field":
        line = line + delimiter + "surplus"
    elif kind == "missing_field":
        line = delimiter.join(fields[:-1])
    elif kind == "stray_quote":
        i = rng.randrange(len(fields))
        fields[i] = ('"' + fields[i]) if rng.random() < 0.5 else (fields[i][:1] + '"' + fields[i][1:])
        line = delimiter.join(fields)
    elif kind == "stray_delimiter":
        i = rng.randrange(len(fields))
        fields[i] = fields[i][:1] + delimiter + fields[i][1:]
        line = delimiter.join(fields)
    elif kind == "legacy_byte":
        return line.replace("A", "\u00c9", 1).encode("cp1252", errors="replace"), kind
    elif kind == "undecodable_byte":
        return line.encode() + b"\x81", kind
    else:
        kind = "none"
    return line.encode(), kind


def damaged_copy(folder: Path, rng: random.Random) -> tuple[dict[str, int], Counter]:
    """Write every extract, sampled and damaged; return data lines per extract and damage counts."""
    lines_sent: dict[str, int] = {}
    done: Counter = Counter()
    for extract in EXTRACTS:
        src = REPO / "seeds" / "demo" / f"{extract.name}.csv"
        header, *rows = src.read_text(encoding="utf-8").splitlines()[: SAMPLE_ROWS + 1]
        out = []
        for row in rows:
            data, kind = damage_line(row, extract.delimiter, rng) if rng.random() < DAMAGE_RATE else (row.encode(), "")
            done[kind] += bool(kind)
            out.append(data)
        if extract.name == "dhs_case_members":
            fields = rows[0].split(",")
            fields[12] = SQL_CODE  # program
            out.insert(0, ",".join(fields).encode())
        if extract.name == "hmis_enrollment":
            # a partner re-sends an enrollment, first as it was, then corrected (same EnrollmentID):
            # the corrected version is staged, the earlier one quarantined as DUPLICATE_KEY
            fields = rows[2].split(",")
            fields[4] = CORRECTED_HOUSEHOLD  # HouseholdID
            out[4:4] = [rows[2].encode(), ",".join(fields).encode()]
        if out:
            out[-1] = out[-1][: max(1, len(out[-1]) // 2)]  # truncated last line, no newline
        ends = [b"\r\n" if rng.random() < 0.5 else b"\n" for _ in out]
        body = header.encode() + b"\r\n" + b"".join(d + e for d, e in zip(out[:-1], ends)) + out[-1]
        (folder / f"{extract.name}.csv").write_bytes(body)
        lines_sent[extract.name] = len(out)
    return lines_sent, done


def test_damaged_extracts_build_and_reconcile(dbt_project: DbtProject, tmp_path: Path) -> None:
    folder = tmp_path / "extracts"
    folder.mkdir()
    lines_sent, done = damaged_copy(folder, random.Random(SEED))
    assert min(done[k] for k in KINDS) > 0, done  # every kind of damage was done at least once
    (folder / "README.txt").write_text("not an extract\n")
    (folder / "dhs_case_members_2019.csv").write_text("an old file\n")

    seeded = dbt_project.dbt("seed", "--exclude", "tag:demo_extract")
    assert seeded.returncode == 0, seeded.stdout[-3000:]
    loaded = dbt_project.dbt("run-operation", "load_extracts", "--args", f"{{path: '{folder}'}}")
    assert loaded.returncode == 0, loaded.stdout[-3000:]
    # Files of other names are ignored with a message; the load goes on.
    assert "WARNING: ignored" in loaded.stdout and "README.txt" in loaded.stdout
    assert "dhs_case_members_2019.csv" in loaded.stdout
    result = dbt_project.dbt("build", "--select", "staging", "--exclude", NOT_BUILT)
    assert result.returncode == 0, result.stdout[-4000:]

    recon = dbt_project.query(
        "select extract_name, rows_received, rows_quarantined, lines_unreadable, is_reconciled "
        "from staging.stg_ids__reconciliation"
    )
    assert len(recon) == len(EXTRACTS)
    assert all(row[4] for row in recon), recon
    # Every line sent is accounted for: staged, quarantined, collapsed or unreadable.
    assert {row[0]: row[1] for row in recon} == lines_sent
    assert sum(row[2] for row in recon) > 0 and sum(row[3] for row in recon) > 0
    kinds = {r[0] for r in dbt_project.query(
        "select distinct error_type from raw.ids_reader_rejects")}
    assert {"TOO MANY COLUMNS", "MISSING COLUMNS", "INVALID ENCODING"} <= kinds
    assert dbt_project.query(
        "select count(*) from raw.ids_load_log where load_notes like '%transcoded from Windows-1252%'"
    )[0][0] > 0
    # A code value that is SQL is only a value: quarantined as an unknown code, nothing dropped.
    assert dbt_project.query(
        "select reject_reasons from staging.stg_ids__rejected_rows where rejected_by = 'staging_check' "
        f"and json_extract_string(raw_row, '$.program') = '{SQL_CODE.upper().replace(chr(39), chr(39) * 2)}'"
    ) == [(["UNKNOWN_CODE:program"],)]
    assert dbt_project.query("select count(*) from raw.dhs_case_members")[0][0] > 0
    # Two versions of one enrollment: the later one is staged, the earlier one quarantined.
    resent = dbt_project.query(
        "select household_id from staging.stg_hmis__enrollment where enrollment_id = "
        "(select enrollment_id from staging.stg_hmis__enrollment "
        f"where household_id = '{CORRECTED_HOUSEHOLD}')")
    assert resent == [(CORRECTED_HOUSEHOLD,)]
    assert dbt_project.query(
        "select count(*) from staging.stg_ids__rejected_rows where extract_name = 'hmis_enrollment' "
        "and list_contains(reject_reasons, 'DUPLICATE_KEY:EnrollmentID')")[0][0] >= 1


def test_refused_inputs_fail_cleanly(dbt_project: DbtProject, header_only_folder: Path, tmp_path: Path) -> None:
    """Load-only: each refusal stops before any SQL is built from the refused value."""
    # A symlink pointing out of the folder is refused, naming the link.
    outside = tmp_path / "elsewhere.csv"
    outside.write_text("x\n")
    (header_only_folder / "mcd_claims.csv").unlink()
    os.symlink(outside, header_only_folder / "mcd_claims.csv")
    linked = dbt_project.dbt("run-operation", "load_extracts", "--args", f"{{path: '{header_only_folder}'}}")
    assert linked.returncode != 0
    assert "Refused extract file" in linked.stdout and "symlink points outside" in linked.stdout

    # A folder path carrying quotes and SQL stops before any SQL is built from it.
    evil = f"{header_only_folder}'); drop table raw.ids_load_log; --"
    injected = dbt_project.dbt("run-operation", "load_extracts", "--args", f'{{path: "{evil}"}}')
    assert injected.returncode != 0 and "Refused extracts folder" in injected.stdout

    # So does a var that is not what it says it is.
    bad = dbt_project.dbt("run-operation", "ids_validate_vars",
                          "--vars", "{min_plausible_date: \"1900-01-01' or '1'='1\"}")
    assert bad.returncode != 0 and "Refused var min_plausible_date" in bad.stdout, bad.stdout[-2000:]
    # And an identifier (an agency, a license id) that carries quotes.
    token = dbt_project.dbt("run-operation", "ids_assert_safe_token",
                            "--args", "{value: \"dcf' or 1=1 --\", what: license id}")
    assert token.returncode != 0 and "Refused license id" in token.stdout
