"""Pure helpers of the benchmark report: dbt run timings, machine facts, the Markdown table."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True)
class BenchmarkRow:
    """One linker's result on one data set: a row of the side-by-side table."""

    linker: str
    persons: int
    records: int | None
    candidate_pairs: int | None
    linkage_wall_s: float | None
    peak_memory_mib: float | None
    precision: float | None
    recall: float | None
    f1: float | None
    cross_source_f1: float | None = None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


TABLE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("linker", "linker"),
    ("persons", "persons"),
    ("records", "records"),
    ("candidate_pairs", "candidate pairs"),
    ("linkage_wall_s", "linkage wall time (s)"),
    ("peak_memory_mib", "peak memory (MiB)"),
    ("precision", "precision"),
    ("recall", "recall"),
    ("f1", "F1"),
    ("cross_source_f1", "F1 cross-source"),
)


def format_value(field: str, value: str | int | float | None) -> str:
    """Render one table cell: counts with thousands separators, seconds to 0.1, metrics to 4 places."""
    if value is None:
        return "n/a"
    if isinstance(value, str):
        return value
    if field in ("persons", "records", "candidate_pairs"):
        return f"{int(value):,}"
    if field == "linkage_wall_s":
        return f"{value:.1f}"
    if field == "peak_memory_mib":
        return f"{value:,.0f}"
    if field in ("precision", "recall", "f1", "cross_source_f1"):
        return f"{value:.4f}"
    return str(value)


def format_markdown_table(rows: Sequence[BenchmarkRow]) -> str:
    """A GitHub-flavoured Markdown table, one row per linker and data set; numbers right-aligned."""
    header = "| " + " | ".join(title for _, title in TABLE_COLUMNS) + " |"
    align = "|" + "|".join(":---" if field == "linker" else "---:" for field, _ in TABLE_COLUMNS) + "|"
    lines = [header, align]
    for row in rows:
        values = row.as_dict()
        lines.append("| " + " | ".join(format_value(field, values[field]) for field, _ in TABLE_COLUMNS) + " |")
    return "\n".join(lines)


def linkage_model_times(
    run_results: Mapping[str, Any], models: Iterable[str] | None = None
) -> tuple[float, dict[str, float]]:
    """Sum of the execution times of the models in a dbt ``run_results.json``, and each model's.

    ``models`` restricts the sum to those model names (default: every model in the file). Seeds,
    tests and operations are ignored; a model that did not succeed raises ``ValueError``.
    """
    wanted = set(models) if models is not None else None
    per_model: dict[str, float] = {}
    for result in run_results.get("results", []):
        unique_id = str(result.get("unique_id", ""))
        if not unique_id.startswith("model."):
            continue
        name = unique_id.rsplit(".", 1)[-1]
        if wanted is not None and name not in wanted:
            continue
        if result.get("status") not in ("success", None):
            raise ValueError(f"model {name} did not succeed: {result.get('status')}: {result.get('message')}")
        per_model[name] = float(result.get("execution_time") or 0.0)
    return sum(per_model.values()), dict(sorted(per_model.items(), key=lambda kv: -kv[1]))


def model_memory_peaks(
    run_results: Mapping[str, Any], samples: Sequence[tuple[float, float]]
) -> dict[str, float]:
    """Per model of a dbt ``run_results.json``, the highest resident memory (MiB) sampled while it
    executed, highest first. ``samples`` are (Unix time, MiB) of the dbt process. With dbt threads
    > 1 two models can overlap, and a sample counts for both: the figure says when memory peaked,
    not which model alone holds it. Models with no sample inside their execution are left out."""
    peaks: dict[str, float] = {}
    for result in run_results.get("results", []):
        unique_id = str(result.get("unique_id", ""))
        if not unique_id.startswith(("model.", "snapshot.")):
            continue
        for timing in result.get("timing", []):
            if timing.get("name") != "execute" or not timing.get("started_at") or not timing.get("completed_at"):
                continue
            start = _iso_seconds(timing["started_at"])
            end = _iso_seconds(timing["completed_at"])
            inside = [mib for t, mib in samples if start <= t <= end]
            if inside:
                peaks[unique_id.rsplit(".", 1)[-1]] = max(inside)
    return dict(sorted(peaks.items(), key=lambda kv: -kv[1]))


def _iso_seconds(text: str) -> float:
    """Unix time of a dbt timing timestamp (ISO 8601, UTC, with or without a trailing Z)."""
    moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.timezone.utc)
    return moment.timestamp()


_MEMTOTAL = re.compile(r"^MemTotal:\s+(\d+)\s*kB", re.MULTILINE)


