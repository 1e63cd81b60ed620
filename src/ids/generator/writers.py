"""Writing tables: CSV (minimal quoting, per-extract delimiter) or Parquet (all strings).

Why hand-rolled CSV: pyarrow's CSV writer quotes every string; partners quote only when needed,
and the warehouse must cope with exactly that. Python's csv module gives minimal quoting; rows are
streamed in batches so large runs stay within memory.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

_BATCH = 200_000


def write_csv(table: pa.Table, path: Path, delimiter: str = ",") -> None:
    """UTF-8 CSV with header, ``"`` quoting only where needed, ``\\n`` line ends."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter=delimiter, quotechar='"', quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
        w.writerow(table.column_names)
        for batch in table.to_batches(max_chunksize=_BATCH):
            cols = [c.to_pylist() for c in batch.columns]
            w.writerows(zip(*cols))


def write_parquet(table: pa.Table, path: Path) -> None:
    """Parquet with every column a string (same names and values as the CSV)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(table, path, compression="zstd")


def write_table(table: pa.Table, directory: Path, name: str, fmt: str, delimiter: str = ",") -> Path:
    """Write ``name`` in ``fmt`` ('csv' or 'parquet'); returns the file path."""
    if fmt == "csv":
        p = directory / f"{name}.csv"
        write_csv(table, p, delimiter)
    elif fmt == "parquet":
        p = directory / f"{name}.parquet"
        write_parquet(table, p)
    else:
        raise ValueError(f"unknown format {fmt!r}")
    return p
