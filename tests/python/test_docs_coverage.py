"""Every column in `dbt docs` is documented (issue #11): the generated base-model and seed column
docs are in sync with the sources yml, and the catalog-vs-manifest check finds every gap."""

from __future__ import annotations

from pathlib import Path

import yaml

from ids.base_docs import (
    BaseModel,
    base_model_entry,
    generated_files,
    parse_sources,
    seed_entry,
    stale_files,
    staged_table,
)
from ids.contract import EXTRACTS
from ids.docs_coverage import Gap, column_counts, undocumented

REPO = Path(__file__).resolve().parents[2]

SOURCES = """
version: 2
sources:
  - name: dol
    tables:
      - name: dol_ui_wages
        columns:
          - name: ssn
            description: "9 digits,
              no dashes."
            data_type: varchar
            config: {meta: {required: true}}
          - name: quarter
            description: Calendar quarter.
            data_type: integer
            config: {meta: {min: 1, max: 4}}
          - name: paid_on
            description: Pay date.
            data_type: date
            config: {meta: {not_future: true, date_format: "%m/%d/%Y"}}
          - name: naics2
            description: Sector.
            config: {meta: {code_set: naics2, code_case: lower}}
"""


def _table():
    return parse_sources(SOURCES)[0]


# --- generated column docs ---------------------------------------------------------------------------


def test_committed_generated_docs_match_the_sources_yml() -> None:
    stale = [str(p.relative_to(REPO)) for p in stale_files(REPO)]
    assert not stale, f"stale generated yml, run python scripts/document_base_models.py: {stale}"


def test_every_base_model_and_extract_seed_is_generated() -> None:
    files = generated_files(REPO)
    models = {
        m["name"]
        for path, text in files.items()
        if path.name == "_base__models.yml"
        for m in yaml.safe_load(text)["models"]
    }
    assert models == {p.stem for p in (REPO / "models" / "staging").glob("*/base/base_*.sql")}
    seeds = {
        s["name"]: s
        for path, text in files.items()
        if path.name.endswith("__seeds.yml")
        for s in yaml.safe_load(text)["seeds"]
    }
    for extract in EXTRACTS:
        seed = seeds[extract.name]
        assert list(seed["config"]["column_types"]) == list(extract.columns)
        assert [c["name"] for c in seed["columns"]] == list(extract.columns)


def test_parse_sources_reads_columns_in_order_with_type_and_meta() -> None:
    table = _table()
    assert (table.source, table.name) == ("dol", "dol_ui_wages")
    assert [c.name for c in table.columns] == ["ssn", "quarter", "paid_on", "naics2"]
    assert table.columns[0].description == "9 digits, no dashes."
    assert table.columns[3].data_type == "varchar"  # the default, as ids_declared_columns has it
    assert table.columns[1].meta == {"min": 1, "max": 4}


def test_staged_table_reads_the_macro_call() -> None:
    assert staged_table("{{ ids_stage_extract('dhs', 'dhs_case_members', checks=[]) }}") == (
        "dhs",
        "dhs_case_members",
    )
    assert staged_table("select 1") is None


def test_base_model_columns_follow_the_macro_order_and_state_the_checks() -> None:
    entry = base_model_entry(BaseModel("base_dol__ui_wages", "dol", "dol", "dol_ui_wages"), _table())
    names = [c["name"] for c in entry["columns"]]
    assert names == [
        "_ids_row_number", "_ids_row_hash",
        "ssn__text", "quarter__text", "paid_on__text", "naics2__text",
        "ssn", "quarter", "paid_on", "naics2",
        "_ids_is_duplicate", "_ids_duplicates_collapsed", "_ids_reject_reasons",
    ]
    by_name = {c["name"]: c["description"] for c in entry["columns"]}
    assert all(d.strip() for d in by_name.values())
    assert entry["columns"][0]["data_tests"] == ["unique", "not_null"]
    assert "9 digits, no dashes." in by_name["ssn__text"] and "MISSING_REQUIRED" in by_name["ssn"]
    assert "OUT_OF_RANGE (below 1 or above 4)" in by_name["quarter"]
    assert "%m/%d/%Y" in by_name["paid_on"] and "DATE_IN_FUTURE" in by_name["paid_on"]
    assert "lower-cased" in by_name["naics2__text"] and "code set `naics2`" in by_name["naics2"]
    assert "MISSING_REQUIRED" not in by_name["quarter"]


