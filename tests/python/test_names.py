"""Name standardization: each quirk of the extract spec maps variants onto one value."""

from __future__ import annotations

import csv
from importlib.resources import files

import pytest

from ids import names
from ids.names import (
    canonical_first_name,
    clean_name,
    extract_suffix,
    first_token,
    initial,
    metaphone,
    name_key,
    nickname_group_keys,
    nysiis,
    parse_full_name,
    soundex,
    split_suffix,
    strip_suffix,
    truncated_key,
)


# ---------------------------------------------------------------- clean_name / name_key


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("MARIA", "MARIA"),
        ("maria", "MARIA"),
        ("  Maria  ", "MARIA"),
        ("Mary  Ann", "MARY ANN"),
        ("José", "JOSE"),
        ("Peña", "PENA"),
        ("Nguyễn", "NGUYEN"),
        ("Müller", "MULLER"),
        ("O'Brien", "OBRIEN"),
        ("O\u2019Brien", "OBRIEN"),
        ("D`Angelo", "DANGELO"),
        ("Garcia-Lopez", "GARCIA LOPEZ"),
        ("Garcia - Lopez", "GARCIA LOPEZ"),
        ("St. John", "ST JOHN"),
        ("Smith2", "SMITH"),
        ("Straße", "STRASSE"),
        ("Æsa", "AESA"),
        ("Øster", "OSTER"),
        ("Łukasz", "LUKASZ"),
        ("Đorđe", "DORDE"),
        ("\tMaria\n", "MARIA"),
        ("Na", "NA"),  # a real surname, not N/A
    ],
)
def test_clean_name(raw: str, expected: str) -> None:
    assert clean_name(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [None, "", "   ", "--", "123", "UNKNOWN", "unknown", "Unk", "NONE", "NULL", "N/A", "n.a.",
     "BABY", "Baby Boy", "BABY GIRL", "babygirl", "TEST", "FNU", "LNU", "XXX"],
)
def test_clean_name_placeholders_and_empty_are_none(raw: str | None) -> None:
    assert clean_name(raw) is None
    assert name_key(raw) is None


def test_placeholders_are_stored_cleaned() -> None:
    # a placeholder that could not survive cleaning would never match
    for p in names.PLACEHOLDER_NAMES:
        assert names._fold(p, keep_digits=False) == p


def test_clean_name_is_idempotent() -> None:
    for raw in ["O'Brien", "De La Cruz", "José Peña", "Garcia-Lopez", "Smith, Jr."]:
        once = clean_name(raw)
        assert clean_name(once) == once


@pytest.mark.parametrize(
    "variants",
    [
        ["De La Cruz", "DELACRUZ", "de la cruz", "De-La-Cruz", "Dela Cruz"],
        ["Van Der Berg", "VANDERBERG", "van der berg"],
        ["O'Brien", "OBrien", "O BRIEN", "obrien"],
        ["Garcia-Lopez", "GARCIA LOPEZ", "GarciaLopez"],
        ["Peña", "Pena", "PEÑA"],
    ],
)
def test_name_key_variants_coincide(variants: list[str]) -> None:
    assert len({name_key(v) for v in variants}) == 1


def test_name_key_examples() -> None:
    assert name_key("De La Cruz") == "DELACRUZ"
    assert name_key("Van Der Berg") == "VANDERBERG"


def test_first_token_initial_truncated_key() -> None:
    assert first_token("Mary Ann") == "MARY"
    assert first_token(None) is None
    assert initial(" maria") == "M"
    assert initial("unknown") is None
    # dol_ui_wages sends 12 characters; both sides cut the same way agree
    full = "Montgomery-Smithson"
    assert truncated_key(full) == "MONTGOMERYS"  # cut at 12 of "MONTGOMERY SMITHSON"
    assert truncated_key(full.upper()[:12]) == truncated_key(full)
    assert truncated_key("Smith") == "SMITH"
    assert truncated_key(None) is None


