"""Linkage benchmark helpers (scripts/benchmark.py): pairwise metrics, result tables, Splink runner.

Everything here except :mod:`ids.benchmark.splink_runner` is pure and needs only the standard
library; the runner imports Splink (an optional dependency, ``pip install splink==5.0.0``) lazily.
"""

from ids.benchmark.metrics import PairCounts, pair_counts_from_cells, pair_counts_from_rows
from ids.benchmark.report import (
    BenchmarkRow,
    format_markdown_table,
    kib_to_mib,
    linkage_model_times,
    model_memory_peaks,
    parse_meminfo_total_kib,
    u_sample_max_pairs,
)

__all__ = [
    "PairCounts",
    "pair_counts_from_cells",
    "pair_counts_from_rows",
    "BenchmarkRow",
    "format_markdown_table",
    "kib_to_mib",
    "linkage_model_times",
    "model_memory_peaks",
    "parse_meminfo_total_kib",
    "u_sample_max_pairs",
]