def test_seed_entry_loads_every_column_as_text() -> None:
    entry = seed_entry("demo", _table())
    assert entry["config"]["column_types"] == dict.fromkeys(
        ["ssn", "quarter", "paid_on", "naics2"], "varchar"
    )
    assert entry["columns"][1]["description"].startswith("Calendar quarter.")
    assert "source('dol', 'dol_ui_wages')" in entry["description"]


# --- catalog vs manifest -----------------------------------------------------------------------------


def _artifacts() -> tuple[dict, dict]:
    manifest = {
        "nodes": {
            "model.ids.a": {"resource_type": "model", "description": "A row.",
                            "columns": {"id": {"description": "Key."}, "x": {"description": "  "}}},
            "seed.ids.s": {"resource_type": "seed", "description": "", "columns": {}},
            "test.ids.t": {"resource_type": "test", "description": "", "columns": {}},
            "model.ids.e": {"resource_type": "model", "config": {"materialized": "ephemeral"}},
        },
        "sources": {"source.ids.raw.t": {"description": "T.", "columns": {"Col": {"description": "C."}}}},
    }
    catalog = {
        "nodes": {
            "model.ids.a": {"columns": {"id": {}, "x": {}, "y": {}}},
            "seed.ids.s": {"columns": {"c": {}}},
            "snapshot.ids.gone": {"columns": {"c": {}}},
        },
        "sources": {"source.ids.raw.t": {"columns": {"col": {}}}},
    }
    return manifest, catalog


def test_undocumented_finds_missing_and_empty_descriptions() -> None:
    manifest, catalog = _artifacts()
    assert undocumented(manifest, catalog) == [
        Gap("model.ids.a", "x", "empty description"),
        Gap("model.ids.a", "y", "column not listed in any yml"),
        Gap("seed.ids.s", "", "no description"),
        Gap("seed.ids.s", "c", "column not listed in any yml"),
        Gap("snapshot.ids.gone", "", "built but not in the manifest"),
    ]
    assert column_counts(catalog) == (4, 6)


def test_a_relation_missing_from_the_catalog_is_a_gap() -> None:
    manifest, catalog = _artifacts()
    del catalog["nodes"]["seed.ids.s"]
    gaps = undocumented(manifest, catalog)
    assert Gap("seed.ids.s", "", "not in the catalog (not built?), columns unchecked") in gaps
    assert not [g for g in gaps if g.unique_id in ("test.ids.t", "model.ids.e")]


def test_fully_documented_artifacts_have_no_gap() -> None:
    manifest, catalog = _artifacts()
    del catalog["nodes"]["snapshot.ids.gone"], catalog["nodes"]["seed.ids.s"]
    del manifest["nodes"]["seed.ids.s"]
    del catalog["nodes"]["model.ids.a"]["columns"]["y"]
    manifest["nodes"]["model.ids.a"]["columns"]["x"]["description"] = "An x."
    assert undocumented(manifest, catalog) == []


def test_payments_snapshot_describes_every_column_as_the_mart_does() -> None:
    """snp_contract_payments copies fct_contract_payments' columns (plus dbt's validity columns),
    so its hand-written descriptions must not drift from the mart's."""

    def columns(path: Path, kind: str, name: str) -> dict[str, str]:
        doc = yaml.safe_load(path.read_text())
        node = next(n for n in doc[kind] if n["name"] == name)
        return {c["name"]: " ".join(c["description"].split()) for c in node["columns"]}

    mart = columns(REPO / "models/marts/contracts/_contracts__models.yml", "models", "fct_contract_payments")
    snapshot = columns(REPO / "snapshots/snp_contract_payments.yml", "snapshots", "snp_contract_payments")
    assert {name: snapshot.get(name) for name in mart} == mart
    assert set(snapshot) - set(mart) == {"dbt_scd_id", "dbt_updated_at", "dbt_valid_from", "dbt_valid_to"}