def parse_meminfo_total_kib(meminfo: str) -> int | None:
    """``MemTotal`` of a ``/proc/meminfo`` text, in KiB (``None`` when absent)."""
    match = _MEMTOTAL.search(meminfo)
    return int(match.group(1)) if match else None


def u_sample_max_pairs(n_records: int, pairs_per_record: int = 8, floor: float = 1e6, cap: float = 1e8) -> int:
    """Random pairs for Splink's u estimation: as many per record as the IDS samples
    (``random_pairs_per_record``), at least ``floor`` (Splink's default), at most ``cap``."""
    if n_records < 0 or pairs_per_record < 1:
        raise ValueError("n_records must be >= 0 and pairs_per_record >= 1")
    return int(min(cap, max(floor, n_records * pairs_per_record)))


def kib_to_mib(kib: float) -> float:
    """``ru_maxrss`` (KiB on Linux) in MiB."""
    return kib / 1024.0


def parse_levels(text: str) -> list[float]:
    """``"0.5,1,2,3"`` -> ``[0.5, 1.0, 2.0, 3.0]``: noise multipliers of a sweep (each >= 0, no repeats)."""
    levels: list[float] = []
    for part in text.split(","):
        part = part.strip()
        if not part:
            continue
        value = float(part)
        if value < 0 or value != value:
            raise ValueError(f"a noise level must be a number >= 0, not {part!r}")
        if value in levels:
            raise ValueError(f"noise level {part} is listed twice")
        levels.append(value)
    if not levels:
        raise ValueError("no noise level given")
    return levels


def noise_label(noise: float) -> str:
    """``2.0`` -> ``x2``, ``0.5`` -> ``x0.5``: the sweep's row label."""
    return f"x{noise:g}"


@dataclass(frozen=True)
class RobustnessRow:
    """One linker at one noise level (or on one external data set): quality and hazards merged."""

    level: str
    linker: str
    records: int | None
    precision: float | None
    recall: float | None
    f1: float | None
    twins_merged: int | None = None
    same_family_merged: int | None = None
    strangers_merged: int | None = None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


ROBUSTNESS_COLUMNS: tuple[tuple[str, str], ...] = (
    ("level", "data"),
    ("linker", "linker"),
    ("records", "records"),
    ("precision", "precision"),
    ("recall", "recall"),
    ("f1", "F1"),
    ("twins_merged", "twins merged"),
    ("same_family_merged", "same family merged"),
    ("strangers_merged", "strangers merged"),
)


def format_robustness_table(rows: Sequence[RobustnessRow]) -> str:
    """The robustness sweep (or the FEBRL table) as Markdown: one row per level and linker."""
    header = "| " + " | ".join(title for _, title in ROBUSTNESS_COLUMNS) + " |"
    align = "|" + "|".join(":---" if field in ("level", "linker") else "---:" for field, _ in ROBUSTNESS_COLUMNS) + "|"
    lines = [header, align]
    for row in rows:
        values = row.as_dict()
        cells = []
        for field, _ in ROBUSTNESS_COLUMNS:
            value = values[field]
            if field in ("records", "twins_merged", "same_family_merged", "strangers_merged") and value is not None:
                cells.append(f"{int(value):,}")
            else:
                cells.append(format_value(field, value))
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


@dataclass(frozen=True)
class LayerRow:
    """Wall time and peak memory of one dbt invocation (a layer, or the whole build)."""

    data: str
    step: str
    command: str
    wall_s: float | None
    peak_memory_mib: float | None
    status: str = "ok"


def format_layer_table(rows: Sequence[LayerRow]) -> str:
    """Per-layer (and whole-build) wall time and peak RSS as Markdown."""
    lines = [
        "| data | step | command | wall time (s) | peak memory (MiB) | status |",
        "|:---|:---|:---|---:|---:|:---|",
    ]
    for row in rows:
        wall = "n/a" if row.wall_s is None else f"{row.wall_s:.1f}"
        peak = "n/a" if row.peak_memory_mib is None else f"{row.peak_memory_mib:,.0f}"
        lines.append(f"| {row.data} | {row.step} | `{row.command}` | {wall} | {peak} | {row.status} |")
    return "\n".join(lines)


def layer_folders(model_paths: Iterable[str], layer: str) -> list[str]:
    """The model folders a layer selector would select: every folder named ``layer`` among the
    parent folders of the given model files (paths relative to the project, e.g.
    ``models/marts/contracts/fct_x.sql``). Empty when the layer does not exist (yet)."""
    found: set[str] = set()
    for path in model_paths:
        parts = path.replace("\\", "/").split("/")
        if not parts[-1].endswith((".sql", ".py")):
            continue
        for depth, part in enumerate(parts[:-1]):
            if part == layer:
                found.add("/".join(parts[: depth + 1]))
    return sorted(found)
