"""Name sampling from the embedded frequency lists, and the string transforms sources apply.

Why here: the linkage layer is judged on exactly these transformations (accents, particles,
nicknames, typos...), so each one is a small pure function with a docstring saying which real
partner behaviour it imitates. Transforms take pre-drawn uniforms instead of an RNG so callers can
draw all randomness vectorized, in a fixed order (determinism).
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

import numpy as np
from nicknames import NickNamer

from . import namedata as nd

GROUP_INDEX = {g: i for i, g in enumerate(nd.GROUPS)}


def _parse(spec: str) -> list[tuple[str, float, str]]:
    out = []
    for item in spec.split("|"):
        name, w = item.rsplit(" ", 1)
        gen = "*"
        if "*" in w:
            w, gen = w.split("*")
        out.append((name.strip(), float(w), gen))
    return out


class NameBank:
    """Weighted name lists by (group, sex, generation), ready for vectorized sampling."""

    def __init__(self) -> None:
        self.first: dict[tuple[int, int, int], tuple[np.ndarray, np.ndarray]] = {}
        for (g, s), spec in nd.FIRST_NAMES.items():
            items = _parse(spec)
            for kid in (0, 1):
                keep = [(n, w) for n, w, gen in items if gen == "*" or gen == ("K" if kid else "A")]
                names = np.array([n for n, _ in keep], dtype=object)
                w = np.array([w for _, w in keep], dtype=float)
                self.first[(GROUP_INDEX[g], 1 if s == "M" else 0, kid)] = (names, w / w.sum())
        self.surname: dict[int, tuple[np.ndarray, np.ndarray]] = {}
        for g, spec in nd.SURNAMES.items():
            items = _parse(spec)
            names = np.array([n for n, _, _ in items], dtype=object)
            w = np.array([w for _, w, _ in items], dtype=float)
            self.surname[GROUP_INDEX[g]] = (names, w / w.sum())
        self.middle: dict[int, tuple[np.ndarray, np.ndarray]] = {}
        for s, spec in nd.MIDDLE_NAMES.items():
            items = _parse(spec)
            names = np.array([n for n, _, _ in items], dtype=object)
            w = np.array([w for _, w, _ in items], dtype=float)
            self.middle[1 if s == "M" else 0] = (names, w / w.sum())

    def sample_first(self, rng: np.random.Generator, group: np.ndarray, sex: np.ndarray,
                     kid: np.ndarray) -> np.ndarray:
        """Given names for persons described by parallel arrays (sex 1 = male)."""
        out = np.empty(len(group), dtype=object)
        for key in sorted(self.first):
            g, s, k = key
            idx = np.flatnonzero((group == g) & (sex == s) & (kid == k))
            if len(idx):
                names, p = self.first[key]
                out[idx] = names[rng.choice(len(names), size=len(idx), p=p)]
        return out

    def sample_surname(self, rng: np.random.Generator, group: np.ndarray) -> np.ndarray:
        """Surnames for persons of the given name groups."""
        out = np.empty(len(group), dtype=object)
        for g in sorted(self.surname):
            idx = np.flatnonzero(group == g)
            if len(idx):
                names, p = self.surname[g]
                out[idx] = names[rng.choice(len(names), size=len(idx), p=p)]
        return out

    def sample_middle(self, rng: np.random.Generator, group: np.ndarray, sex: np.ndarray,
                      kid: np.ndarray) -> np.ndarray:
        """Middle names ('' = none) following each group's naming custom."""
        n = len(group)
        out = np.full(n, "", dtype=object)
        share = np.array([nd.MIDDLE_SHARE[g] for g in nd.GROUPS])[group]
        has = rng.random(n) < share
        u = rng.random(n)
        anglo = np.empty(n, dtype=object)
        for s in (0, 1):
            idx = np.flatnonzero(sex == s)
            names, p = self.middle[s]
            anglo[idx] = names[rng.choice(len(names), size=len(idx), p=p)]
        # Hispanic: compound given names (José Luis, María Guadalupe); Somali: father's name
        second = self.sample_first(rng, group, sex, kid)
        father = self.sample_first(rng, np.full(n, GROUP_INDEX["S"]), np.ones(n, dtype=np.int64),
                                   np.zeros(n, dtype=np.int64))
        viet = np.empty(n, dtype=object)
        for s in (0, 1):
            idx = np.flatnonzero(sex == s)
            opts = np.array(nd.ASIAN_MIDDLE["M" if s else "F"], dtype=object)
            viet[idx] = opts[rng.integers(0, len(opts), len(idx))]
        gW, gB, gH, gA, gS = (GROUP_INDEX[g] for g in nd.GROUPS)
        out = np.where(has & ((group == gW) | (group == gB)), anglo, out)
        out = np.where(has & (group == gH), second, out)
        out = np.where(has & (group == gA), np.where(u < 0.7, viet, anglo), out)
        out = np.where(has & (group == gS), father, out)
        return out


