"""Name standardization for record linkage: cleaning, keys, suffixes, nicknames, phonetics.

Why these functions exist: partner extracts spell the same person's name in many ways (see
``docs/agency_extracts_spec.md``, "Identity fields: known quirks"): case, stray spaces, accents
sometimes stripped, apostrophes and hyphens, particles written apart or together, a generational
suffix inside the last-name field, nicknames in place of given names, phonetic spellings, and
placeholder values that mean "unknown". Every function here maps such variants onto one value so
that comparisons in SQL are plain equality.

Conventions shared by all functions:

* pure and deterministic: no I/O except reading the packaged nickname data once (cached);
* ``None`` in gives ``None`` out, and so does a value that cleans to nothing or to a placeholder;
  "unknown" must never agree with "unknown";
* outputs are upper case ASCII for Latin-script names (letters of other scripts are kept as they
  are, upper-cased);
* the dbt-duckdb plugin (:mod:`ids.udf_plugin`) registers several of them as DuckDB UDFs, so each
  takes and returns plain ``str | None``.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

import jellyfish

__all__ = [
    "PLACEHOLDER_NAMES",
    "SUFFIXES",
    "NAME_PARTICLES",
    "clean_name",
    "name_key",
    "first_token",
    "initial",
    "truncated_key",
    "split_suffix",
    "strip_suffix",
    "extract_suffix",
    "canonical_first_name",
    "nickname_group_keys",
    "nickname_group",
    "nysiis",
    "metaphone",
    "soundex",
    "parse_full_name",
]

# --------------------------------------------------------------------------------------------
# Cleaning
# --------------------------------------------------------------------------------------------

#: Cleaned values that mean "no name was recorded". Compared after :func:`clean_name`'s other
#: steps, so ``n/a``, ``N.A.`` and ``N/A`` all arrive here as ``"N A"``. ``NA`` alone is *not* a
#: placeholder: it is a real (Korean) surname. ``BABY``/``INFANT`` forms are what hospitals and
#: Medicaid record before a newborn is named; the ``FNU``/``LNU``/``NFN`` codes are the federal
#: "first/last name unknown", "no first name" conventions. ``DOE`` is not here: it is a real
#: surname.
PLACEHOLDER_NAMES: frozenset[str] = frozenset(
    {
        "UNKNOWN", "UNK", "UNKN", "UNKNWN", "NOT KNOWN", "NONE", "NULL", "NIL", "N A",
        "NOT APPLICABLE", "NOT AVAILABLE", "NOT GIVEN", "NOT PROVIDED", "NOT STATED",
        "NO NAME", "NONAME", "NAME", "REFUSED", "DECLINED", "CLIENT REFUSED",
        "CLIENT DOESNT KNOW", "DATA NOT COLLECTED", "ANONYMOUS", "ANON",
        "BABY", "BABY BOY", "BABY GIRL", "BABYBOY", "BABYGIRL", "BABY A", "BABY B",
        "INFANT", "INFANT BOY", "INFANT GIRL", "NEWBORN", "NEWBORN BOY", "NEWBORN GIRL",
        "TEST", "TESTING", "TEST TEST", "DUMMY", "XX", "XXX", "XXXX", "ZZZ",
        "FNU", "LNU", "MNU", "NFN", "NLN", "NMN",
    }
)

#: Letters that Unicode NFKD does not decompose into a base letter + combining mark.
_LETTER_MAP = str.maketrans(
    {
        "ß": "SS", "ẞ": "SS", "Æ": "AE", "æ": "AE", "Œ": "OE", "œ": "OE", "Ø": "O", "ø": "O",
        "Ł": "L", "ł": "L", "Đ": "D", "đ": "D", "Ð": "D", "ð": "D", "Þ": "TH", "þ": "TH",
        "ı": "I", "Ħ": "H", "ħ": "H", "Ŧ": "T", "ŧ": "T", "Ŋ": "NG", "ŋ": "NG", "ĸ": "K",
    }
)

#: Apostrophe-like characters: removed outright so that O'BRIEN == OBRIEN, D'ANGELO == DANGELO.
_APOSTROPHES = str.maketrans("", "", "'\u2019\u2018\u02bc\u02b9\u0060\u00b4\u2032")

_NON_LETTER = re.compile(r"[^\w ]|_")  # punctuation, symbols -> space (digits handled first)
_DIGITS = re.compile(r"\d")
_SPACES = re.compile(r"\s+")


def _fold(s: str, *, keep_digits: bool) -> str:
    """Upper-case, strip accents, drop apostrophes, punctuation to space, collapse spaces.

    The shared first half of :func:`clean_name` and of suffix detection (which needs digits:
    ``3RD``). Apostrophes go before NFKD because NFKD turns the acute accent ``´`` into a space
    plus a combining mark.
    """
    s = s.translate(_APOSTROPHES).translate(_LETTER_MAP)
    s = "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))
    s = s.upper()
    if not keep_digits:
        s = _DIGITS.sub("", s)
    s = _NON_LETTER.sub(" ", s)
    return _SPACES.sub(" ", s).strip()


@lru_cache(maxsize=1 << 16)
def _clean_cached(s: str) -> str | None:
    folded = _fold(s, keep_digits=False)
    if not folded or folded in PLACEHOLDER_NAMES:
        return None
    return folded


def clean_name(s: str | None) -> str | None:
    """Standard form of one name field, or ``None`` when it holds no usable name.

    Steps, each for a quirk in the spec: apostrophes removed (``O'Brien`` equals ``OBrien``);
    ß/Æ/Ø/Ł-type letters spelled out and accents removed by NFKD (``Peña`` equals ``Pena``);
    upper case; digits dropped (keying slips); hyphens and other punctuation become one space
    (``Garcia-Lopez`` -> ``GARCIA LOPEZ``); whitespace collapsed and trimmed. An empty result or
    one of :data:`PLACEHOLDER_NAMES` gives ``None`` so that "unknown" never agrees with itself.
    Results are memoized (the function is pure and names repeat a lot).
    """
    if s is None:
        return None
    return _clean_cached(s)


def name_key(s: str | None) -> str | None:
    """:func:`clean_name` with the spaces removed: the form names are compared on.

    Particles and compound names are written apart, together or hyphenated by different
    agencies (``De La Cruz``, ``DELACRUZ``, ``Garcia-Lopez``); removing spaces makes them equal:
    ``"De La Cruz"`` -> ``"DELACRUZ"``, ``"Van Der Berg"`` -> ``"VANDERBERG"``.
    """
    cleaned = clean_name(s)
    return None if cleaned is None else cleaned.replace(" ", "")


def first_token(s: str | None) -> str | None:
    """First word of the cleaned name (``"Mary Ann"`` -> ``"MARY"``).

    Useful for given names recorded with or without a second given name, and for the
    "person goes by the middle name" comparison.
    """
    cleaned = clean_name(s)
    return None if cleaned is None else cleaned.split(" ", 1)[0]


def initial(s: str | None) -> str | None:
    """First letter of the cleaned name: the only given-name data ``dol_ui_wages`` carries."""
    cleaned = clean_name(s)
    return None if cleaned is None else cleaned[0]


def truncated_key(s: str | None, length: int = 12) -> str | None:
    """:func:`name_key` of the cleaned name cut to ``length`` characters (spaces counted).

    ``dol_ui_wages`` sends last names truncated to 12 characters. Applying this to both sides
    makes a full name comparable with the truncated one. The cut is made on the cleaned text,
    so when the partner cut before removing an apostrophe the keys can differ by one letter at the
    end; a prefix test (``starts_with(name_key(full), name_key(dol))``) is the robust alternative.
    """
    cleaned = clean_name(s)
    if cleaned is None:
        return None
    key = cleaned[:length].replace(" ", "")
    return key or None


# --------------------------------------------------------------------------------------------
# Suffixes
# --------------------------------------------------------------------------------------------

#: Spellings of a generational suffix -> the normalized suffix. Digits are allowed because
#: suffix detection looks at the text before digits are dropped. ``V`` is deliberately absent:
#: as a last token it is more often an initial than "the fifth".
SUFFIXES: dict[str, str] = {
    "JR": "JR", "JNR": "JR", "JUNIOR": "JR",
    "SR": "SR", "SNR": "SR", "SENIOR": "SR",
    "II": "II", "2ND": "II",
    "III": "III", "3RD": "III",
    "IV": "IV", "4TH": "IV",
}


def split_suffix(last: str | None) -> tuple[str | None, str | None]:
    """Split a last-name field into (cleaned last name, normalized suffix).

    Sources without a suffix field put it in the last name (``SMITH JR``, ``Smith III``,
    ``Smith, Jr.``); left there it would make ``SMITH JR`` disagree with ``SMITH`` and make a
    junior and his father look alike only by accident. Only a trailing suffix token is taken,
    and never when it is the whole field (a person may be surnamed ``Junior``): then the field is
    returned cleaned with suffix ``None``. Suffix values are ``JR``, ``SR``, ``II``, ``III``,
    ``IV``.
    """
    if last is None:
        return None, None
    tokens = _fold(last, keep_digits=True).split()
    if len(tokens) >= 2 and tokens[-1] in SUFFIXES:
        return clean_name(" ".join(tokens[:-1])), SUFFIXES[tokens[-1]]
    return clean_name(last), None


def strip_suffix(last: str | None) -> str | None:
    """The last name of :func:`split_suffix` (cleaned, without a trailing suffix)."""
    return split_suffix(last)[0]


def extract_suffix(last: str | None) -> str | None:
    """The suffix of :func:`split_suffix` (``JR``, ``SR``, ``II``, ``III``, ``IV`` or ``None``)."""
    return split_suffix(last)[1]


# --------------------------------------------------------------------------------------------
# Nicknames
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _NicknameTable:
    """Resolved nickname data: every known name -> its canonical and its canonical group."""

    canonical: dict[str, str]
    groups: dict[str, tuple[str, ...]]


def _read_data_csv(name: str) -> list[dict[str, str]]:
    """Rows of a CSV shipped in ``ids/data`` (importlib.resources: works when installed too)."""
    text = files("ids.data").joinpath(name).read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def _resolve_nicknames(
    pairs: list[tuple[str, str]], priority: list[str]
) -> _NicknameTable:
    """Apply the canonical rule (see :func:`canonical_first_name`) to every name once.

    ``pairs`` are (nickname, formal) keys; ``priority`` lists preferred formal names, most
    preferred first.
    """
    rank = {name: i for i, name in enumerate(dict.fromkeys(priority))}
    formals_of: dict[str, set[str]] = {}
    for nick, formal in pairs:
        if nick != formal:
            formals_of.setdefault(nick, set()).add(formal)
    all_names = set(formals_of) | {f for fs in formals_of.values() for f in fs} | set(rank)
    is_formal = {n: n in rank or n not in formals_of for n in all_names}

    def order(name: str) -> tuple[int, str]:
        return (rank.get(name, len(rank)), name)

    def formal_candidates(name: str) -> list[str]:
        # Breadth-first up the nickname -> formal edges, stopping at the first level that
        # reaches formal names (BOBBY -> ROBERT directly, or via BOB if only that edge existed).
        seen, level = {name}, sorted(formals_of.get(name, ()))
        while level:
            found = [n for n in level if is_formal[n]]
            if found:
                return sorted(found, key=order)
            seen.update(level)
            level = sorted({f for n in level for f in formals_of.get(n, ()) if f not in seen})
        return []

    canonical: dict[str, str] = {}
    groups: dict[str, tuple[str, ...]] = {}
    for name in sorted(all_names):
        group = [name] if is_formal[name] else formal_candidates(name) or [name]
        canonical[name] = group[0]
        groups[name] = tuple(group)
    return _NicknameTable(canonical, groups)


@lru_cache(maxsize=1)
def _nickname_table() -> _NicknameTable:
    """Load and resolve the packaged nickname data once per process."""
    pairs = []
    for row in _read_data_csv("nicknames.csv"):
        nick, formal = name_key(row["nickname"]), name_key(row["formal"])
        if nick and formal:
            pairs.append((nick, formal))
    priority = [
        k for row in _read_data_csv("given_name_priority.csv") if (k := name_key(row["name"]))
    ]
    return _resolve_nicknames(pairs, priority)


def canonical_first_name(first: str | None) -> str | None:
    """One deterministic canonical given name, so ``Bill`` and ``William`` compare equal.

    The comparison key is :func:`name_key` of the input (so ``Mary Ann`` and ``Maryann`` agree).
    The rule, applied once to the packaged data (``ids/data/nicknames.csv``: nickname -> formal
    pairs; ``ids/data/given_name_priority.csv``: preferred formal names, most preferred first):

    1. A *formal* name maps to itself. Formal means: listed in the priority file, or never listed
       as anyone's nickname. Names not in the data at all also map to themselves.
    2. A nickname maps to the formal name it abbreviates; when there are several (``BERT`` ->
       Albert, Herbert, Gilbert, ...), to the one ranked highest in the priority file, names not
       ranked coming after all ranked ones, ties broken alphabetically. If none of its direct
       formal names is formal (a nickname of a nickname), the search goes one level further up.

    The priority file is ordered by approximate US frequency, so an ambiguous nickname lands on
    the name most people carrying it were given. Use :func:`nickname_group_keys` to compare on
    every possible formal name instead.
    """
    key = name_key(first)
    if key is None:
        return None
    return _nickname_table().canonical.get(key, key)


def nickname_group_keys(first: str | None) -> list[str]:
    """Every formal name the given name may stand for, canonical (see above) first.

    A formal or unknown name gives ``[itself]``; ``BERT`` gives ``[ALBERT, HERBERT, ...]``. Two
    given names are nickname-compatible when their groups overlap (``list_has_any`` in SQL).
    ``None`` or a placeholder gives ``[]``.
    """
    key = name_key(first)
    if key is None:
        return []
    return list(_nickname_table().groups.get(key, (key,)))


def nickname_group(first: str | None) -> str | None:
    """:func:`nickname_group_keys` as one ``|``-separated string (the UDF form: SQL splits it).

    ``TONY`` gives ``ANTHONY|ANTONIO|...``: an ambiguous nickname keeps every formal name it may
    stand for, so TONY agrees with ANTONIO though its canonical name is ANTHONY.
    """
    group = nickname_group_keys(first)
    return "|".join(group) if group else None


# --------------------------------------------------------------------------------------------
# Phonetics
# --------------------------------------------------------------------------------------------


def _phonetic(s: str | None, encode: Callable[[str], str]) -> str | None:
    """Apply a jellyfish encoder to :func:`name_key` (None-safe, empty code -> None)."""
    key = name_key(s)
    if key is None:
        return None
    code = encode(key)
    return code.upper() if code else None


def nysiis(s: str | None) -> str | None:
    """NYSIIS code of :func:`name_key` (untruncated): catches phonetic spellings such as
    ``Jon``/``John`` and ``Katherine``/``Catherine``. Computed on the spaceless key so that
    ``De La Cruz`` and ``DELACRUZ`` code alike."""
    return _phonetic(s, jellyfish.nysiis)


def metaphone(s: str | None) -> str | None:
    """Metaphone code of :func:`name_key`: a second, differently-failing phonetic opinion."""
    return _phonetic(s, jellyfish.metaphone)


def soundex(s: str | None) -> str | None:
    """Soundex code of :func:`name_key`: coarse; good as a blocking key, weak as evidence."""
    return _phonetic(s, jellyfish.soundex)


# --------------------------------------------------------------------------------------------
# Full names
# --------------------------------------------------------------------------------------------

#: Words (compared after folding to upper case) that belong to a compound surname (``de la Cruz``,
#: ``van der Berg``) when they sit right before the last word of a "FIRST ... LAST" name.
NAME_PARTICLES: frozenset[str] = frozenset(
    {
        "DE", "DEL", "DELA", "DELLA", "DA", "DAS", "DO", "DOS", "DI", "DU", "LA", "LAS", "LE",
        "LOS", "VAN", "VON", "DER", "DEN", "TER", "TEN", "ST", "SAN", "SANTA", "Y", "BIN", "BEN",
        "AL", "EL",
    }
)


def _empty_parts() -> dict[str, str | None]:
    return {"first": None, "middle": None, "last": None, "suffix": None}


def _take_suffix(tokens: list[str]) -> tuple[list[str], str | None]:
    """Remove every suffix token (outside the first position) and return the last one found."""
    suffix = None
    kept = []
    for i, tok in enumerate(tokens):
        folded = _fold(tok, keep_digits=True)
        if i > 0 and folded in SUFFIXES:
            suffix = SUFFIXES[folded]
        else:
            kept.append(tok)
    return kept, suffix


def _join_clean(tokens: list[str]) -> str | None:
    return clean_name(" ".join(tokens)) if tokens else None


def parse_full_name(s: str | None) -> dict[str, str | None]:
    """Split a one-field name into cleaned ``first``, ``middle``, ``last``, ``suffix``.

    Two forms are recognized:

    * with a comma, ``LAST[ SUFFIX], FIRST[ MIDDLE...][, SUFFIX]``;
    * without, ``FIRST[ MIDDLE...] LAST[ SUFFIX]``, where particles just before the last word
      belong to the last name (``Maria de la Cruz`` -> last ``DE LA CRUZ``). A single word is
      taken as the last name.

    Words are split on whitespace before cleaning, so a hyphenated surname stays one last name
    (``GARCIA LOPEZ`` from ``Garcia-Lopez``). Every part is cleaned with :func:`clean_name`; a
    missing part is ``None``.
    """
    parts = _empty_parts()
    if s is None or clean_name(s) is None:
        return parts
    if "," in s:
        chunks = [c.split() for c in s.split(",")]
        chunks = [c for c in chunks if c]
        last_tokens, last_suffix = _take_suffix(chunks[0])
        rest = [t for c in chunks[1:] for t in c]
        # a chunk that is only a suffix ("Smith, Jr., John") must not become the first name
        rest_suffix = None
        kept = []
        for tok in rest:
            folded = _fold(tok, keep_digits=True)
            if folded in SUFFIXES:
                rest_suffix = SUFFIXES[folded]
            else:
                kept.append(tok)
        parts["last"] = _join_clean(last_tokens)
        parts["first"] = _join_clean(kept[:1])
        parts["middle"] = _join_clean(kept[1:])
        parts["suffix"] = last_suffix or rest_suffix
        return parts
    tokens, suffix = _take_suffix(s.split())
    tokens = [t for t in tokens if _fold(t, keep_digits=False)]
    parts["suffix"] = suffix
    if not tokens:
        return parts
    if len(tokens) == 1:
        parts["last"] = _join_clean(tokens)
        return parts
    start = len(tokens) - 1
    while start > 1 and _fold(tokens[start - 1], keep_digits=False) in NAME_PARTICLES:
        start -= 1
    parts["first"] = _join_clean(tokens[:1])
    parts["middle"] = _join_clean(tokens[1:start])
    parts["last"] = _join_clean(tokens[start:])
    return parts
