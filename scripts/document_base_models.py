r"""Write the column documentation of the base models and the extract seeds from the sources yml.

    python scripts/document_base_models.py          # (re)write the generated properties files
    python scripts/document_base_models.py --check  # exit 1 when a committed one is stale

The files are models/staging/<agency>/base/_base__models.yml, seeds/demo/_demo__seeds.yml and
seeds/truth/_truth__seeds.yml (see src/ids/base_docs.py). Run it after changing a sources yml.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from ids.base_docs import generated_files, stale_files  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="only report stale files (exit 1 if any)")
    args = parser.parse_args()
    if args.check:
        stale = stale_files(ROOT)
        for path in stale:
            print(f"stale: {path.relative_to(ROOT)} (run python scripts/document_base_models.py)")
        return 1 if stale else 0
    for path, text in generated_files(ROOT).items():
        if not path.exists() or path.read_text() != text:
            path.write_text(text)
            print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