# ---------------------------------------------------------------- suffixes


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("SMITH JR", ("SMITH", "JR")),
        ("Smith III", ("SMITH", "III")),
        ("Smith, Jr.", ("SMITH", "JR")),
        ("Smith Sr.", ("SMITH", "SR")),
        ("Smith Senior", ("SMITH", "SR")),
        ("Smith II", ("SMITH", "II")),
        ("Smith 2nd", ("SMITH", "II")),
        ("Smith 3rd", ("SMITH", "III")),
        ("Smith IV", ("SMITH", "IV")),
        ("De La Cruz Jr", ("DE LA CRUZ", "JR")),
        ("Garcia-Lopez Jr.", ("GARCIA LOPEZ", "JR")),
        ("Smith", ("SMITH", None)),
        ("Ivy", ("IVY", None)),
        ("Jr", ("JR", None)),  # never strip the whole name
        ("Junior", ("JUNIOR", None)),
        ("III", ("III", None)),
        ("Smith V", ("SMITH V", None)),  # V is not taken: more often an initial
        (None, (None, None)),
        ("", (None, None)),
    ],
)
def test_split_suffix(raw: str | None, expected: tuple[str | None, str | None]) -> None:
    assert split_suffix(raw) == expected
    assert strip_suffix(raw) == expected[0]
    assert extract_suffix(raw) == expected[1]


def test_split_suffix_suffixes_are_normalized() -> None:
    assert set(names.SUFFIXES.values()) == {"JR", "SR", "II", "III", "IV"}


# ---------------------------------------------------------------- nicknames


@pytest.mark.parametrize(
    ("nick", "formal"),
    [
        ("Bill", "WILLIAM"), ("Billy", "WILLIAM"), ("Will", "WILLIAM"),
        ("Liz", "ELIZABETH"), ("Beth", "ELIZABETH"), ("Betty", "ELIZABETH"),
        ("Bobby", "ROBERT"), ("Bob", "ROBERT"), ("Robbie", "ROBERT"),
        ("Jim", "JAMES"), ("Mike", "MICHAEL"), ("Tony", "ANTHONY"), ("Peggy", "MARGARET"),
        ("Jack", "JOHN"), ("Jon", "JOHN"), ("Sam", "SAMUEL"), ("Annie", "ANNA"), ("Ann", "ANNA"),
        ("Chuy", "JESUS"), ("Pepe", "JOSE"), ("Chepe", "JOSE"), ("Paco", "FRANCISCO"),
        ("Pancho", "FRANCISCO"), ("Lupe", "GUADALUPE"), ("Memo", "GUILLERMO"),
        ("Nacho", "IGNACIO"), ("Lalo", "EDUARDO"), ("Toño", "ANTONIO"), ("Tono", "ANTONIO"),
        ("Quique", "ENRIQUE"), ("Chela", "GRACIELA"), ("Conchita", "CONCEPCION"),
        ("Lola", "DOLORES"),
    ],
)
def test_nickname_to_canonical(nick: str, formal: str) -> None:
    assert canonical_first_name(nick) == formal
    assert canonical_first_name(formal) == formal
    assert canonical_first_name(nick.upper()) == canonical_first_name(f"  {nick.lower()} ")


@pytest.mark.parametrize(
    "name",
    ["William", "Robert", "Elizabeth", "Mary", "Maria", "Lisa", "Sandra", "Nancy", "Jose",
     "Jesus", "Victor", "Jane", "Louise", "Theodore", "Frederick", "Terry"],
)
def test_formal_names_map_to_themselves(name: str) -> None:
    assert canonical_first_name(name) == name_key(name)
    assert nickname_group_keys(name) == [name_key(name)]


def test_ambiguous_nickname_is_deterministic_with_all_groups() -> None:
    assert canonical_first_name("Bert") == "ALBERT"
    bert = nickname_group_keys("Bert")
    assert bert[0] == "ALBERT" and {"HERBERT", "GILBERT"} <= set(bert)
    beto = nickname_group_keys("Beto")
    assert beto[0] == canonical_first_name("Beto") and set(beto) == {"ALBERTO", "ROBERTO"}
    assert canonical_first_name("Ron") == "RONALD"