# --- transforms -------------------------------------------------------------------------------

@lru_cache(maxsize=None)
def strip_accents(s: str) -> str:
    """``José Peña`` -> ``Jose Pena``: what ASCII-only intake systems store."""
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


@lru_cache(maxsize=None)
def has_accent(s: str) -> bool:
    """True if the name has a character an ASCII system would change."""
    return strip_accents(s) != s


@lru_cache(maxsize=None)
def punct_variants(s: str) -> tuple[str, ...]:
    """Ways a clerk drops an apostrophe or hyphen (``O'Brien`` -> ``OBrien``, ``O Brien``)."""
    out: list[str] = []
    if "'" in s:
        out += [s.replace("'", ""), s.replace("'", " ")]
    if "-" in s:
        out += [s.replace("-", " "), s.replace("-", ""), s.split("-")[0]]
    return tuple(dict.fromkeys(v for v in out if v and v != s))


@lru_cache(maxsize=None)
def has_particle(s: str) -> bool:
    """True for multi-word surnames starting with a particle (De La Cruz, Van Der Berg)."""
    toks = s.split()
    return len(toks) > 1 and toks[0].lower() in nd.PARTICLES


@lru_cache(maxsize=None)
def particle_variants(s: str) -> tuple[str, ...]:
    """``De La Cruz`` -> ``DeLaCruz``, ``Delacruz``, ``De la Cruz``: collapsed or re-cased."""
    toks = s.split()
    joined = "".join(toks)
    lower_particles = " ".join(t.lower() if i < len(toks) - 1 else t for i, t in enumerate(toks))
    return tuple(dict.fromkeys(v for v in (joined, joined.capitalize(), lower_particles) if v != s))


_NICKNAMER = NickNamer()


@lru_cache(maxsize=None)
def nickname_options(first: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(common nicknames, long-tail nicknames from the ``nicknames`` package) for a given name."""
    key = first.lower()
    common = tuple(n.capitalize() for n in nd.COMMON_NICKNAMES.get(key, ()))
    tail = tuple(sorted(n.capitalize() for n in _NICKNAMER.nicknames_of(strip_accents(key))
                        if len(n) > 2))
    tail = tuple(t for t in tail if t not in common)
    return common, tail


def pick_nickname(first: str, u1: float, u2: float) -> str | None:
    """A nickname for ``first``: usually a common one, sometimes a rarer package entry."""
    common, tail = nickname_options(first)
    if not common and not tail:
        return None
    pool = common if common and (not tail or u1 < 0.85) else tail
    return pool[min(int(u2 * len(pool)), len(pool) - 1)]


_SPELLING: dict[str, tuple[str, ...]] = {}
for _grp in nd.SPELLING_VARIANTS:
    for _n in _grp:
        _SPELLING[_n] = tuple(dict.fromkeys(_SPELLING.get(_n, ()) + tuple(x for x in _grp if x != _n)))


def spelling_options(name: str) -> tuple[str, ...]:
    """Other spellings of the same-sounding name (``Jon`` for ``John``)."""
    return _SPELLING.get(name, _SPELLING.get(strip_accents(name), ()))


def typo(s: str, kind: int, u1: float, u2: float) -> str:
    """One keying error: 0 substitution (QWERTY neighbour), 1 deletion, 2 insertion, 3 adjacent
    transposition. Returns ``s`` unchanged when the name is too short for that error."""
    letters = [i for i, c in enumerate(s) if c.isalpha()]
    if len(s) < 3 or len(letters) < 2:
        return s
    i = letters[min(int(u1 * len(letters)), len(letters) - 1)]
    c = s[i]
    if kind == 0:
        nb = nd.KEYBOARD_NEIGHBOURS.get(c.lower(), "aeiou")
        r = nb[min(int(u2 * len(nb)), len(nb) - 1)]
        r = r.upper() if c.isupper() else r
        return s[:i] + r + s[i + 1:]
    if kind == 1:
        return s[:i] + s[i + 1:]
    if kind == 2:
        nb = nd.KEYBOARD_NEIGHBOURS.get(c.lower(), "e") + c.lower()
        r = nb[min(int(u2 * len(nb)), len(nb) - 1)]
        r = r.upper() if (c.isupper() and i == 0) else r
        return s[:i + 1] + r + s[i + 1:]
    j = i + 1 if i + 1 < len(s) else i - 1
    a, b = min(i, j), max(i, j)
    if s[a] == s[b]:
        return typo(s, 0, u1, u2)
    t = s[:a] + s[b] + s[a] + s[b + 1:]
    if s[a].isupper() and a == 0:
        t = t[0].upper() + t[1].lower() + t[2:]
    return t


def recase(s: str, style: int) -> str:
    """0 upper, 1 lower, 2 title-case (which also turns ``McDonald`` into ``Mcdonald``)."""
    if style == 0:
        return s.upper()
    if style == 1:
        return s.lower()
    return s.title()
