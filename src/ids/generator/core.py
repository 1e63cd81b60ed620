"""Run the whole generator: population, agencies in dependency order, file quirks, truth, contracts.

Why this order: DHS first (FaDSS copies its case ids and TANF spells), then FaDSS, HMIS and DCF
(program exits and removals), ECE (reads TANF/DCF for the subsidy reason), Medicaid, DOE (reads the
months of subsidy before kindergarten), DOL last (reads program exits). File-level quirks are
applied after every agency is done, and the truth map is computed from the *written* values, so it
covers exactly the ids in the files.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from ids.contract import EXTRACTS, EXTRACTS_BY_NAME, SOURCE_SYSTEMS

from . import dcf, dhs, doe, dol, ece, fadss, hmis, mcd, outcome_contracts
from .config import GeneratorConfig
from .context import Context, rng_for
from .names import NameBank
from .population import ROLE_NAMES, build_population
from .quirks import FileRules, QuirkLog, add_bad_rows, add_duplicates, interleave, nulls_and_spaces
from .tables import config_table
from .writers import write_table


FILE_RULES: dict[str, FileRules] = {
    "dhs_case_members": FileRules(
        dates=("dob", "spell_start", "spell_end"), codes=("sex", "race", "hispanic", "relationship_to_head", "program"),
        spans=(("spell_start", "spell_end"),), nonneg=("monthly_benefit",), keys=("client_id", "case_id"),
        no_pad=("client_id",)),
    "ece_subsidy_authorizations": FileRules(
        dates=("auth_start", "auth_end"), mdy_dates=("child_dob", "parent_dob"),
        codes=("reason", "provider_quality_rating"), spans=(("auth_start", "auth_end"),), nonneg=("weekly_hours",),
        keys=("child_person_id", "parent_person_id", "authorization_id"),
        no_pad=("child_person_id", "parent_person_id"), extra={"provider_quality_rating": ("0", "6", "A")}),
    "dol_ui_wages": FileRules(
        codes=("quarter", "year"), keys=("ssn", "employer_ein"), no_pad=("ssn",),
        extra={"quarter": ("5", "0", "Q2"), "year": ("20X3", "1899", "3024")}),
    "doe_students": FileRules(
        dates=("dob",), codes=("sex", "race", "hispanic", "ell", "sped", "frl"), keys=("state_student_id",),
        no_pad=("state_student_id",)),
    "doe_enrollments": FileRules(
        dates=("entry_date", "exit_date"), codes=("grade_level", "school_year"), spans=(("entry_date", "exit_date"),),
        nonneg=("days_enrolled", "days_attended"), keys=("state_student_id", "school_id"),
        no_pad=("state_student_id",), extra={"grade_level": ("K5", "13", "PRE"), "school_year": ("2023-2025", "2024")}),
    "doe_assessments": FileRules(
        codes=("assessment", "proficient", "scale_score", "performance_level"), nonneg=("scale_score",),
        keys=("state_student_id",), no_pad=("state_student_id",),
        extra={"assessment": ("KRA2", "ELA4", "SCI5"), "scale_score": ("999", "150", "1"),
               "performance_level": ("5", "0")}),
    "dcf_persons": FileRules(
        dates=("dob",), codes=("sex", "race", "hispanic"), keys=("dcf_person_id",), no_pad=("dcf_person_id",)),
    "dcf_reports": FileRules(
        dates=("report_date",), codes=("role", "allegation", "screened_in", "finding"),
        keys=("report_id", "dcf_person_id"), no_pad=("dcf_person_id",)),
    "dcf_removals": FileRules(
        dates=("removal_date", "discharge_date"), codes=("placement_setting", "discharge_reason"),
        spans=(("removal_date", "discharge_date"),), keys=("removal_id", "dcf_person_id"), no_pad=("dcf_person_id",)),
    "mcd_eligibility": FileRules(
        dates=("dob", "elig_start", "elig_end"), codes=("sex", "eligibility_group"),
        spans=(("elig_start", "elig_end"),),
        keys=("medicaid_id",), no_pad=("medicaid_id",)),
    "mcd_claims": FileRules(
        dates=("service_date",), codes=("service_category",), nonneg=("paid_amount",), keys=("claim_id", "medicaid_id"),
        no_pad=("medicaid_id",)),
    "hmis_client": FileRules(
        dates=("DOB",), codes=("Sex", "NameDataQuality", "SSNDataQuality", "DOBDataQuality"), keys=("PersonalID",),
        no_pad=("PersonalID",), extra={"Sex": ("3", "M", "F"), "NameDataQuality": ("4",), "SSNDataQuality": ("3",),
                                       "DOBDataQuality": ("7",)}),
    "hmis_enrollment": FileRules(
        dates=("EntryDate", "ExitDate", "MoveInDate"), codes=("ProjectType", "RelationshipToHoH", "Destination"),
        spans=(("EntryDate", "ExitDate"),), keys=("EnrollmentID", "PersonalID", "ProjectID"), no_pad=("PersonalID",),
        extra={"ProjectType": ("5", "7", "ES"), "RelationshipToHoH": ("6", "0"), "Destination": ("999", "17", "400")}),
    "fadss_enrollments": FileRules(
        dates=("dob", "enroll_date", "exit_date"), codes=("role", "exit_reason"), spans=(("enroll_date", "exit_date"),),
        keys=("participant_id", "family_id"), no_pad=("participant_id",)),
}


@dataclass
class GenerationResult:
    """Everything one run produces. ``extracts`` is empty for tables handed to a sink."""

    extracts: dict[str, pa.Table]
    truth_person_map: pa.Table
    truth_family_map: pa.Table
    contracts: dict[str, pa.Table]
    quirks: QuirkLog
    rows: dict[str, int] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)

    def row_counts(self) -> dict[str, int]:
        """Rows per extract (as written, quirks included), in contract order."""
        return {ex.name: self.rows[ex.name] for ex in EXTRACTS}


Sink = Callable[[str, pa.Table], None]


def generate(cfg: GeneratorConfig, sink: Sink | None = None) -> GenerationResult:
    """Generate every extract, the truth maps and the contract seeds for ``cfg``.

    With ``sink``, each finished extract is handed to it (e.g. written to disk) and not kept in
    memory, which keeps a million-person run well inside a few GiB.
    """
    if cfg.persons < 10:
        raise ValueError("need at least 10 persons")
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    log = QuirkLog()
    pop = build_population(rng_for(cfg.seed, "population"), cfg.persons, cfg.q, NameBank())
    ctx = Context(cfg, cfg.q, cfg.profile, pop, log)
    timings["population"] = time.perf_counter() - t0
    kept: dict[str, pa.Table] = {}
    rows: dict[str, int] = {}
    seen_ids: dict[str, set[str]] = {s: set() for s in SOURCE_SYSTEMS}
    for mod in (dhs, fadss, hmis, dcf, ece, mcd, doe, dol):
        t = time.perf_counter()
        built = mod.build(ctx)
        for name in list(built):  # file-level quirks right away: one copy of each table in memory
            table = _file_quirks(ctx, name, built.pop(name))
            ex = EXTRACTS_BY_NAME[name]
            for c in ex.person_id_columns:
                seen_ids[ex.agency].update(_clean_ids(table.column(c)))
            rows[name] = table.num_rows
            if sink is None:
                kept[name] = table
            else:
                sink(name, table)
            del table
        del built
        pa.default_memory_pool().release_unused()  # hand freed buffers back between agencies
        timings[mod.__name__.rsplit(".", 1)[-1]] = time.perf_counter() - t
    contracts = outcome_contracts.build(ctx)
    t = time.perf_counter()
    person_map = _truth_person_map(ctx, seen_ids)
    family_map = _truth_family_map(ctx)
    timings["truth"] = time.perf_counter() - t
    timings["total"] = time.perf_counter() - t0
    out = {ex.name: kept[ex.name] for ex in EXTRACTS if ex.name in kept}
    return GenerationResult(out, person_map, family_map, contracts, log, rows, timings)


def _file_quirks(ctx: Context, name: str, table: pa.Table) -> pa.Table:
    rng = ctx.rng(f"file:{name}")
    rules = FILE_RULES[name]
    n = table.num_rows
    table, _ = add_bad_rows(rng, table, rules, ctx.q.bad_rows, ctx.log, name)
    table = add_duplicates(rng, table, ctx.q.duplicate_rows, ctx.log, name)
    table = interleave(rng, table, n)
    return nulls_and_spaces(rng, table, ctx.q, rules.no_pad, ctx.log, name)


def _clean_ids(col: pa.ChunkedArray) -> list[str]:
    """Distinct non-missing ids after the warehouse's trim, sorted."""
    vals = pc.unique(pc.utf8_trim_whitespace(col.combine_chunks())).to_pylist()
    return sorted(v for v in vals if v not in ("", "NULL") and v is not None)


