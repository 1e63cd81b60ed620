"""Draw the linkage diagnostics a reviewer reads: the match-weight histogram (true matches and
non-matches when the truth map is present) and the m/u weights per comparison level.

    .venv/bin/python scripts/plot_linkage_diagnostics.py [--db warehouse/ids.duckdb] [--out linkage_diagnostics.png]
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

import duckdb
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default=os.environ.get("IDS_DUCKDB_PATH", "warehouse/ids.duckdb"))
    parser.add_argument("--out", default="warehouse/linkage_diagnostics.png")
    args = parser.parse_args()

    with duckdb.connect(args.db, read_only=True) as con:
        hist = con.sql(
            "select weight_bin, candidate_pairs, true_match_pairs, true_non_match_pairs "
            "from linkage.linkage_match_weight_histogram order by weight_bin"
        ).fetchall()
        params = con.sql(
            "select comparison, level, match_weight from linkage.linkage_parameters "
            "order by comparison, level"
        ).fetchall()
        threshold = con.sql(
            "select value from config.linkage_settings where setting = 'match_threshold'"
        ).fetchone()[0]

    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(14, 5))
    bins = [r[0] for r in hist]
    has_truth = any(r[2] or r[3] for r in hist)
    if has_truth:
        ax1.bar(bins, [r[3] for r in hist], color="#c0392b", label="different people (truth)")
        ax1.bar(bins, [r[2] for r in hist], bottom=[r[3] for r in hist], color="#27ae60",
                label="same person (truth)")
    else:
        ax1.bar(bins, [r[1] for r in hist], color="#7f8c8d", label="candidate pairs")
    import math

    ax1.axvline(math.log2(threshold / (1 - threshold)), color="black", linestyle="--",
                label=f"match threshold p={threshold:g}")
    ax1.set_yscale("log")
    ax1.set_xlabel("match weight (bits)")
    ax1.set_ylabel("candidate pairs (log scale)")
    ax1.set_title("Match-weight distribution of candidate pairs")
    ax1.legend()

    labels = [f"{c}:{lvl}" for c, lvl, _ in params]
    weights = [w for _, _, w in params]
    ax2.barh(labels, weights, color=["#27ae60" if w > 0 else "#c0392b" for w in weights])
    ax2.set_xlabel("log2(m/u) (bits)")
    ax2.set_title("Match weight per comparison level")
    ax2.invert_yaxis()

    fig.tight_layout()
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(args.out, dpi=110)
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
