"""The extract contract is declared in three places that must agree: src/ids/contract.py (generator),
the agency sources.yml files (staging) and the demo seed properties (all-text column types)."""

from __future__ import annotations

from pathlib import Path

import yaml

from ids.contract import EXTRACTS, TRUTH_TABLES

REPO = Path(__file__).resolve().parents[2]


def _declared_sources() -> dict[str, list[str]]:
    tables: dict[str, list[str]] = {}
    for path in sorted((REPO / "models" / "staging").glob("*/_*__sources.yml")):
        doc = yaml.safe_load(path.read_text())
        for source in doc.get("sources", []):
            for table in source.get("tables", []):
                tables[table["name"]] = [c["name"] for c in table.get("columns", [])]
    return tables


def test_every_extract_is_a_source_with_the_contract_columns_in_order() -> None:
    declared = _declared_sources()
    for extract in EXTRACTS:
        assert declared.get(extract.name) == list(extract.columns), extract.name
    for name, columns in TRUTH_TABLES.items():
        assert declared.get(name) == list(columns), name


def test_every_source_column_declares_a_type_and_description() -> None:
    for path in sorted((REPO / "models" / "staging").glob("*/_*__sources.yml")):
        doc = yaml.safe_load(path.read_text())
        for source in doc["sources"]:
            assert source.get("description"), source["name"]
            for table in source["tables"]:
                assert table.get("description"), table["name"]
                for column in table.get("columns", []):
                    assert column.get("description"), (table["name"], column["name"])


def test_demo_seeds_load_every_column_as_text() -> None:
    doc = yaml.safe_load((REPO / "seeds" / "demo" / "_demo__seeds.yml").read_text())
    seeds = {s["name"]: s["config"]["column_types"] for s in doc["seeds"]}
    for extract in EXTRACTS:
        assert list(seeds[extract.name]) == list(extract.columns)
        assert set(seeds[extract.name].values()) == {"varchar"}