def test_unknown_and_missing_names() -> None:
    assert canonical_first_name("Xochitl") == "XOCHITL"
    assert nickname_group_keys("Xochitl") == ["XOCHITL"]
    assert canonical_first_name("Mary Ann") == canonical_first_name("MARYANN")
    assert canonical_first_name(None) is None
    assert canonical_first_name("unknown") is None
    assert nickname_group_keys(None) == []


def test_every_name_in_data_has_consistent_canonical() -> None:
    table = names._nickname_table()
    for name, group in table.groups.items():
        assert group and table.canonical[name] == group[0]
        # canonicals are fixed points: canon(canon(x)) == canon(x)
        assert table.canonical[group[0]] == group[0]
        assert len(set(group)) == len(group)


def test_nickname_data_is_packaged_and_loaded_once() -> None:
    data = files("ids") / "data"
    with (data / "nicknames.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert {"nickname", "formal", "source"} <= set(rows[0])
    assert any(r["source"] == "ids" for r in rows)
    assert all(name_key(r["nickname"]) == r["nickname"] for r in rows)
    assert names._nickname_table() is names._nickname_table()


def test_resolution_rule_on_toy_data() -> None:
    table = names._resolve_nicknames(
        pairs=[("BERT", "ROBERT"), ("BERT", "ALBERT"), ("BERT", "HERBERT"),
               ("BOBBY", "BOB"), ("BOB", "ROBERT"), ("JANE", "VIRGINIA"), ("ZED", "ZEBEDEE"),
               ("ZED", "ZACHARIAH")],
        priority=["ROBERT", "ALBERT", "JANE", "VIRGINIA"],
    )
    assert table.groups["BERT"] == ("ROBERT", "ALBERT", "HERBERT")  # ranked, then unranked
    assert table.canonical["BOBBY"] == "ROBERT"  # via BOB, itself a nickname
    assert table.canonical["JANE"] == "JANE"  # listed as formal: keeps its identity
    assert table.canonical["ZED"] == "ZACHARIAH"  # no rank: alphabetical


# ---------------------------------------------------------------- phonetics


def test_phonetic_codes() -> None:
    assert nysiis("Jon") == nysiis("John")
    assert metaphone("Katherine") == metaphone("Catherine")
    assert soundex("Robert") == "R163"
    assert nysiis("De La Cruz") == nysiis("DELACRUZ")
    assert soundex("O'Brien") == soundex("OBRIEN")
    for f in (nysiis, metaphone, soundex):
        assert f(None) is None
        assert f("") is None
        assert f("UNKNOWN") is None
        assert f("José") == f("JOSE")
        code = f("Garcia")
        assert code and code == code.upper()


# ---------------------------------------------------------------- parse_full_name


@pytest.mark.parametrize(
    ("raw", "first", "middle", "last", "suffix"),
    [
        ("GARCIA, MARIA L", "MARIA", "L", "GARCIA", None),
        ("Garcia,Maria", "MARIA", None, "GARCIA", None),
        ("Smith Jr, John Paul", "JOHN", "PAUL", "SMITH", "JR"),
        ("Smith, John, Jr.", "JOHN", None, "SMITH", "JR"),
        ("O'Brien, Sean", "SEAN", None, "OBRIEN", None),
        ("John Paul Smith Jr", "JOHN", "PAUL", "SMITH", "JR"),
        ("John Smith III", "JOHN", None, "SMITH", "III"),
        ("Maria de la Cruz", "MARIA", None, "DE LA CRUZ", None),
        ("Hans van der Berg", "HANS", None, "VAN DER BERG", None),
        ("Maria Garcia-Lopez", "MARIA", None, "GARCIA LOPEZ", None),
        ("  maria   garcia ", "MARIA", None, "GARCIA", None),
        ("Smith", None, None, "SMITH", None),
    ],
)
def test_parse_full_name(raw: str, first: str | None, middle: str | None, last: str | None,
                         suffix: str | None) -> None:
    assert parse_full_name(raw) == {"first": first, "middle": middle, "last": last,
                                    "suffix": suffix}


@pytest.mark.parametrize("raw", [None, "", "   ", "UNKNOWN"])
def test_parse_full_name_empty(raw: str | None) -> None:
    assert parse_full_name(raw) == {"first": None, "middle": None, "last": None, "suffix": None}
