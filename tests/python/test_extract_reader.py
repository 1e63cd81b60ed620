"""The untrusted-CSV reader (src/ids/extract_reader.py): any bytes in, a clean CSV and rejects out."""

from __future__ import annotations

import csv
import os
from pathlib import Path

from ids.extract_reader import classify_folder, decode_line, inspect_parquet, normalize_csv


def run(tmp_path: Path, data: bytes, delimiter: str = ",") -> tuple[list[list[str]], object]:
    src, dst = tmp_path / "in.csv", tmp_path / "out.csv"
    src.write_bytes(data)
    summary = normalize_csv(src, dst, delimiter)
    with dst.open(encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh)), summary


def test_decode_line_transcodes_only_the_legacy_bytes() -> None:
    assert decode_line("José".encode()) == ("José", False)
    assert decode_line(b"Jos\xe9") == ("José", True)
    # a UTF-8 character and a Windows-1252 byte on one line: each is read as what it is
    assert decode_line("Peña ".encode() + b"Jos\xe9 \x93q\x94") == ("Peña José \u201cq\u201d", True)
    assert decode_line(b"bad \x81 byte") == (None, False)  # undefined in Windows-1252


def test_mixed_endings_legacy_bytes_bom_and_nul(tmp_path: Path) -> None:
    data = b"\xef\xbb\xbfa,b\r\n1,Jos\xe9\n2,x\x00y\r3,z"
    rows, summary = run(tmp_path, data)
    assert rows == [["a", "b"], ["1", "José"], ["2", "xy"], ["3", "z"]]
    assert summary.line_endings == "mixed" and summary.had_bom
    assert summary.lines_transcoded == 1 and summary.nul_bytes_removed == 1
    assert summary.rejects == []


def test_every_line_is_a_row_a_reject_or_blank(tmp_path: Path) -> None:
    data = (
        b"a,b,c\n"
        b"1,2,3\n"
        b"1,2\n"                       # 3: missing columns
        b"1,2,3,4\n"                   # 4: too many
        b'1,"two\nlines",3\n'          # 5-6: a legitimate multi-line quoted field
        b'1,"stray,3\n'                # 7: a quote that never closes
        b"4,5,6\n"
        b'1,"b"x,3\n'                  # 9: text after a closing quote
        b"bad,\x81,byte\n"             # 10: undecodable
        b"\n"                          # 11: blank
        b'7,O"Brien,9\n'               # 12: a quote inside an unquoted field is text
        b"8,9"                         # 13: truncated last line
    )
    rows, summary = run(tmp_path, data)
    assert rows[1:] == [["1", "2", "3"], ["1", "two\nlines", "3"], ["4", "5", "6"], ["7", 'O"Brien', "9"]]
    kinds = {r["line_number"]: r["error_type"] for r in summary.rejects}
    assert kinds == {3: "MISSING COLUMNS", 4: "TOO MANY COLUMNS", 7: "UNTERMINATED QUOTE",
                     9: "INVALID QUOTING", 10: "INVALID ENCODING", 13: "MISSING COLUMNS"}
    assert summary.physical_lines == 13 and summary.blank_lines == 1
    assert 1 + summary.rows_written + 1 + len(summary.rejects) + summary.blank_lines == 13  # 5-6 one row


def test_pipe_delimited_and_utf16(tmp_path: Path) -> None:
    rows, _ = run(tmp_path, b"a|b\n1|x,y\n", delimiter="|")
    assert rows == [["a", "b"], ["1", "x,y"]]
    rows, summary = run(tmp_path, "a,b\r\n1,Peña\r\n".encode("utf-16"))
    assert rows == [["a", "b"], ["1", "Peña"]] and summary.encoding == "utf-16"


def test_header_blank_and_repeated_names_are_visible(tmp_path: Path) -> None:
    rows, summary = run(tmp_path, b"a,,a\n1,2,3\n")
    assert rows[0] == ["a", "unnamed_column_2", "a__repeat_2"] and len(summary.header_notes) == 2


def test_binary_garbage_never_raises(tmp_path: Path) -> None:
    rows, summary = run(tmp_path, bytes(range(256)) * 40)
    assert summary.physical_lines >= 1 and len(rows) <= 1


def test_parquet_inspection(tmp_path: Path) -> None:
    bad = tmp_path / "x.parquet"
    bad.write_bytes(b"PAR1 not really")
    assert inspect_parquet(str(bad)).startswith("not a readable Parquet file")


def test_folder_classification(tmp_path: Path) -> None:
    folder, outside = tmp_path / "drop", tmp_path / "secret.csv"
    folder.mkdir()
    outside.write_text("x\n")
    (folder / "dhs_case_members.csv").write_text("a\n")
    (folder / "notes.txt").write_text("hello\n")
    (folder / "archive").mkdir()
    (folder / "archive" / "old.csv").write_text("a\n")
    os.symlink(outside, folder / "mcd_claims.csv")
    os.symlink(folder / "archive" / "old.csv", folder / "dcf_persons.CSV")
    got = {e.name: e.status for e in classify_folder(folder, {"dhs_case_members", "mcd_claims", "dcf_persons"})}
    assert got == {"dhs_case_members.csv": "extract", "notes.txt": "ignored", "archive": "ignored",
                   "mcd_claims.csv": "refused", "dcf_persons.CSV": "extract"}
