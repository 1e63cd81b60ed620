"""How a true person becomes a source record: source person ids and rendered identity fields.

Why registrations: a source assigns an id when it first meets a person and types the person's
identity once (then re-uses or occasionally re-types it). So every source here first turns its
event rows into *registrations* (one per source person id, sometimes two per person when the
person is re-registered), renders name / DOB / SSN once per registration with the spec's quirks,
and lets the event rows inherit them. Later rows may carry an updated last name after a marriage.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from . import names as N
from . import timeutil as T
from .config import QuirkRates, SourceProfile
from .population import ROLE_CHILD, Population
from .quirks import QuirkLog, apply, flags, pick

PLACEHOLDER_SSNS = ("000000000", "111111111", "123456789", "999999999")


@dataclass
class Registry:
    """All source person ids of one source system and the true person behind each."""

    source: str
    ids: list[str]
    person: list[int]

    def extend(self, ids: np.ndarray | list[str], person: np.ndarray | list[int]) -> None:
        self.ids.extend(list(ids))
        self.person.extend(int(p) for p in person)

    def mapping(self) -> dict[str, int]:
        """id -> true person index; raises if one id would point at two persons."""
        out: dict[str, int] = {}
        for i, p in zip(self.ids, self.person):
            if out.setdefault(i, p) != p:
                raise ValueError(f"{self.source}: id {i!r} assigned to two persons")
        return out


@dataclass
class Registrations:
    """Result of :func:`register`: which registration each event row belongs to."""

    row_reg: np.ndarray      # registration index per input row
    person: np.ndarray       # true person per registration
    day: np.ndarray          # first day the registration is used
    is_dup: np.ndarray       # True for a person's second id in this source


def register(rng: np.random.Generator, person: np.ndarray, day: np.ndarray, dup_rate: float,
             log: QuirkLog, source: str) -> Registrations:
    """Group event rows into source registrations; with ``dup_rate`` a person whose rows span
    more than one day gets a second id from some later row on (re-registration)."""
    person = np.asarray(person, dtype=np.int64)
    day = np.asarray(day, dtype=np.int64)
    n = len(person)
    if n == 0:
        e = np.empty(0, dtype=np.int64)
        return Registrations(e, e, e, np.empty(0, bool))
    order = np.lexsort((day, person))
    sp, sd = person[order], day[order]
    new = np.r_[True, sp[1:] != sp[:-1]]
    gid = np.cumsum(new) - 1
    gstart = np.flatnonzero(new)
    gsize = np.diff(np.r_[gstart, n])
    G = len(gstart)
    first_day = sd[gstart]
    last_day = sd[gstart + gsize - 1]
    eligible = (gsize >= 2) & (last_day > first_day)
    dup = pick(rng, eligible, dup_rate)
    # split position: the first row (after a random row) whose day is later than the first day
    k = 1 + (rng.random(G) * np.maximum(gsize - 1, 1)).astype(np.int64)
    split_day = sd[np.minimum(gstart + k, n - 1)]
    split_day = np.where(split_day > first_day, split_day, last_day)
    in_dup = dup[gid] & (sd >= split_day[gid])
    dup_rank = np.cumsum(dup) - 1
    reg_sorted = np.where(in_dup, G + dup_rank[gid], gid)
    row_reg = np.empty(n, dtype=np.int64)
    row_reg[order] = reg_sorted
    n_dup = int(dup.sum())
    reg_person = np.concatenate([sp[gstart], sp[gstart][dup]])
    reg_day = np.concatenate([first_day, split_day[dup]])
    log.add("duplicate_person_id", n_dup, source)
    return Registrations(row_reg, reg_person, reg_day, np.r_[np.zeros(G, bool), np.ones(n_dup, bool)])


def unique_numbers(rng: np.random.Generator, n: int, low: int, high: int) -> np.ndarray:
    """``n`` distinct random integers in [low, high) in random order (for ids)."""
    if n > (high - low):
        raise ValueError("id space too small")
    out = np.empty(0, dtype=np.int64)
    while len(out) < n:
        cand = rng.integers(low, high, size=int((n - len(out)) * 1.1) + 16, dtype=np.int64)
        allc = np.concatenate([out, cand])
        _, first = np.unique(allc, return_index=True)
        out = allc[np.sort(first)]
    return out[:n]


def format_ids(prefix: str, numbers: np.ndarray, width: int) -> np.ndarray:
    """``prefix`` + zero-padded number, as an object array of str."""
    fmt = f"{prefix}{{:0{width}d}}"
    return np.array([fmt.format(x) for x in numbers.tolist()], dtype=object)


# --- names --------------------------------------------------------------------------------


@dataclass
class Names:
    first: np.ndarray
    middle: np.ndarray
    last: np.ndarray
    suffix: np.ndarray


_SUFFIX_STYLES = {"JR": ("JR", "Jr", "Jr."), "SR": ("SR", "Sr", "Sr."), "II": ("II",), "III": ("III",), "IV": ("IV",)}


def _suffix_text(s: str, u: float) -> str:
    styles = _SUFFIX_STYLES.get(s, (s,))
    return styles[min(int(u * len(styles)), len(styles) - 1)]


def _variant(options: Callable[[str], tuple[str, ...]]) -> Callable[[str, float], str]:
    """Choose one of ``options(s)`` with the pre-drawn uniform ``a``."""
    def choose(s: str, a: float) -> str:
        opts = options(s)
        return opts[min(int(a * len(opts)), len(opts) - 1)]
    return choose


def render_names(rng: np.random.Generator, q: QuirkRates, prof: SourceProfile, log: QuirkLog,
                 source: str, pop: Population, person: np.ndarray, day: np.ndarray, *,
                 suffix_field: bool, middle: str, accent_mult: float = 1.0,
                 upper_share: float | None = None) -> Names:
    """Render the name of each (person, day) as ``source`` would have typed it.

    ``middle``: 'full', 'initial', 'mixed' (full / initial / empty) or 'none'.
    """
    person = np.asarray(person, dtype=np.int64)
    n = len(person)
    first = pop.first[person].copy()
    mid = pop.middle[person].copy()
    last = pop.last_at(person, day)
    suf = pop.suffix[person].copy()
    log.add("last_name_change", int((last != pop.last0[person]).sum()), source)
    u = rng.random((n, 4))

    # goes by the middle name
    m = pick(rng, mid != "", q.first_middle_swap)
    first[m], mid[m] = mid[m], pop.first[person[m]]
    log.add("first_middle_swap", int(m.sum()), source)
    # nickname / alternative spelling of the given name
    el = pick(rng, flags(first, lambda f: N.nickname_options(f) != ((), ())), q.nickname)
    log.add("nickname", apply(first, el, lambda f, a, b: N.pick_nickname(f, a, b) or f, u[:, 0], u[:, 1]), source)
    m = pick(rng, flags(first, N.spelling_options), q.phonetic)
    log.add("phonetic_spelling", apply(first, m, _variant(N.spelling_options), u[:, 2]), source)
    m = pick(rng, flags(last, N.spelling_options), q.phonetic / 2)
    log.add("phonetic_spelling", apply(last, m, _variant(N.spelling_options), u[:, 3]), source)
    # accents, punctuation, particles
    acc = flags(first, N.has_accent) | flags(last, N.has_accent) | flags(mid, N.has_accent)
    m = pick(rng, acc, min(1.0, q.accent_strip * accent_mult))
    c = apply(first, m, N.strip_accents) + apply(last, m, N.strip_accents)
    apply(mid, m, N.strip_accents)
    log.add("accent_stripped", int(m.sum()) if c else 0, source)
    m = pick(rng, flags(last, N.punct_variants), q.punct_removed)
    log.add("punct_removed", apply(last, m, _variant(N.punct_variants), u[:, 0]), source)
    m = pick(rng, flags(first, N.punct_variants), q.punct_removed)
    log.add("punct_removed", apply(first, m, _variant(N.punct_variants), u[:, 1]), source)
    m = pick(rng, flags(last, N.has_particle), q.particle_collapsed)
    log.add("particle_collapsed", apply(last, m, _variant(N.particle_variants), u[:, 2]), source)
    # suffix
    has_suf = suf != ""
    m = pick(rng, has_suf, q.suffix_in_last_with_field if suffix_field else q.suffix_in_last_no_field)
    apply(last, m, lambda s, x, a: f"{s} {_suffix_text(x, a)}", suf, u[:, 3])
    log.add("suffix_in_last", int(m.sum()), source)
    suf = np.where(m | (not suffix_field), "", suf).astype(object)
    # typing errors
    for col, rate in ((first, q.typo_first), (last, q.typo_last)):
        m = pick(rng, np.ones(n, bool), rate)
        kinds = rng.integers(0, 4, n)
        uu = rng.random((n, 2))
        for k, label in enumerate(("typo_substitution", "typo_deletion", "typo_insertion", "typo_transposition")):
            changed = apply(col, m & (kinds == k), lambda s, a, b, k=k: N.typo(s, k, a, b), uu[:, 0], uu[:, 1])
            log.add(label, changed, source)
    m = pick(rng, np.ones(n, bool), q.first_last_swap)
    first[m], last[m] = last[m], first[m].copy()
    log.add("first_last_swap", int(m.sum()), source)
    # middle name format
    if middle == "none":
        mid = np.full(n, "", dtype=object)
    elif middle == "initial":
        mid = np.array([x[:1] for x in mid.tolist()], dtype=object)
    elif middle == "mixed":
        r = rng.random(n)
        ini = np.array([x[:1] for x in mid.tolist()], dtype=object)
        mid = np.where(r < 0.45, mid, np.where(r < 0.80, ini, "")).astype(object)
    # case: house style, then record-level variation
    share = prof.upper_case.get(source, 0.0) if upper_share is None else upper_share
    upper = rng.random(n) < share
    for col in (first, mid, last, suf):
        apply(col, upper, str.upper)
    m = pick(rng, np.ones(n, bool), q.name_case)
    style = np.where(upper, rng.integers(1, 3, n), np.where(rng.random(n) < 0.6, 0, 1 + rng.integers(0, 2, n)))
    ch = 0
    for col in (first, last):
        ch += apply(col, m, N.recase, style)
    log.add("name_case", int(m.sum()) if ch else 0, source)
    # spaces
    multi = flags(last, lambda s: " " in s) | flags(first, lambda s: " " in s)
    m = pick(rng, multi, q.name_double_space)
    apply(last, m, lambda s: s.replace(" ", "  ", 1))
    apply(first, m, lambda s: s.replace(" ", "  ", 1))
    log.add("name_double_space", int(m.sum()), source)
    m = pick(rng, np.ones(n, bool), q.name_stray_space)
    side = rng.random(n) < 0.5
    apply(last, m & side, lambda s: s + " ")
    apply(first, m & ~side, lambda s: " " + s)
    log.add("name_stray_space", int(m.sum()), source)
    return Names(first, mid, last, suf)


def update_last_names(rng: np.random.Generator, pop: Population, prof: SourceProfile, names: Names,
                      reg: Registrations, row_day: np.ndarray, log: QuirkLog, source: str) -> np.ndarray:
    """Last name per event row: the registration's rendering, except that rows dated after a
    last-name change carry the new name in sources that update records (decided per
    registration), typed in the registration's case style."""
    rr = reg.row_reg
    last = names.last[rr].copy()
    p = reg.person[rr]
    updates = (rng.random(len(reg.person)) < prof.name_update)[rr]
    true_then = pop.last_at(p, row_day)
    true_reg = pop.last_at(p, reg.day[rr])
    m = updates & (true_then != true_reg)
    if m.any():
        idx = np.flatnonzero(m)
        new = [t.upper() if old.isupper() else t for t, old in zip(true_then[idx].tolist(), last[idx].tolist())]
        last[idx] = new
        log.add("last_name_change", len(idx), source)
    return last


