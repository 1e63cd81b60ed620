"""Is every column that exists in the warehouse documented? (issue #11: no undocumented column).

`dbt docs generate` writes two artifacts: ``catalog.json`` lists the columns each built relation
really has (models, seeds, snapshots, sources), ``manifest.json`` the descriptions the yml files give
them. A column the catalog knows and the manifest does not describe shows up in the docs site with an
empty description. This module lists those gaps; ``python -m ids.docs_coverage [target_dir]`` prints
them and exits 1 when there is any (``make docs-check``, part of ``make test``).

Column names are matched ignoring case, as DuckDB resolves identifiers. Every model, seed and snapshot
of the manifest must be in the catalog, so a partly built warehouse does not pass unchecked.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

#: What the catalog calls a group of relations, and where the manifest keeps the same nodes.
_SECTIONS = (("nodes", "nodes"), ("sources", "sources"))
#: Manifest nodes that are relations once built; the check needs every one of them in the catalog.
_RELATION_TYPES = ("model", "seed", "snapshot")


@dataclass(frozen=True, order=True)
class Gap:
    """One undocumented thing: a node without a description, or a column of it."""

    unique_id: str
    column: str  # "" for the node itself
    problem: str

    def __str__(self) -> str:
        where = f"{self.unique_id}.{self.column}" if self.column else self.unique_id
        return f"{where}: {self.problem}"


def _is_populated(description: Any) -> bool:
    return isinstance(description, str) and description.strip() != ""


def undocumented(manifest: dict[str, Any], catalog: dict[str, Any]) -> list[Gap]:
    """Every node of the catalog without a description, and every column of it without one."""
    gaps: list[Gap] = []
    for catalog_section, manifest_section in _SECTIONS:
        documented = manifest.get(manifest_section, {})
        for unique_id, built in catalog.get(catalog_section, {}).items():
            node = documented.get(unique_id)
            if node is None:
                gaps.append(Gap(unique_id, "", "built but not in the manifest"))
                continue
            if not _is_populated(node.get("description")):
                gaps.append(Gap(unique_id, "", "no description"))
            described = {
                name.lower(): column.get("description")
                for name, column in (node.get("columns") or {}).items()
            }
            for name in (built.get("columns") or {}):
                key = name.lower()
                if key not in described:
                    gaps.append(Gap(unique_id, name, "column not listed in any yml"))
                elif not _is_populated(described[key]):
                    gaps.append(Gap(unique_id, name, "empty description"))
    gaps += unbuilt(manifest, catalog)
    return sorted(gaps)


def unbuilt(manifest: dict[str, Any], catalog: dict[str, Any]) -> list[Gap]:
    """Models, seeds and snapshots the catalog does not hold: their columns went unchecked, so a
    partly built warehouse cannot pass for a documented one. (Sources are not required: a folder
    may lack an optional extract, and the demo has no folder copy of the contracts.)"""
    built = catalog.get("nodes", {})
    return [
        Gap(unique_id, "", "not in the catalog (not built?), columns unchecked")
        for unique_id, node in manifest.get("nodes", {}).items()
        if node.get("resource_type") in _RELATION_TYPES
        and (node.get("config") or {}).get("materialized") != "ephemeral"
        and unique_id not in built
    ]


def column_counts(catalog: dict[str, Any]) -> tuple[int, int]:
    """How many relations and columns the catalog holds (for the summary line)."""
    relations = [node for section, _ in _SECTIONS for node in catalog.get(section, {}).values()]
    return len(relations), sum(len(node.get("columns") or {}) for node in relations)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    target = Path(args[0] if args else "target")
    manifest = json.loads((target / "manifest.json").read_text())
    catalog = json.loads((target / "catalog.json").read_text())
    gaps = undocumented(manifest, catalog)
    relations, columns = column_counts(catalog)
    for gap in gaps:
        print(gap)
    if gaps:
        print(f"{len(gaps)} undocumented node(s) or column(s) among {relations} relations and {columns} columns")
        return 1
    print(f"docs coverage: all {columns} columns of {relations} relations are documented")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