def _truth_person_map(ctx: Context, seen_ids: dict[str, set[str]]) -> pa.Table:
    src_col, id_col, tp_col = [], [], []
    for system in SOURCE_SYSTEMS:
        mapping = ctx.registry(system).mapping()
        for i in sorted(seen_ids[system]):
            if i not in mapping:
                raise RuntimeError(f"{system}: id {i!r} in the extract has no true person")
            src_col.append(system)
            id_col.append(i)
            tp_col.append(mapping[i])
    tp = np.array(tp_col, dtype=np.int64)
    return config_table("truth_person_map", {
        "source_system": np.array(src_col, dtype=object), "source_person_id": np.array(id_col, dtype=object),
        "true_person_id": np.array([f"TP{x:07d}" for x in tp.tolist()], dtype=object),
    })


def _truth_family_map(ctx: Context) -> pa.Table:
    pop = ctx.pop
    return config_table("truth_family_map", {
        "true_person_id": np.array([f"TP{x:07d}" for x in range(pop.n)], dtype=object),
        "true_family_id": np.array([f"TF{x:07d}" for x in pop.hh.tolist()], dtype=object),
        "role_in_family": np.array(ROLE_NAMES, dtype=object)[pop.role],
    })


def write_outputs(result: GenerationResult, out: Path, truth_out: Path | None = None,
                  contracts_out: Path | None = None, fmt: str = "csv") -> list[Path]:
    """Write the in-memory extracts (``fmt``), truth maps and contract seeds (always CSV)."""
    truth_out = truth_out or out
    contracts_out = contracts_out or out
    paths = []
    for name, table in result.extracts.items():
        paths.append(write_table(table, out, name, fmt, EXTRACTS_BY_NAME[name].delimiter))
    paths.append(write_table(result.truth_person_map, truth_out, "truth_person_map", "csv"))
    paths.append(write_table(result.truth_family_map, truth_out, "truth_family_map", "csv"))
    for name, table in result.contracts.items():
        paths.append(write_table(table, contracts_out, name, "csv"))
    return paths


def generate_to_disk(cfg: GeneratorConfig, out: Path, truth_out: Path | None = None,
                     contracts_out: Path | None = None, fmt: str = "csv") -> GenerationResult:
    """Generate and write, streaming each extract to ``out`` as soon as it is finished."""
    if fmt not in ("csv", "parquet"):
        raise ValueError(f"unknown format {fmt!r}")

    def sink(name: str, table: pa.Table) -> None:
        write_table(table, out, name, fmt, EXTRACTS_BY_NAME[name].delimiter)

    result = generate(cfg, sink)
    write_outputs(result, out, truth_out, contracts_out, fmt)
    return result
