#!/usr/bin/env python3
r"""Generate the synthetic agency extracts, ground-truth maps and contract seeds.

Thin command-line wrapper around :mod:`ids.generator` (all logic lives in the package).

    python scripts/generate_extracts.py --persons 10000 --seed 20260101 \
        --out seeds/demo --truth-out seeds/truth --contracts-out seeds/contracts
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

try:
    import ids.generator  # noqa: F401  (installed package)
except ImportError:  # running from a checkout: make src/ importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from ids.generator import GeneratorConfig, generate_to_disk  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--persons", type=int, default=10_000, help="number of true persons (default 10000)")
    p.add_argument("--seed", type=int, default=20260101, help="random seed (default 20260101)")
    p.add_argument("--out", type=Path, required=True, help="directory for the agency extracts")
    p.add_argument("--truth-out", type=Path, default=None, help="directory for truth maps (default: --out)")
    p.add_argument("--contracts-out", type=Path, default=None, help="directory for contract seeds (default: --out)")
    p.add_argument("--format", choices=("csv", "parquet"), default="csv", help="extract file format (default csv)")
    p.add_argument("--noise", type=float, default=1.0, help="multiplier on every quirk rate (default 1.0; 0 = clean)")
    p.add_argument("--quiet", action="store_true", help="print nothing")
    a = p.parse_args(argv)
    if a.persons < 10:
        p.error("--persons must be at least 10")
    if a.noise < 0:
        p.error("--noise must be >= 0")
    t0 = time.perf_counter()
    result = generate_to_disk(GeneratorConfig(persons=a.persons, seed=a.seed, noise=a.noise), a.out,
                              a.truth_out, a.contracts_out, a.format)
    if not a.quiet:
        for name, n in result.row_counts().items():
            print(f"{name:30s} {n:>10,d} rows")
        print(f"{'truth_person_map':30s} {result.truth_person_map.num_rows:>10,d} rows")
        print(f"wrote {len(result.rows) + 4} files in {time.perf_counter() - t0:.1f}s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
