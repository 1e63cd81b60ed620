"""Read an untrusted partner CSV, whatever its bytes, into a clean UTF-8 CSV plus a list of rejects.

Partner files are the outside world: legacy encodings (Windows-1252 / latin-1), CRLF and LF mixed in
one file (concatenated exports), a byte-order mark, NUL bytes, stray quotes, wrong field counts, a
truncated last line. DuckDB's CSV reader stops on some of these (its sniffer, ``read_text`` on bytes
that are not UTF-8), so the loader first passes every CSV through :func:`normalize_csv`, which never
raises on content. It writes a well-formed copy (UTF-8, LF, every field quoted, exactly as many fields
as the header) that DuckDB reads without sniffing, and returns what it could not turn into a row, by
physical line number of the original file, with a reason:

* ``INVALID ENCODING``: a line with bytes that are neither UTF-8 nor Windows-1252. Bytes that are not
  UTF-8 but are Windows-1252 (the legacy encoding of US agency systems, a superset of latin-1's
  printable range) are transcoded, and the line is counted in ``lines_transcoded`` (flagged).
* ``TOO MANY COLUMNS`` / ``MISSING COLUMNS``: the line's field count differs from the header's.
* ``UNTERMINATED QUOTE``: a field opens a quote that no later line (within a bound) closes into a
  well-formed row; only that line is rejected and reading resumes on the next line.
* ``INVALID QUOTING``: a quoted field followed by text before the delimiter (``"abc"x``).

Every physical line of the file is accounted for exactly once: header, blank, part of a row, or
rejected. The reader's error type names follow DuckDB's (``raw.ids_reader_rejects.error_type``).
"""

from __future__ import annotations

import codecs
import csv
import json
import os
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

__all__ = [
    "FolderEntry",
    "LoadSummary",
    "classify_folder",
    "decode_line",
    "inspect_parquet",
    "normalize_csv",
    "normalize_csv_json",
    "remove_file",
    "scan_folder_json",
]

#: A quoted field may span lines; a row that has not closed its quote after this many lines is
#: taken as a stray quote on its first line.
MAX_CONTINUATION_LINES = 50
#: Longest field the reader accepts (the staging layer quarantines long values, TOO_LONG).
MAX_FIELD_CHARS = 10_000_000
#: How much of a rejected line is kept in the quarantine.
MAX_REJECT_CHARS = 2_000

csv.field_size_limit(MAX_FIELD_CHARS)


class _Undecodable(Exception):
    """A line with bytes that are neither UTF-8 nor Windows-1252."""


def _cp1252_fallback(exc: UnicodeError) -> tuple[str, int]:
    """Codec error handler: decode the offending bytes of a UTF-8 line as Windows-1252."""
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    chunk = exc.object[exc.start:exc.end]
    try:
        return chunk.decode("cp1252"), exc.end
    except UnicodeDecodeError as inner:
        raise _Undecodable(str(inner)) from exc


codecs.register_error("ids_cp1252", _cp1252_fallback)


def decode_line(raw: bytes) -> tuple[str | None, bool]:
    """Decode one physical line: ``(text, transcoded)``; text is None when it cannot be decoded.

    UTF-8 first; only the bytes that are not valid UTF-8 are read as Windows-1252, so a line that
    mixes both (an edited legacy file) keeps its UTF-8 characters.
    """
    try:
        return raw.decode("utf-8"), False
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("utf-8", errors="ids_cp1252"), True
    except _Undecodable:
        return None, False


@dataclass
class LoadSummary:
    """What :func:`normalize_csv` did to one file."""

    header: list[str] = field(default_factory=list)
    rows_written: int = 0
    physical_lines: int = 0
    blank_lines: int = 0
    lines_transcoded: int = 0
    nul_bytes_removed: int = 0
    line_endings: str = "none"
    had_bom: bool = False
    encoding: str = "utf-8"
    header_notes: list[str] = field(default_factory=list)
    rejects: list[dict[str, object]] = field(default_factory=list)

    def reject(self, line_number: int, error_type: str, message: str, raw_line: str) -> None:
        self.rejects.append({
            "line_number": line_number,
            "column_name": None,
            "error_type": error_type,
            "error_message": message,
            "raw_line": raw_line[:MAX_REJECT_CHARS],
        })

    def to_json(self) -> str:
        return json.dumps(self.__dict__, ensure_ascii=False)


@dataclass
class _Line:
    number: int
    raw: bytes
    text: str | None
    transcoded: bool


