"""An independent recomputation of contract outcomes (docs/outcome_metrics.md) in plain Python.

It reads the partner extracts as sent (CSV files) and identifies persons through a person map
(the generator's truth map in the demo), not through the warehouse's linkage, so that comparing it
with `fct_contract_payments` checks the measure engine, and the differences that remain are what
linkage errors explain. It implements four metrics: EMPLOYED_2OF4Q and OFF_TANF_12M, NO_REMOVAL_12M
for FaDSS contracts, NO_REMOVAL_12M for ECE contracts and NO_RETURN_HOMELESS_12M for PSH contracts
(none of them needs an age, so the check does not depend on how DOBs are resolved).
"""

from __future__ import annotations

import calendar
import csv
import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

PERMANENT_DESTINATIONS = frozenset({410, 411, 421, 422, 423, 426, 435})
HOMELESS_PROJECT_TYPES = frozenset({0, 1, 2, 4})
ADULT_ROLES = frozenset({"PRIMARY_ADULT", "SECONDARY_ADULT"})
FADSS_ROLES = ADULT_ROLES | {"CHILD"}
METRICS = frozenset({"EMPLOYED_2OF4Q", "OFF_TANF_12M", "NO_REMOVAL_12M", "NO_RETURN_HOMELESS_12M"})
STATUSES = ("excluded", "pending", "not_measurable", "achieved", "not_achieved")

Row = dict[str, str | None]


# ---- reading -------------------------------------------------------------------------------------

def read_extract(path: Path, delimiter: str = ",") -> list[Row]:
    """Rows of one extract, values trimmed, empty and NULL as None, exact re-sent copies collapsed."""
    seen: set[tuple[tuple[str, str | None], ...]] = set()
    rows: list[Row] = []
    with path.open(newline="", encoding="utf-8") as fh:
        for raw in csv.DictReader(fh, delimiter=delimiter):
            row: Row = {}
            for key, value in raw.items():
                text = (value or "").strip()
                row[key] = None if text in ("", "NULL") else text
            signature = tuple(sorted(row.items(), key=lambda kv: kv[0]))
            if signature in seen:
                continue
            seen.add(signature)
            rows.append(row)
    return rows


def parse_date(text: str | None, today: date) -> date | None:
    """A YYYY-MM-DD date that is plausible (1900 or later, not after today), else None."""
    if text is None:
        return None
    try:
        value = date.fromisoformat(text)
    except ValueError:
        return None
    if len(text) != 10 or value < date(1900, 1, 1) or value > today:
        return None
    return value


def parse_int(text: str | None) -> int | None:
    try:
        return int(text) if text is not None else None
    except ValueError:
        return None


def parse_decimal(text: str | None) -> Decimal | None:
    try:
        return Decimal(text) if text is not None else None
    except InvalidOperation:
        return None


# ---- date arithmetic ----------------------------------------------------------------------------