# --- dates of birth -----------------------------------------------------------------------


def render_dob(rng: np.random.Generator, q: QuirkRates, log: QuirkLog, source: str,
               dob: np.ndarray) -> np.ndarray:
    """Day numbers of DOB as recorded (transposed day/month, wrong year digit, 1900-01-01
    placeholder, missing = :data:`timeutil.NO_DATE`)."""
    dob = np.asarray(dob, dtype=np.int64).copy()
    n = len(dob)
    y, mo, d = T.ymd(dob)
    m = pick(rng, (d <= 12) & (mo <= 12) & (d != mo), q.dob_transposed)
    dob[m] = T.from_ymd(y[m], d[m], mo[m])
    log.add("dob_transposed", int(m.sum()), source)
    not_leap = ~((mo == 2) & (d == 29))
    m = pick(rng, not_leap & ~m, q.dob_year_digit)
    which = rng.random(n) < 0.7  # last digit, else the tens digit
    step = rng.integers(1, 10, n)
    ones, tens = y % 10, (y // 10) % 10
    ny = np.where(which, y - ones + (ones + step) % 10, y - tens * 10 + ((tens + step) % 10) * 10)
    ny = np.where(ny > 2025, ny - 10, ny)
    dob[m] = T.from_ymd(ny[m], mo[m], d[m])
    log.add("dob_year_digit", int(m.sum()), source)
    m = pick(rng, np.ones(n, bool), q.dob_placeholder)
    dob[m] = T.day(1900, 1, 1)
    log.add("dob_placeholder", int(m.sum()), source)
    m = pick(rng, np.ones(n, bool), q.dob_missing)
    dob[m] = T.NO_DATE
    log.add("dob_missing", int(m.sum()), source)
    return dob


# --- SSN ----------------------------------------------------------------------------------

_POW = 10 ** np.arange(8, -1, -1, dtype=np.int64)


def ssn_digit_typo(ssn: np.ndarray, pos: np.ndarray, step: np.ndarray) -> np.ndarray:
    """One digit (at ``pos`` 0..8) changed by ``step`` (1..9) mod 10."""
    p = _POW[pos]
    dig = (ssn // p) % 10
    return ssn - dig * p + ((dig + step) % 10) * p


def ssn_transpose(ssn: np.ndarray, pos: np.ndarray) -> np.ndarray:
    """Digits at ``pos`` and ``pos + 1`` swapped (unchanged if equal)."""
    pa_, pb = _POW[pos], _POW[pos + 1]
    a, b = (ssn // pa_) % 10, (ssn // pb) % 10
    return ssn - a * pa_ - b * pb + b * pa_ + a * pb


def ssn_make_invalid(ssn: np.ndarray, kind: np.ndarray, r: np.ndarray) -> np.ndarray:
    """Structurally invalid variant: 0 area 9xx (ITIN-like), 1 area 666, 2 area 000, 3 group 00,
    4 serial 0000."""
    area, group, serial = ssn // 1_000_000, (ssn // 10_000) % 100, ssn % 10_000
    area = np.select([kind == 0, kind == 1, kind == 2], [900 + r % 100, 666, 0], area)
    group = np.where(kind == 3, 0, group)
    serial = np.where(kind == 4, 0, serial)
    return area * 1_000_000 + group * 10_000 + serial


def fmt_ssn(ssn: np.ndarray, dashed: np.ndarray) -> np.ndarray:
    """9-digit strings, ``123-45-6789`` where ``dashed``."""
    out = []
    for s, d in zip(ssn.tolist(), dashed.tolist()):
        t = f"{s:09d}"
        out.append(f"{t[:3]}-{t[3:5]}-{t[5:]}" if d else t)
    return np.array(out, dtype=object)


def render_ssn(rng: np.random.Generator, q: QuirkRates, log: QuirkLog, source: str, pop: Population,
               person: np.ndarray, *, dashed_share: float, missing: float,
               child_parent: bool = True) -> np.ndarray:
    """SSN strings as a source records them ('' = missing)."""
    person = np.asarray(person, dtype=np.int64)
    n = len(person)
    ssn = pop.ssn[person].copy()
    if child_parent:
        parent = pop.hh_primary[pop.hh[person]]
        m = pick(rng, (pop.role[person] == ROLE_CHILD) & (parent >= 0) & (parent != person), q.ssn_child_parent)
        ssn[m] = pop.ssn[parent[m]]
        log.add("ssn_child_parent", int(m.sum()), source)
    pos = rng.integers(0, 9, n)
    m = pick(rng, np.ones(n, bool), q.ssn_typo)
    ssn[m] = ssn_digit_typo(ssn[m], pos[m], rng.integers(1, 10, int(m.sum())))
    log.add("ssn_typo", int(m.sum()), source)
    pos8 = rng.integers(0, 8, n)
    p = _POW[pos8]
    differ = ((ssn // p) % 10) != ((ssn // _POW[pos8 + 1]) % 10)
    m2 = pick(rng, differ & ~m, q.ssn_transposed)
    ssn[m2] = ssn_transpose(ssn[m2], pos8[m2])
    log.add("ssn_transposed", int(m2.sum()), source)
    m3 = pick(rng, np.ones(n, bool), q.ssn_invalid)
    ssn[m3] = ssn_make_invalid(ssn[m3], rng.integers(0, 5, int(m3.sum())), rng.integers(0, 1000, int(m3.sum())))
    log.add("ssn_invalid", int(m3.sum()), source)
    dashed = rng.random(n) < dashed_share
    out = fmt_ssn(ssn, dashed)
    log.add("ssn_dashes", int(dashed.sum()), source)
    log.add("ssn_no_dashes", int((~dashed).sum()), source)
    m4 = pick(rng, np.ones(n, bool), q.ssn_placeholder)
    out[m4] = np.array(PLACEHOLDER_SSNS, dtype=object)[rng.integers(0, 4, int(m4.sum()))]
    log.add("ssn_placeholder", int(m4.sum()), source)
    m5 = pick(rng, np.ones(n, bool), missing)
    out[m5] = ""
    log.add("ssn_missing", int(m5.sum()), source)
    return out


def render_sex(rng: np.random.Generator, q: QuirkRates, log: QuirkLog, source: str, sex: np.ndarray,
               codes: tuple[str, str, str]) -> np.ndarray:
    """Sex codes (female, male, unknown) with a few unknowns."""
    n = len(sex)
    out = np.where(sex == 1, codes[1], codes[0]).astype(object)
    m = pick(rng, np.ones(n, bool), q.sex_unknown)
    out[m] = codes[2]
    log.add("sex_unknown", int(m.sum()), source)
    return out