def _physical_lines(data_lines: Iterator[bytes], summary: LoadSummary) -> Iterator[_Line]:
    """Split a byte stream into physical lines on CRLF, LF or a lone CR, decoding each."""
    endings = {"crlf": 0, "lf": 0, "cr": 0}
    number = 0
    first = True
    for chunk in data_lines:
        if chunk.endswith(b"\n"):
            body = chunk[:-1]
            if body.endswith(b"\r"):
                body = body[:-1]
                endings["crlf"] += 1
            else:
                endings["lf"] += 1
        else:
            body = chunk
        pieces = body.split(b"\r")
        endings["cr"] += len(pieces) - 1
        for piece in pieces:
            number += 1
            if first and piece.startswith(codecs.BOM_UTF8):
                piece = piece[len(codecs.BOM_UTF8):]
                summary.had_bom = True
            first = False
            if b"\x00" in piece:
                summary.nul_bytes_removed += piece.count(b"\x00")
                piece = piece.replace(b"\x00", b"")
            text, transcoded = decode_line(piece)
            yield _Line(number, piece, text, transcoded)
    summary.physical_lines = number
    used = [name for name, n in endings.items() if n > 0]
    summary.line_endings = "none" if not used else used[0] if len(used) == 1 else "mixed"


def _utf16_lines(path: Path) -> Iterator[bytes]:
    """A UTF-16 file (Excel's "Unicode text"), re-encoded as UTF-8 lines."""
    text = path.read_bytes().decode("utf-16", errors="replace")
    for line in text.encode("utf-8").splitlines(keepends=True):
        yield line


def _parse(text: str, delimiter: str) -> list[str]:
    """One record: fast split when there is no quote, else the csv module in strict mode."""
    if '"' not in text:
        return text.split(delimiter)
    return next(csv.reader([text], delimiter=delimiter, quotechar='"', doublequote=True, strict=True))


def _header_fields(text: str, delimiter: str, summary: LoadSummary) -> list[str]:
    """The header's column names, trimmed; blank and repeated names get a visible stand-in."""
    try:
        names = [n.strip() for n in _parse(text, delimiter)]
    except csv.Error:
        names = [n.strip().strip('"') for n in text.split(delimiter)]
        summary.header_notes.append("header has malformed quoting; read by splitting on the delimiter")
    seen: dict[str, int] = {}
    out = []
    for i, name in enumerate(names, start=1):
        if name == "":
            name = f"unnamed_column_{i}"
            summary.header_notes.append(f"header column {i} is blank")
        if name.lower() in seen:
            seen[name.lower()] += 1
            summary.header_notes.append(f"header column '{name}' repeats")
            name = f"{name}__repeat_{seen[name.lower()]}"
        else:
            seen[name.lower()] = 1
        out.append(name)
    return out


def normalize_csv(src: Path, dst: Path, delimiter: str = ",") -> LoadSummary:
    """Read ``src`` (any bytes) and write a well-formed UTF-8 CSV to ``dst``; never raises on content.

    ``dst`` has the header line and one line per readable row, comma-delimited, every field quoted,
    exactly as many fields as the header. Everything else is in the summary's ``rejects``.
    """
    summary = LoadSummary()
    src, dst = Path(src), Path(dst)
    with src.open("rb") as probe:
        start = probe.read(2)
    is_utf16 = start in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
    if is_utf16:
        summary.encoding = "utf-16"
    with src.open("rb") as fh, dst.open("w", encoding="utf-8", newline="") as out:
        source = _utf16_lines(src) if is_utf16 else iter(fh)
        lines = _physical_lines(source, summary)
        pending: deque[_Line] = deque()
        writer = csv.writer(out, delimiter=",", quotechar='"', quoting=csv.QUOTE_ALL, lineterminator="\n")
        width = 0

        def next_line() -> _Line | None:
            if pending:
                return pending.popleft()
            return next(lines, None)

        while (line := next_line()) is not None:
            if line.text is None:
                summary.reject(line.number, "INVALID ENCODING",
                               "bytes that are neither UTF-8 nor Windows-1252",
                               line.raw.decode("utf-8", errors="backslashreplace"))
                continue
            if line.text.strip() == "":
                summary.blank_lines += 1
                continue
            if not summary.header:
                summary.header = _header_fields(line.text, delimiter, summary)
                summary.lines_transcoded += line.transcoded
                width = len(summary.header)
                writer.writerow(summary.header)
                continue
            used = [line]
            try:
                fields = _parse(line.text, delimiter)
            except csv.Error as err:
                fields = None
                if "unexpected end of data" not in str(err):
                    summary.reject(line.number, "INVALID QUOTING", f"malformed quoted field: {err}", line.text)
                    continue
                text = line.text
                while len(used) <= MAX_CONTINUATION_LINES:
                    more = next_line()
                    if more is None:
                        break
                    used.append(more)
                    if more.text is None:
                        break
                    text = text + "\n" + more.text
                    try:
                        fields = _parse(text, delimiter)
                        break
                    except csv.Error as inner:
                        if "unexpected end of data" not in str(inner):
                            break
                if fields is None or len(fields) != width:
                    pending.extendleft(reversed(used[1:]))
                    summary.reject(line.number, "UNTERMINATED QUOTE",
                                   "a quoted field is not closed on this line (stray quote?)", line.text)
                    continue
            if len(fields) != width:
                kind = "TOO MANY COLUMNS" if len(fields) > width else "MISSING COLUMNS"
                summary.reject(line.number, kind,
                               f"expected {width} fields, found {len(fields)}", line.text)
                continue
            summary.lines_transcoded += sum(u.transcoded for u in used)
            writer.writerow(fields)
            summary.rows_written += 1
    return summary


