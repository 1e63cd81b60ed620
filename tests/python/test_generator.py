"""Tests of the synthetic extract generator (``ids.generator``) against the partner contract.

Small populations (a few hundred persons) keep the whole module to a few seconds. The code lists
below are copied from docs/agency_extracts_spec.md on purpose: they are the contract the
generator must honour, not the generator's own constants.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pyarrow.parquet as pq
import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))

from ids.contract import CONTRACT_TABLES, EXTRACTS, EXTRACTS_BY_NAME, SOURCE_SYSTEMS, TRUTH_TABLES  # noqa: E402
from ids.generator import GeneratorConfig, generate, generate_to_disk  # noqa: E402
from ids.generator.config import QuirkRates  # noqa: E402
from ids.generator.names import NameBank  # noqa: E402
from ids.generator.population import build_population, valid_ssn_mask  # noqa: E402
from ids.generator.context import rng_for  # noqa: E402

SEED = 4242

# --- spec code lists ----------------------------------------------------------------------------
RACES = {"WHITE", "BLACK", "ASIAN", "AIAN", "NHPI", "MULTI", "UNKNOWN"}
CODES: dict[str, dict[str, set[str]]] = {
    "dhs_case_members": {
        "sex": {"M", "F", "U"}, "race": RACES, "hispanic": {"Y", "N", "U"}, "program": {"TANF", "SNAP"},
        "relationship_to_head": {"HEAD", "SPOUSE", "PARTNER", "CHILD", "STEPCHILD", "GRANDCHILD",
                                 "OTHER_RELATIVE", "NONRELATIVE"},
        "name_suffix": {"", "JR", "SR", "II", "III", "IV"},
    },
    "ece_subsidy_authorizations": {
        "reason": {"EMPLOYMENT", "EDUCATION_TRAINING", "PROTECTIVE", "TANF"},
        "provider_quality_rating": {"", "1", "2", "3", "4", "5"},
    },
    "doe_students": {"sex": {"M", "F", "X"}, "race": RACES, "hispanic": {"Y", "N", "U"}, "ell": {"Y", "N"},
                     "sped": {"Y", "N"}, "frl": {"Y", "N"}, "name_suffix": {"", "JR", "SR", "II", "III", "IV"}},
    "doe_enrollments": {"grade_level": {"PK", "KG"} | {f"{g:02d}" for g in range(1, 13)}},
    "doe_assessments": {"assessment": {"KRA", "ELA3", "MATH3"}, "performance_level": {"1", "2", "3", "4"},
                        "proficient": {"Y", "N"}},
    "dcf_persons": {"sex": {"M", "F", "U"}, "race": RACES, "hispanic": {"Y", "N", "U"}},
    "dcf_reports": {
        "role": {"ALLEGED_VICTIM", "ALLEGED_PERPETRATOR", "PARENT", "OTHER_CAREGIVER"},
        "allegation": {"NEGLECT", "PHYSICAL_ABUSE", "SEXUAL_ABUSE", "EMOTIONAL_ABUSE"},
        "screened_in": {"Y", "N"}, "finding": {"SUBSTANTIATED", "UNSUBSTANTIATED", "INCONCLUSIVE", ""},
    },
    "dcf_removals": {"placement_setting": {"FOSTER_FAMILY", "KINSHIP", "CONGREGATE"},
                     "discharge_reason": {"REUNIFICATION", "ADOPTION", "GUARDIANSHIP", "EMANCIPATION", "OTHER", ""}},
    "mcd_eligibility": {"sex": {"M", "F", "U"}, "eligibility_group": {"CHILD", "CHIP", "PARENT_CARETAKER", "PREGNANT",
                                                                       "EXPANSION_ADULT", "DISABLED"}},
    "mcd_claims": {"service_category": {"WELL_CHILD", "PRIMARY_CARE", "PRENATAL", "ED_VISIT", "INPATIENT",
                                        "BEHAVIORAL_HEALTH", "PHARMACY"}},
    "hmis_client": {"NameDataQuality": {"1", "2", "8", "9", "99"}, "SSNDataQuality": {"1", "2", "8", "9", "99"},
                    "DOBDataQuality": {"1", "2", "8", "9", "99"}, "Sex": {"0", "1", "8", "9", "99"},
                    "NameSuffix": {"", "JR", "SR", "II", "III", "IV"}},
    "hmis_enrollment": {"ProjectType": {"0", "1", "2", "3", "4", "13"},
                        "RelationshipToHoH": {"1", "2", "3", "4", "5", "99"},
                        "Destination": {"", "101", "116", "215", "410", "411", "421", "422", "423", "426", "435",
                                        "8", "9", "99"}},
    "fadss_enrollments": {"role": {"PRIMARY_ADULT", "SECONDARY_ADULT", "CHILD"},
                          "exit_reason": {"", "GOALS_MET", "TANF_CLOSED", "MOVED", "LOST_CONTACT", "DECLINED",
                                          "OTHER"}},
    "dol_ui_wages": {"quarter": {"1", "2", "3", "4"}},
}
ISO_DATES = {
    "dhs_case_members": ("dob", "spell_start", "spell_end"),
    "ece_subsidy_authorizations": ("auth_start", "auth_end"),
    "doe_students": ("dob",), "doe_enrollments": ("entry_date", "exit_date"),
    "dcf_persons": ("dob",), "dcf_reports": ("report_date",), "dcf_removals": ("removal_date", "discharge_date"),
    "mcd_eligibility": ("dob", "elig_start", "elig_end"), "mcd_claims": ("service_date",),
    "hmis_client": ("DOB",), "hmis_enrollment": ("EntryDate", "ExitDate", "MoveInDate"),
    "fadss_enrollments": ("dob", "enroll_date", "exit_date"),
}
SPANS = {
    "dhs_case_members": ("spell_start", "spell_end"), "ece_subsidy_authorizations": ("auth_start", "auth_end"),
    "doe_enrollments": ("entry_date", "exit_date"), "dcf_removals": ("removal_date", "discharge_date"),
    "mcd_eligibility": ("elig_start", "elig_end"), "hmis_enrollment": ("EntryDate", "ExitDate"),
    "fadss_enrollments": ("enroll_date", "exit_date"),
}
ALL_QUIRKS = (
    "name_case", "name_double_space", "name_stray_space", "accent_stripped", "punct_removed", "particle_collapsed",
    "suffix_in_last", "nickname", "phonetic_spelling", "typo_substitution", "typo_deletion", "typo_insertion",
    "typo_transposition", "first_last_swap", "first_middle_swap", "last_name_change", "dol_name_format",
    "dob_transposed", "dob_year_digit", "dob_placeholder", "dob_missing", "dob_estimated", "dob_mdy",
    "dob_approximate", "ssn_dashes", "ssn_no_dashes", "ssn_missing", "ssn_placeholder", "ssn_invalid", "ssn_typo",
    "ssn_transposed", "ssn_child_parent", "ssn_partial_hmis", "duplicate_person_id", "fadss_case_typo",
    "null_literal", "stray_whitespace", "duplicate_row", "bad_date", "bad_code", "bad_negative",
    "bad_end_before_start", "bad_missing_key", "sex_unknown", "zip_plus4", "hmis_name_partial",
    "dol_zero_or_negative_wage",
)


def read_csv(path: Path, delimiter: str = ",") -> tuple[list[str], list[list[str]]]:
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh, delimiter=delimiter))
    return rows[0], rows[1:]


def read_dir(d: Path) -> dict[str, tuple[list[str], list[list[str]]]]:
    return {ex.name: read_csv(d / f"{ex.name}.csv", ex.delimiter) for ex in EXTRACTS}


def col(table: tuple[list[str], list[list[str]]], name: str) -> list[str]:
    i = table[0].index(name)
    return [r[i] for r in table[1]]


def missing(v: str) -> bool:
    return v.strip() in ("", "NULL")


def parse_iso(v: str) -> dt.date:
    return dt.date.fromisoformat(v.strip())


# --- fixtures ------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def default_run(tmp_path_factory):
    d = tmp_path_factory.mktemp("default")
    res = generate_to_disk(GeneratorConfig(persons=800, seed=SEED), d)
    return res, d, read_dir(d)


@pytest.fixture(scope="module")
def clean_run(tmp_path_factory):
    d = tmp_path_factory.mktemp("clean")
    res = generate_to_disk(GeneratorConfig(persons=800, seed=SEED, noise=0.0), d)
    return res, d, read_dir(d)


# --- contract shape ------------------------------------------------------------------------------

def test_every_extract_has_exactly_the_contract_columns(default_run):
    _, d, tables = default_run
    for ex in EXTRACTS:
        header, rows = tables[ex.name]
        assert tuple(header) == ex.columns, ex.name
        assert rows, f"{ex.name} is empty"
        assert all(len(r) == len(ex.columns) for r in rows), ex.name
    for name, cols in {**CONTRACT_TABLES, **TRUTH_TABLES}.items():
        assert tuple(read_csv(d / f"{name}.csv")[0]) == cols


def test_dol_is_pipe_delimited_and_others_are_comma(default_run):
    _, d, _ = default_run
    first = (d / "dol_ui_wages.csv").read_text(encoding="utf-8").splitlines()[0]
    assert first == "|".join(EXTRACTS_BY_NAME["dol_ui_wages"].columns)
    assert "," not in first
    assert (d / "dhs_case_members.csv").read_text(encoding="utf-8").splitlines()[0].startswith("case_id,client_id,")


def test_ece_dates_are_mm_dd_yyyy(default_run, clean_run):
    pat = re.compile(r"^\d{2}/\d{2}/\d{4}$")
    for run, strict in ((clean_run, True), (default_run, False)):
        t = run[2]["ece_subsidy_authorizations"]
        vals = [v.strip() for c in ("child_dob", "parent_dob") for v in col(t, c) if not missing(v)]
        ok = [v for v in vals if pat.match(v) and _valid_mdy(v)]
        assert vals
        if strict:
            assert len(ok) == len(vals)
        else:
            assert len(ok) >= 0.98 * len(vals)  # a few deliberately bad rows for the quarantine


def _valid_mdy(v: str) -> bool:
    try:
        dt.datetime.strptime(v, "%m/%d/%Y")
        return True
    except ValueError:
        return False


# --- truth maps ----------------------------------------------------------------------------------

def test_truth_map_covers_every_source_person_id_exactly_once(default_run):
    _, d, tables = default_run
    header, rows = read_csv(d / "truth_person_map.csv")
    pairs = [(r[0], r[1]) for r in rows]
    assert len(pairs) == len(set(pairs)), "truth map repeats a (source, id)"
    assert {r[0] for r in rows} == set(SOURCE_SYSTEMS)
    for system in SOURCE_SYSTEMS:
        in_files = {v.strip() for ex in EXTRACTS if ex.agency == system for c in ex.person_id_columns
                    for v in col(tables[ex.name], c) if not missing(v)}
        in_truth = {r[1] for r in rows if r[0] == system}
        assert in_files == in_truth, system
    # ids in child tables (enrollments, claims, reports) are ids of the same source
    for name, c, system in (("doe_enrollments", "state_student_id", "doe"), ("mcd_claims", "medicaid_id", "mcd"),
                            ("dcf_reports", "dcf_person_id", "dcf"), ("hmis_enrollment", "PersonalID", "hmis")):
        ids = {v.strip() for v in col(tables[name], c) if not missing(v)}
        assert ids <= {r[1] for r in rows if r[0] == system}, name


def test_truth_map_is_a_function_and_families_are_complete(default_run):
    _, d, _ = default_run
    _, rows = read_csv(d / "truth_person_map.csv")
    seen: dict[tuple[str, str], str] = {}
    for s, i, tp in rows:
        assert seen.setdefault((s, i), tp) == tp
    _, fam = read_csv(d / "truth_family_map.csv")
    roles = {r[2] for r in fam}
    assert roles <= {"PARENT", "CHILD", "GRANDPARENT", "OTHER_ADULT"}
    assert roles == {"PARENT", "CHILD", "GRANDPARENT", "OTHER_ADULT"}
    people = [r[0] for r in fam]
    assert len(people) == len(set(people)) == 800
    assert {r[2] for r in rows} <= set(people)
    # households with children have at least one adult
    by_family: dict[str, set[str]] = {}
    for p, f, role in fam:
        by_family.setdefault(f, set()).add(role)
    assert all(r != {"CHILD"} for r in by_family.values())


def test_dol_ssn_ids_never_collide_with_another_persons_ssn(default_run):
    """A typo'd DOL SSN must not be someone else's real SSN (the map would stop being a function
    when the warehouse compares it with SSNs from other sources)."""
    _, d, tables = default_run
    _, rows = read_csv(d / "truth_person_map.csv")
    dol = {i: tp for s, i, tp in rows if s == "dol"}
    assert all(re.fullmatch(r"\d{9}", i) for i in dol)
    # real SSNs as recorded (without dashes) by sources that copy them cleanly most of the time
    real: dict[str, set[str]] = {}
    truth = {(s, i): tp for s, i, tp in rows}
    for name, idc, sc, system in (("dhs_case_members", "client_id", "ssn", "dhs"),
                                  ("mcd_eligibility", "medicaid_id", "ssn", "mcd")):
        for pid, ssn in zip(col(tables[name], idc), col(tables[name], sc)):
            if not missing(pid) and not missing(ssn):
                real.setdefault(ssn.strip().replace("-", ""), set()).add(truth[(system, pid.strip())])
    shared = [s for s, tp in dol.items() if s in real and len(real[s]) == 1 and tp not in real[s]]
    # a DOL SSN equal to an SSN another source shows for one other person can only come from that
    # source's own errors (typos, child with parent's SSN), never from DOL's
    assert len(shared) <= 0.02 * len(dol)


# --- population ----------------------------------------------------------------------------------

def test_population_ssns_are_valid_unique_and_hazards_exist():
    pop = build_population(rng_for(SEED, "population"), 5000, QuirkRates(), NameBank())
    assert len(np.unique(pop.ssn)) == pop.n
    assert valid_ssn_mask(pop.ssn).all()
    assert not np.isin(pop.ssn, [0, 111111111, 123456789, 999999999]).any()
    kids = np.flatnonzero(pop.role == 1)
    # twins: same household, same DOB, different first names
    key = {}
    twins = 0
    for i in kids.tolist():
        k = (int(pop.hh[i]), int(pop.dob[i]))
        if k in key:
            assert pop.first[i] != pop.first[key[k]]
            twins += 1
        key[k] = i
    assert twins > 0
    # juniors: a JR shares first and last name with someone in the household born earlier
    jr = np.flatnonzero(pop.suffix == "JR")
    assert len(jr) > 0
    for i in jr.tolist():
        mates = np.flatnonzero((pop.hh == pop.hh[i]) & (pop.first == pop.first[i]) & (pop.dob < pop.dob[i]))
        assert len(mates) >= 1
    # common names with different DOBs; accents, particles, apostrophes and hyphens in true names
    full = [f"{a} {b}" for a, b in zip(pop.first.tolist(), pop.last0.tolist())]
    counts: dict[str, int] = {}
    for f in full:
        counts[f] = counts.get(f, 0) + 1
    assert max(counts.values()) >= 3
    lasts = set(pop.last0.tolist())
    assert any("'" in s for s in lasts) and any("-" in s for s in lasts)
    assert any(s.startswith(("De ", "Van ", "Del ")) for s in lasts)
    assert any(c in "".join(lasts) + "".join(pop.first.tolist()) for c in "éñáíóú")
    assert (pop.last_new != "").sum() > 0  # name changes during the history


# --- determinism, formats, CLI ---------------------------------------------------------------------

def test_same_seed_same_bytes_different_seed_different(tmp_path):
    a, b, c = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    generate_to_disk(GeneratorConfig(persons=300, seed=99), a)
    generate_to_disk(GeneratorConfig(persons=300, seed=99), b)
    generate_to_disk(GeneratorConfig(persons=300, seed=100), c)
    files = sorted(p.name for p in a.iterdir())
    assert files == sorted(p.name for p in b.iterdir())
    assert len(files) == len(EXTRACTS) + 4
    for f in files:
        assert (a / f).read_bytes() == (b / f).read_bytes(), f
    assert any((a / f).read_bytes() != (c / f).read_bytes() for f in files)


def test_parquet_mode_writes_the_same_string_tables(tmp_path):
    cfg = GeneratorConfig(persons=300, seed=5)
    generate_to_disk(cfg, tmp_path / "csv", fmt="csv")
    res = generate_to_disk(cfg, tmp_path / "pq", fmt="parquet")
    for ex in EXTRACTS:
        t = pq.read_table(tmp_path / "pq" / f"{ex.name}.parquet")
        assert tuple(t.column_names) == ex.columns
        assert all(str(f.type) == "string" for f in t.schema)
        assert t.num_rows == res.rows[ex.name]
        header, rows = read_csv(tmp_path / "csv" / f"{ex.name}.csv", ex.delimiter)
        assert [list(r.values()) for r in t.to_pylist()] == rows, ex.name
    assert (tmp_path / "pq" / "truth_person_map.csv").exists()


def test_cli_runs_with_defaults_for_truth_and_contract_dirs(tmp_path):
    out = tmp_path / "x"
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "generate_extracts.py"), "--persons", "150",
                           "--seed", "3", "--out", str(out), "--quiet"], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    names = {p.name for p in out.iterdir()}
    assert {f"{ex.name}.csv" for ex in EXTRACTS} <= names
    assert {"truth_person_map.csv", "truth_family_map.csv", "contracts.csv", "contract_outcome_terms.csv"} <= names


# --- quirks --------------------------------------------------------------------------------------

def test_every_quirk_kind_occurs():
    res = generate(GeneratorConfig(persons=1000, seed=SEED))
    absent = [k for k in ALL_QUIRKS if res.quirks.counts.get(k, 0) == 0]
    assert not absent, absent


def test_quirks_are_visible_in_the_files(default_run):
    _, _, t = default_run
    every = [v for ex in EXTRACTS for r in t[ex.name][1] for v in r]
    assert any(v == "NULL" for v in every)
    assert any(v and v != v.strip() for v in every)
    dups = sum(1 for ex in EXTRACTS if len(t[ex.name][1]) != len({tuple(r) for r in t[ex.name][1]}))
    assert dups >= len(EXTRACTS) // 2
    assert any(re.fullmatch(r"\d{3}-\d{2}-\d{4}", v) for v in col(t["dhs_case_members"], "ssn"))
    assert any(re.fullmatch(r"\d{9}", v) for v in col(t["dhs_case_members"], "ssn"))
    hm = t["hmis_client"]
    partial = [(s, q) for s, q in zip(col(hm, "SSN"), col(hm, "SSNDataQuality")) if s.startswith("xxxxx")]
    assert partial and all(re.fullmatch(r"xxxxx\d{4}", s) and q.strip() == "2" for s, q in partial)
    assert any(re.fullmatch(r"\d{5}-\d{4}", v.strip()) for v in col(t["dhs_case_members"], "zip"))
    ece_ssn = col(t["ece_subsidy_authorizations"], "parent_ssn")
    assert 0.3 < sum(missing(v) for v in ece_ssn) / len(ece_ssn) < 0.7
    dcf_ssn = col(t["dcf_persons"], "ssn")
    assert sum(missing(v) for v in dcf_ssn) / len(dcf_ssn) > 0.6
    dol = t["dol_ui_wages"]
    assert all(len(v.strip()) <= 12 and v.strip() == v.strip().upper() for v in col(dol, "last_name"))
    wages = [float(v) for v in col(dol, "wages") if re.fullmatch(r"-?\d+(\.\d{1,2})?", v.strip())]
    assert min(wages) < 0 and 0.0 in wages


def test_noise_zero_is_clean(clean_run):
    res, _, t = clean_run
    assert res.quirks.counts == {} or all(k in ("dol_name_format", "dob_mdy", "ssn_no_dashes", "ssn_dashes",
                                               "dol_zero_or_negative_wage", "ssn_missing", "dob_missing",
                                               "dob_estimated", "ssn_partial_hmis", "dob_approximate",
                                               "zip_plus4", "last_name_change", "hmis_name_partial")
                                          for k in res.quirks.counts)
    for ex in EXTRACTS:
        rows = t[ex.name][1]
        assert len(rows) == len({tuple(r) for r in rows}), f"{ex.name} has duplicate rows"
        for r in rows:
            for v in r:
                assert v != "NULL" and v == v.strip(), (ex.name, r)


# --- integrity of the clean data ----------------------------------------------------------------------

def test_clean_codes_dates_spans_and_ranges(clean_run):
    _, _, t = clean_run
    for name, cols in CODES.items():
        for c, allowed in cols.items():
            bad = set(col(t[name], c)) - allowed
            assert not bad, (name, c, bad)
    for name, cols in ISO_DATES.items():
        for c in cols:
            for v in col(t[name], c):
                if v:
                    parse_iso(v)
    for name, (a, b) in SPANS.items():
        for s, e in zip(col(t[name], a), col(t[name], b)):
            if s and e:
                assert parse_iso(e) >= parse_iso(s), (name, s, e)
    enr = t["doe_enrollments"]
    for de, da in zip(col(enr, "days_enrolled"), col(enr, "days_attended")):
        assert 0 <= int(da) <= int(de) <= 185
    asm = t["doe_assessments"]
    for a, sc, lvl, p in zip(col(asm, "assessment"), col(asm, "scale_score"), col(asm, "performance_level"),
                             col(asm, "proficient")):
        s = int(sc)
        if a == "KRA":
            assert 202 <= s <= 298 and (p == "Y") == (s >= 270)
        else:
            assert 300 <= s <= 500 and (p == "Y") == (int(lvl) >= 3)
    for v in col(t["dhs_case_members"], "county_fips"):
        assert re.fullmatch(r"\d{5}", v) and v.startswith("0")
    for v in col(t["dol_ui_wages"], "ssn"):
        assert re.fullmatch(r"\d{9}", v)
    for v in col(t["dol_ui_wages"], "first_initial"):
        assert re.fullmatch(r"[A-Z]", v)
    for name in ("dhs_case_members", "mcd_claims", "dol_ui_wages"):
        c = {"dhs_case_members": "monthly_benefit", "mcd_claims": "paid_amount", "dol_ui_wages": "wages"}[name]
        assert all(re.fullmatch(r"-?\d+\.\d{2}", v) for v in col(t[name], c))
    hm = t["hmis_enrollment"]
    for pt, mv in zip(col(hm, "ProjectType"), col(hm, "MoveInDate")):
        assert not mv or pt in ("3", "13")


def test_contracts_reference_served_providers_and_every_metric(default_run):
    _, d, t = default_run
    _, contracts = read_csv(d / "contracts.csv")
    _, terms = read_csv(d / "contract_outcome_terms.csv")
    assert 6 <= len(contracts) <= 10
    assert {r[2] for r in contracts} == {"FADSS", "PSH", "ECE"}
    fadss = set(col(t["fadss_enrollments"], "provider_id"))
    hm = t["hmis_enrollment"]
    housing = {p for p, ty in zip(col(hm, "ProjectID"), col(hm, "ProjectType")) if ty.strip() in ("3", "13")}
    ece = set(col(t["ece_subsidy_authorizations"], "provider_id"))
    for cid, _, prog, prov, start, end, pay in contracts:
        assert prov in {"FADSS": fadss, "PSH": housing, "ECE": ece}[prog]
        assert dt.date(2019, 1, 1) <= parse_iso(start) < parse_iso(end) <= dt.date(2025, 12, 31)
        assert float(pay) > 0
    metrics = {r[2] for r in terms}
    assert metrics == {"EMPLOYED_2OF4Q", "EARNINGS_GAIN", "OFF_TANF_12M", "NO_RETURN_HOMELESS_12M", "NO_REMOVAL_12M",
                       "SCHOOL_ATTENDANCE_90", "KRA_READY", "WELL_CHILD_VISIT"}
    for r in terms:
        assert 0 <= float(r[5]) <= 1 and float(r[6]) > 0 and int(r[3]) > 0
        assert r[0] in {c[0] for c in contracts}
    assert len({r[1] for r in terms}) == len(terms)