def add_months(day: date, months: int) -> date:
    """day + months, same day of month, clipped to the month's last day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def quarter_index(day: date) -> int:
    return day.year * 4 + (day.month - 1) // 3


def quarter_end(index: int) -> date:
    year, q = divmod(index, 4)
    month = q * 3 + 3
    return date(year, month, calendar.monthrange(year, month)[1])


def is_valid_ssn(text: str | None) -> bool:
    """Structurally valid and not a placeholder (the spec's SSN quirks)."""
    if text is None:
        return False
    digits = text.replace("-", "").replace(" ", "")
    if len(digits) != 9 or not digits.isdigit():
        return False
    if digits in {"000000000", "111111111", "123456789", "999999999"}:
        return False
    area, group, serial = digits[:3], digits[3:5], digits[5:]
    return area not in {"000", "666"} and not area.startswith("9") and group != "00" and serial != "0000"


# ---- the data a recomputation needs -------------------------------------------------------------

@dataclass
class Extracts:
    """The demo (or a folder's) extracts and contracts, read once."""

    folder: Path
    contracts_folder: Path
    today: date
    tables: dict[str, list[Row]] = field(default_factory=dict)

    def table(self, name: str) -> list[Row]:
        if name not in self.tables:
            folder = self.contracts_folder if name in ("contracts", "contract_outcome_terms") else self.folder
            delimiter = "|" if name == "dol_ui_wages" else ","
            self.tables[name] = read_extract(folder / f"{name}.csv", delimiter)
        return self.tables[name]


def as_of_date(ex: Extracts) -> date:
    """The latest event date of any event row that is not after today."""
    columns = {
        "dhs_case_members": ["spell_start"], "ece_subsidy_authorizations": ["auth_start"],
        "doe_enrollments": ["entry_date"], "dcf_reports": ["report_date"],
        "dcf_removals": ["removal_date"], "mcd_eligibility": ["elig_start"],
        "mcd_claims": ["service_date"], "hmis_enrollment": ["EntryDate"],
        "fadss_enrollments": ["enroll_date"],
    }
    latest = date(1900, 1, 1)
    for table, cols in columns.items():
        for row in ex.table(table):
            for col in cols:
                value = parse_date(row.get(col), ex.today)
                if value is not None and value > latest:
                    latest = value
    return latest


@dataclass(frozen=True)
class Status:
    unit: str
    status: str


def _persons(person_map: dict[tuple[str, str], str], system: str, source_id: str | None) -> str | None:
    return person_map.get((system, source_id)) if source_id is not None else None


def _wages(ex: Extracts, person_map: dict[tuple[str, str], str]) -> tuple[dict[str, dict[int, Decimal]], int, int]:
    by_person: dict[str, dict[int, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    quarters: list[int] = []
    for row in ex.table("dol_ui_wages"):
        year, quarter, wages = parse_int(row.get("year")), parse_int(row.get("quarter")), parse_decimal(row.get("wages"))
        if year is None or quarter is None or wages is None or not 1 <= quarter <= 4 or year < 1900:
            continue
        index = year * 4 + quarter - 1
        # staging quarantines a row without an SSN or employer and a quarter after the current one
        if row.get("ssn") is None or row.get("employer_ein") is None or index > quarter_index(ex.today):
            continue
        quarters.append(index)
        person = _persons(person_map, "dol", row.get("ssn"))
        if person is not None:
            by_person[person][index] += wages
    return by_person, min(quarters), max(quarters)


def _valid_ssn_persons(ex: Extracts, person_map: dict[tuple[str, str], str]) -> set[str]:
    sources = [
        ("dhs_case_members", "dhs", "client_id", "ssn"), ("mcd_eligibility", "mcd", "medicaid_id", "ssn"),
        ("hmis_client", "hmis", "PersonalID", "SSN"), ("dcf_persons", "dcf", "dcf_person_id", "ssn"),
        ("ece_subsidy_authorizations", "ece", "parent_person_id", "parent_ssn"), ("dol_ui_wages", "dol", "ssn", "ssn"),
    ]
    found: set[str] = set()
    for table, system, id_col, ssn_col in sources:
        for row in ex.table(table):
            person = _persons(person_map, system, row.get(id_col))
            if person is not None and is_valid_ssn(row.get(ssn_col)):
                found.add(person)
    return found


@dataclass(frozen=True)
class FadssRow:
    person: str
    family: str
    role: str
    entry: date
    exit: date | None
    order_key: str


def _fadss_rows(ex: Extracts, person_map: dict[tuple[str, str], str], contract: Row) -> list[FadssRow]:
    start, end = date.fromisoformat(contract["start_date"]), date.fromisoformat(contract["end_date"])
    rows = []
    for number, row in enumerate(ex.table("fadss_enrollments")):
        entry = parse_date(row.get("enroll_date"), ex.today)
        exit_text = row.get("exit_date")
        exit_ = parse_date(exit_text, ex.today)
        role = (row.get("role") or "").upper()
        if entry is None or (exit_text is not None and exit_ is None) or (exit_ is not None and exit_ < entry):
            continue
        if role not in FADSS_ROLES or row.get("provider_id") != contract["provider_id"] or not start <= entry <= end:
            continue
        if row.get("family_id") is None or row.get("participant_id") is None:
            continue
        person = _persons(person_map, "fadss", row.get("participant_id"))
        if person is None:
            continue
        rows.append(FadssRow(person, f"{row['provider_id']}|{row['family_id']}", role, entry, exit_,
                             f"{row['participant_id']}|{number:012d}"))
    return rows


def _earliest(rows: Iterable[FadssRow]) -> dict[str, FadssRow]:
    best: dict[str, FadssRow] = {}
    for r in sorted(rows, key=lambda r: (r.entry, r.exit is None, r.exit or date.max, r.order_key)):
        best.setdefault(r.person, r)
    return best


def _removals(ex: Extracts, person_map: dict[tuple[str, str], str]) -> dict[str, list[date]]:
    found: dict[str, list[date]] = defaultdict(list)
    for row in ex.table("dcf_removals"):
        removal = parse_date(row.get("removal_date"), ex.today)
        person = _persons(person_map, "dcf", row.get("dcf_person_id"))
        if removal is not None and person is not None:
            found[person].append(removal)
    return found


def recompute(ex: Extracts, person_map: dict[tuple[str, str], str]) -> dict[tuple[str, str], list[Status]]:
    """Status of every cohort unit for every (contract_id, outcome_id) with a metric implemented here."""
    as_of = as_of_date(ex)
    contracts = {c["contract_id"]: c for c in ex.table("contracts")}
    results: dict[tuple[str, str], list[Status]] = {}
    wages = valid_ssn = None
    removals = _removals(ex, person_map)
    for term in ex.table("contract_outcome_terms"):
        metric, contract = term["metric_id"], contracts.get(term["contract_id"])
        if metric not in METRICS or contract is None:
            continue
        window = int(term["window_months"])
        key = (term["contract_id"], term["outcome_id"])
        program = contract["program"]
        if program == "FADSS":
            rows = _fadss_rows(ex, person_map, contract)
            if metric == "EMPLOYED_2OF4Q":
                if wages is None:
                    wages = _wages(ex, person_map)
                    valid_ssn = _valid_ssn_persons(ex, person_map)
                results[key] = _employed(_earliest(rows), wages, valid_ssn, Decimal(term["threshold"]))
            elif metric in ("OFF_TANF_12M", "NO_REMOVAL_12M"):
                results[key] = _family_metric(ex, person_map, rows, metric, window, as_of, removals)
        elif program == "ECE" and metric == "NO_REMOVAL_12M":
            results[key] = _ece_no_removal(ex, person_map, contract, window, as_of, removals)
        elif program == "PSH" and metric == "NO_RETURN_HOMELESS_12M":
            results[key] = _no_return(ex, person_map, contract, window, as_of)
    return results


def _employed(first_rows: dict[str, FadssRow], wage_data, valid_ssn: set[str] | None,
              threshold: Decimal) -> list[Status]:
    by_person, _first_q, last_q = wage_data
    horizon = quarter_end(last_q)
    out = []
    for person, row in first_rows.items():
        if row.role not in ADULT_ROLES:
            out.append(Status(person, "excluded"))
            continue
        if row.exit is None:
            out.append(Status(person, "pending"))
            continue
        exit_q = quarter_index(row.exit)
        seen = [q for q in range(exit_q + 1, exit_q + 5) if q <= last_q]
        qualifying = sum(1 for q in seen if by_person.get(person, {}).get(q, Decimal(0)) >= threshold)
        if qualifying >= 2:
            out.append(Status(person, "achieved"))
        elif quarter_end(exit_q + 4) > horizon:
            out.append(Status(person, "pending"))
        elif person not in (valid_ssn or set()) and person not in by_person:
            out.append(Status(person, "not_measurable"))
        else:
            out.append(Status(person, "not_achieved"))
    return out


def _family_metric(ex: Extracts, person_map, rows: list[FadssRow], metric: str, window: int, as_of: date,
                   removals: dict[str, list[date]]) -> list[Status]:
    families: dict[str, list[FadssRow]] = defaultdict(list)
    for r in rows:
        families[r.family].append(r)
    tanf: dict[str, list[tuple[date, date | None]]] = defaultdict(list)
    has_dhs: set[str] = set()
    if metric == "OFF_TANF_12M":
        for row in ex.table("dhs_case_members"):
            person = _persons(person_map, "dhs", row.get("client_id"))
            start = parse_date(row.get("spell_start"), ex.today)
            end_text = row.get("spell_end")
            end = parse_date(end_text, ex.today)
            program = (row.get("program") or "").upper()
            if person is None or start is None or (end_text is not None and end is None):
                continue
            if (end is not None and end < start) or program not in ("TANF", "SNAP"):
                continue
            has_dhs.add(person)
            if program == "TANF":
                tanf[person].append((start, end))
    out = []
    for family, members in families.items():
        entry = min(r.entry for r in members)
        exit_ = None if any(r.exit is None for r in members) else max(r.exit for r in members)
        persons = {r.person for r in members}
        if metric == "NO_REMOVAL_12M":
            children = {r.person for r in members if r.role == "CHILD"}
            end = add_months(entry, window)
            if any(entry <= d <= end for c in children for d in removals.get(c, [])):
                out.append(Status(family, "not_achieved"))
            elif end <= as_of:
                out.append(Status(family, "achieved"))
            else:
                out.append(Status(family, "pending"))
            continue
        if exit_ is None:
            out.append(Status(family, "pending"))
            continue
        check = add_months(exit_, window)
        if check > as_of:
            out.append(Status(family, "pending"))
        elif not persons & has_dhs:
            out.append(Status(family, "not_measurable"))
        elif any(s <= check and (e is None or e >= check) for p in persons for s, e in tanf.get(p, [])):
            out.append(Status(family, "not_achieved"))
        else:
            out.append(Status(family, "achieved"))
    return out


def _ece_no_removal(ex: Extracts, person_map, contract: Row, window: int, as_of: date,
                    removals: dict[str, list[date]]) -> list[Status]:
    start, end = date.fromisoformat(contract["start_date"]), date.fromisoformat(contract["end_date"])
    entries: dict[str, date] = {}
    for row in ex.table("ece_subsidy_authorizations"):
        auth_start = parse_date(row.get("auth_start"), date.max)
        auth_end_text = row.get("auth_end")
        auth_end = parse_date(auth_end_text, date.max)
        if auth_start is None or (auth_end_text is not None and auth_end is None):
            continue
        if (auth_end is not None and auth_end < auth_start) or row.get("provider_id") != contract["provider_id"]:
            continue
        if not start <= auth_start <= end:
            continue
        person = _persons(person_map, "ece", row.get("child_person_id"))
        if person is not None:
            entries[person] = min(entries.get(person, date.max), auth_start)
    out = []
    for person, entry in entries.items():
        window_end = add_months(entry, window)
        if any(entry <= d <= window_end for d in removals.get(person, [])):
            out.append(Status(person, "not_achieved"))
        elif window_end <= as_of:
            out.append(Status(person, "achieved"))
        else:
            out.append(Status(person, "pending"))
    return out


def _no_return(ex: Extracts, person_map, contract: Row, window: int, as_of: date) -> list[Status]:
    start, end = date.fromisoformat(contract["start_date"]), date.fromisoformat(contract["end_date"])
    enrollments = []
    for row in ex.table("hmis_enrollment"):
        entry = parse_date(row.get("EntryDate"), ex.today)
        exit_text = row.get("ExitDate")
        exit_ = parse_date(exit_text, ex.today)
        project_type = parse_int(row.get("ProjectType"))
        if entry is None or (exit_text is not None and exit_ is None) or (exit_ is not None and exit_ < entry):
            continue
        person = _persons(person_map, "hmis", row.get("PersonalID"))
        if person is None or row.get("EnrollmentID") is None:
            continue
        enrollments.append((person, row, entry, exit_, project_type))
    first: dict[str, tuple] = {}
    for item in sorted(enrollments, key=lambda e: (e[2], e[3] is None, e[3] or date.max, e[1]["EnrollmentID"])):
        person, row, entry, _exit, _type = item
        if row.get("ProjectID") == contract["provider_id"] and start <= entry <= end:
            first.setdefault(person, item)
    out = []
    for person, (_p, row, _entry, exit_, _t) in first.items():
        if exit_ is None:
            out.append(Status(person, "pending"))
            continue
        destination = parse_int(row.get("Destination"))
        if destination not in PERMANENT_DESTINATIONS:
            out.append(Status(person, "excluded"))
            continue
        window_end = add_months(exit_, window)
        returned = any(
            p == person and t in HOMELESS_PROJECT_TYPES and exit_ <= e <= window_end
            and r["EnrollmentID"] != row["EnrollmentID"]
            for p, r, e, _x, t in enrollments
        )
        if returned:
            out.append(Status(person, "not_achieved"))
        elif window_end > as_of:
            out.append(Status(person, "pending"))
        else:
            out.append(Status(person, "achieved"))
    return out


def counts(statuses: list[Status]) -> dict[str, int]:
    """n_cohort and the count of each status."""
    result = {f"n_{s}": 0 for s in STATUSES}
    for s in statuses:
        result[f"n_{s.status}"] += 1
    result["n_cohort"] = len(statuses)
    return result


def payable(n_achieved: int, n_measured: int, baseline_rate: Decimal) -> int:
    """max(0, floor(achieved - baseline_rate x measured)) in exact decimals."""
    return max(0, math.floor(Decimal(n_achieved) - baseline_rate * n_measured))