def normalize_csv_json(src: str, dst: str, delimiter: str) -> str:
    """UDF body: :func:`normalize_csv`, its summary as JSON (also when the file cannot be opened)."""
    try:
        return normalize_csv(Path(src), Path(dst), delimiter or ",").to_json()
    except OSError as err:
        Path(dst).write_text("", encoding="utf-8")
        summary = LoadSummary()
        summary.reject(0, "UNREADABLE FILE", f"the file cannot be read: {err.strerror or err}", "")
        return summary.to_json()


def remove_file(path: str) -> str:
    """UDF body: delete a file the loader wrote (its clean copy); the path, or empty if none was there."""
    try:
        Path(path).unlink()
    except FileNotFoundError:
        return ""
    return path


def inspect_parquet(path: str) -> str:
    """Empty when ``path`` is a readable Parquet file, else the reason (a UDF: never raises)."""
    try:
        import pyarrow.parquet as pq

        pq.ParquetFile(path).metadata  # noqa: B018 - reading the footer is the check
    except Exception as err:  # noqa: BLE001 - any failure means the file cannot be loaded
        return f"not a readable Parquet file: {type(err).__name__}: {err}"[:MAX_REJECT_CHARS]
    return ""


@dataclass(frozen=True)
class FolderEntry:
    """One entry of an extracts folder and what the loader does with it."""

    name: str
    status: str  # extract | ignored | refused
    message: str = ""


EXTRACT_SUFFIXES = (".csv", ".parquet")


def classify_folder(folder: Path, expected: set[str]) -> list[FolderEntry]:
    """Sort the entries of an extracts folder: spec extracts, ignored names, refused links.

    An entry is an extract when its name is ``<extract>.csv`` or ``<extract>.parquet`` (extension in
    any case) for an extract of the spec and it is a regular file inside the folder. A symlink that
    resolves outside the folder is refused (a partner drop must not read the rest of the disk);
    anything else (other names, sub-folders, hidden files) is ignored with a message.
    """
    root = folder.resolve()
    entries = []
    for child in sorted(folder.iterdir(), key=lambda p: p.name):
        stem, suffix = os.path.splitext(child.name)
        is_extract_name = suffix.lower() in EXTRACT_SUFFIXES and stem in expected
        if child.is_symlink():
            target = child.resolve()
            if root not in target.parents:
                entries.append(FolderEntry(child.name, "refused",
                                           f"symlink points outside the extracts folder (to {target})"))
                continue
        if not is_extract_name:
            entries.append(FolderEntry(child.name, "ignored", "not an extract named in the spec"))
        elif not child.is_file():
            entries.append(FolderEntry(child.name, "refused", "not a regular file"))
        else:
            entries.append(FolderEntry(child.name, "extract"))
    return entries


def scan_folder_json(folder: str, expected_csv: str) -> str:
    """UDF body: :func:`classify_folder` as JSON; ``expected_csv`` is a comma-separated name list."""
    path = Path(folder)
    if not path.is_dir():
        return json.dumps({"error": f"extracts folder {folder} does not exist or is not a folder"})
    entries = classify_folder(path, {n for n in expected_csv.split(",") if n})
    return json.dumps({"entries": [e.__dict__ for e in entries]})
