"""The true population: households (families) and the people in them.

Why households first: every linkage hazard the warehouse must survive is a family fact (twins,
juniors/seniors living together, a child carrying a parent's SSN, a mother whose name changes when
she marries her partner), and every program in the IDS serves families, so programs are driven by
household need and composition rather than drawn independently per person.

Everything is a numpy array indexed by person (or household); persons are stored grouped by
household, so ``hh_start[h] : hh_start[h] + hh_size[h]`` are the members of household ``h``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import namedata as nd
from . import timeutil as T
from .config import QuirkRates
from .names import GROUP_INDEX, NameBank

# roles in the truth family map
ROLE_PARENT, ROLE_CHILD, ROLE_GRANDPARENT, ROLE_OTHER = 0, 1, 2, 3
ROLE_NAMES = ("PARENT", "CHILD", "GRANDPARENT", "OTHER_ADULT")

# relationship to the DHS head of household (spec codes, in this order)
REL_HEAD, REL_SPOUSE, REL_PARTNER, REL_CHILD, REL_STEPCHILD, REL_GRANDCHILD, REL_OTHER_REL, REL_NONREL = range(8)
REL_NAMES = ("HEAD", "SPOUSE", "PARTNER", "CHILD", "STEPCHILD", "GRANDCHILD", "OTHER_RELATIVE", "NONRELATIVE")

# household types
HT_SP, HT_TP, HT_MG, HT_KIN, HT_SA, HT_CP, HT_OA = range(7)
HT_NAMES = ("single_parent", "two_parent", "multigenerational", "kinship", "single_adult", "couple", "adults")
HT_WEIGHTS = (0.30, 0.24, 0.07, 0.03, 0.24, 0.08, 0.04)

# member slots (also the storage order inside a household)
K_P1, K_P2, K_G1, K_G2, K_O1, K_O2, K_C = range(7)

RACES = ("WHITE", "BLACK", "ASIAN", "AIAN", "NHPI", "MULTI", "UNKNOWN")
R_WHITE, R_BLACK, R_ASIAN, R_AIAN, R_NHPI, R_MULTI, R_UNKNOWN = range(7)

_KID_BORN = T.day(2000, 1, 1)
_YEAR = 365.25


@dataclass
class Population:
    """Arrays describing every true person and household (see module docstring)."""

    # persons
    hh: np.ndarray
    kind: np.ndarray
    role: np.ndarray
    rel: np.ndarray
    sex: np.ndarray            # 1 male, 0 female
    dob: np.ndarray
    group: np.ndarray          # name group index
    first: np.ndarray
    middle: np.ndarray
    last0: np.ndarray          # last name at the start of the history
    last_mid: np.ndarray       # interim (hyphenated) name, or the new name
    last_new: np.ndarray       # name after the change ('' if none)
    chg1: np.ndarray           # day the name starts changing (far future if never)
    chg2: np.ndarray           # day the final new name is used
    suffix: np.ndarray
    ssn: np.ndarray            # int64, structurally valid, unique
    race: np.ndarray
    hispanic: np.ndarray       # 0 N, 1 Y
    # households
    hh_type: np.ndarray
    hh_start: np.ndarray
    hh_size: np.ndarray
    hh_need: np.ndarray        # 0..1 latent economic need, drives every program
    hh_primary: np.ndarray     # main adult (applicant / head in most sources)
    hh_partner: np.ndarray     # partner of the primary adult or -1
    hh_head: np.ndarray        # DHS head of household
    hh_lang: np.ndarray        # ISO 639-1
    hh_city: np.ndarray        # index into namedata.CITIES (before a move)
    hh_zip: np.ndarray
    hh_addr: np.ndarray
    hh_city2: np.ndarray       # after the move (same as before if no move)
    hh_zip2: np.ndarray
    hh_addr2: np.ndarray
    hh_move: np.ndarray        # day of the move (far future if none)
    hh_married: np.ndarray

    @property
    def n(self) -> int:
        return len(self.hh)

    @property
    def n_hh(self) -> int:
        return len(self.hh_type)

    def last_at(self, person: np.ndarray, days: np.ndarray) -> np.ndarray:
        """True last name of ``person`` on ``days`` (name changes applied)."""
        person = np.asarray(person)
        days = np.asarray(days)
        out = self.last0[person].copy()
        c1 = days >= self.chg1[person]
        c2 = days >= self.chg2[person]
        out[c1] = self.last_mid[person[c1]]
        out[c2] = self.last_new[person[c2]]
        return out

    def members(self, hh: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Expand households to (position of the household in ``hh``, member person index)."""
        hh = np.asarray(hh)
        sizes = self.hh_size[hh]
        rep = np.repeat(np.arange(len(hh)), sizes)
        offs = np.arange(len(rep)) - np.repeat(np.cumsum(sizes) - sizes, sizes)
        return rep, self.hh_start[hh[rep]] + offs

    def age(self, person: np.ndarray, on: np.ndarray | int) -> np.ndarray:
        """Completed years of age."""
        return T.age_on(self.dob[np.asarray(person)], on)


_PLACEHOLDER_SSNS = np.array([0, 111111111, 123456789, 999999999, 222222222, 333333333], dtype=np.int64)


def valid_ssn_mask(ssn: np.ndarray) -> np.ndarray:
    """Structural validity: area not 000/666/9xx, group not 00, serial not 0000."""
    area, group, serial = ssn // 1_000_000, (ssn // 10_000) % 100, ssn % 10_000
    return (area > 0) & (area != 666) & (area < 900) & (group > 0) & (serial > 0)


def unique_ssns(rng: np.random.Generator, n: int) -> np.ndarray:
    """``n`` distinct, structurally valid SSNs that are not well-known placeholders."""
    out = np.empty(0, dtype=np.int64)
    while len(out) < n:
        cand = rng.integers(1_010_001, 899_999_999, size=int((n - len(out)) * 1.2) + 32, dtype=np.int64)
        cand = cand[valid_ssn_mask(cand) & ~np.isin(cand, _PLACEHOLDER_SSNS)]
        allc = np.concatenate([out, cand])
        _, first = np.unique(allc, return_index=True)
        out = allc[np.sort(first)]
    return out[:n]


def _draw_households(rng: np.random.Generator, n_persons: int) -> dict[str, np.ndarray]:
    """Household types and slot counts whose sizes add up to exactly ``n_persons``."""
    parts: list[dict[str, np.ndarray]] = []
    total = 0
    while total < n_persons:
        m = max(16, int((n_persons - total) / 2.3 * 1.1))
        t = rng.choice(len(HT_WEIGHTS), size=m, p=np.array(HT_WEIGHTS))
        u = rng.random((m, 4))
        kids = np.isin(t, (HT_SP, HT_TP, HT_MG))
        p1 = kids.astype(np.int64)
        p2 = ((t == HT_TP) | ((t == HT_MG) & (u[:, 0] < 0.3))).astype(np.int64)
        ng = np.where(np.isin(t, (HT_MG, HT_KIN)), 1 + (u[:, 1] < 0.4), 0).astype(np.int64)
        no = np.select([t == HT_SA, np.isin(t, (HT_CP, HT_OA)), np.isin(t, (HT_SP, HT_TP))],
                       [1, 2, (u[:, 2] < 0.08).astype(np.int64)], 0).astype(np.int64)
        nc = np.where(kids, 1 + np.minimum(rng.poisson(1.1, m), 6),
                      np.where(t == HT_KIN, 1 + np.minimum(rng.poisson(0.6, m), 4), 0)).astype(np.int64)
        size = p1 + p2 + ng + no + nc
        cum = total + np.cumsum(size)
        keep = cum <= n_persons
        parts.append({"type": t[keep], "p1": p1[keep], "p2": p2[keep], "ng": ng[keep], "no": no[keep],
                      "nc": nc[keep]})
        total = int(cum[keep][-1]) if keep.any() else total
        if not keep.all() and total < n_persons:
            r = n_persons - total  # top up with single adults so the count is exact
            parts.append({"type": np.full(r, HT_SA), "p1": np.zeros(r, np.int64), "p2": np.zeros(r, np.int64),
                          "ng": np.zeros(r, np.int64), "no": np.ones(r, np.int64), "nc": np.zeros(r, np.int64)})
            total = n_persons
    return {k: np.concatenate([p[k] for p in parts]).astype(np.int64) for k in parts[0]}


def build_population(rng: np.random.Generator, n_persons: int, q: QuirkRates, bank: NameBank) -> Population:
    """Draw households and persons with names, dates of birth, SSNs and relationships."""
    H = _draw_households(rng, n_persons)
    n_hh = len(H["type"])
    ht = H["type"]
    hidx = np.arange(n_hh)

    # ---- expand slots to persons, grouped by household ---------------------------------------
    hh_l, kind_l = [], []
    for kind, col in ((K_P1, "p1"), (K_P2, "p2")):
        hh_l.append(np.repeat(hidx, H[col]))
        kind_l.append(np.full(int(H[col].sum()), kind))
    for base, col in ((K_G1, "ng"), (K_O1, "no"), (K_C, "nc")):
        rep = np.repeat(hidx, H[col])
        seq = np.arange(len(rep)) - np.repeat(np.cumsum(H[col]) - H[col], H[col])
        hh_l.append(rep)
        kind_l.append(np.where(base == K_C, K_C, base + seq))
    hh = np.concatenate(hh_l)
    kind = np.concatenate(kind_l).astype(np.int64)
    order = np.lexsort((kind, hh))
    hh, kind = hh[order], kind[order]
    n = len(hh)
    assert n == n_persons
    pid = np.arange(n)
    hh_size = np.bincount(hh, minlength=n_hh)
    hh_start = np.cumsum(hh_size) - hh_size
    seq = pid - hh_start[hh]

    def slot(k: int) -> np.ndarray:
        s = np.full(n_hh, -1, dtype=np.int64)
        m = kind == k
        s[hh[m]] = pid[m]
        return s

    P1, P2, G1, G2, O1, O2 = (slot(k) for k in (K_P1, K_P2, K_G1, K_G2, K_O1, K_O2))
    is_child = kind == K_C
    first_child = np.full(n_hh, n, dtype=np.int64)
    np.minimum.at(first_child, hh[is_child], pid[is_child])

    # ---- household-level draws ---------------------------------------------------------------
    hgroup = rng.choice(len(nd.GROUPS), size=n_hh, p=np.array(nd.GROUP_WEIGHTS))
    other_group = rng.choice(len(nd.GROUPS), size=n_hh, p=np.array(nd.GROUP_WEIGHTS))
    pgroup = np.where(rng.random(n_hh) < 0.12, other_group, hgroup)  # partner from another group
    married = rng.random(n_hh) < 0.6
    need_adj = np.array([0.08, -0.05, 0.05, 0.05, 0.0, -0.1, -0.03])[ht]
    need = np.clip(rng.beta(2.0, 2.4, n_hh) + need_adj, 0.0, 1.0)

    # ---- sex ------------------------------------------------------------------------------------
    u = rng.random(n)
    sex = np.zeros(n, dtype=np.int64)
    p1_female = np.where(ht[hh] == HT_SP, 0.85, 0.93)
    sex = np.where(kind == K_P1, (u > p1_female).astype(np.int64), sex)
    sex = np.where(kind == K_G1, (u > 0.75).astype(np.int64), sex)
    sex = np.where(np.isin(kind, (K_O1, K_C)), (u < 0.5).astype(np.int64), sex)
    sex = np.where(kind == K_O2, (u < 0.5).astype(np.int64), sex)
    # partners: opposite sex of the first adult 97% of the time
    same = rng.random(n) < 0.03
    for k2, k1 in ((K_P2, P1), (K_G2, G1)):
        m = kind == k2
        sex[m] = np.where(same[m], sex[k1[hh[m]]], 1 - sex[k1[hh[m]]])
    m = (kind == K_O2) & (ht[hh] == HT_CP)
    sex[m] = np.where(same[m], sex[O1[hh[m]]], 1 - sex[O1[hh[m]]])

    # ---- ages / dates of birth ----------------------------------------------------------------
    age = np.zeros(n)
    g = rng.gamma
    a_p1 = np.select([ht == HT_SP, ht == HT_TP, ht == HT_MG],
                     [18 + g(3.0, 4.0, n_hh), 20 + g(3.0, 4.5, n_hh), 16 + g(2.5, 4.0, n_hh)], 30.0)
    a_p1 = np.clip(a_p1, np.where(ht == HT_MG, 16, 18), 55)
    m = kind == K_P1
    age[m] = a_p1[hh[m]]
    m = kind == K_P2
    age[m] = np.clip(a_p1[hh[m]] + rng.normal(2, 4, m.sum()), 18, 70)
    # children: spaced births (twins share a birthday); the mother is 15.5-44 at each birth and
    # every child is born between 2001 and the end of the history
    child_rank = np.where(is_child, pid - first_child[hh], -1)
    twin = is_child & (child_rank >= 1) & (rng.random(n) < 0.03)
    gap = np.where(is_child & (child_rank >= 1) & ~twin, 1.2 + g(2.0, 0.8, n), 0.0)
    cg = np.cumsum(gap)
    cg = cg - cg[np.where(is_child, first_child[hh], pid)]  # cumulative gap since the oldest
    spread = np.zeros(n_hh)
    np.maximum.at(spread, hh[is_child], cg[is_child])
    has_p1 = P1 >= 0
    lo = np.where(has_p1, np.maximum(15.5, a_p1 - 17.9), 0.0)   # in "years after mother's birth"
    hi = np.where(has_p1, np.minimum(44.0, a_p1 + 6.9), 20.9)
    hi = np.maximum(hi, lo + 0.1)
    scale = np.minimum(1.0, (hi - lo) / np.maximum(spread, 1e-9))
    b1 = rng.uniform(lo, np.maximum(hi - spread * scale, lo))
    m = is_child
    birth = b1[hh[m]] + cg[m] * scale[hh[m]]
    age[m] = np.where(has_p1[hh[m]], a_p1[hh[m]] - birth, 17.9 - birth)
    oldest_kid = np.full(n_hh, -10.0)
    np.maximum.at(oldest_kid, hh[is_child], age[is_child])
    a_g1 = np.where(ht == HT_MG, a_p1 + rng.uniform(18, 32, n_hh),
                    np.clip(oldest_kid + rng.uniform(36, 55, n_hh), 40, 85))
    m = kind == K_G1
    age[m] = a_g1[hh[m]]
    m = kind == K_G2
    age[m] = np.clip(a_g1[hh[m]] + rng.normal(0, 3, m.sum()), 35, 92)
    a_o1 = np.clip(18 + g(2.0, 11.0, n_hh), 18, 88)
    m = (kind == K_O1) & np.isin(ht[hh], (HT_SA, HT_CP, HT_OA))
    age[m] = a_o1[hh[m]]
    m = (kind == K_O1) & np.isin(ht[hh], (HT_SP, HT_TP))
    age[m] = np.clip(18 + g(2.0, 8.0, m.sum()), 18, 70)
    m = (kind == K_O2) & (ht[hh] == HT_CP)
    age[m] = np.clip(a_o1[hh[m]] + rng.normal(0, 4, m.sum()), 18, 90)
    m = (kind == K_O2) & (ht[hh] == HT_OA)
    age[m] = rng.uniform(18, 70, m.sum())
    dob = (T.START - np.round(age * _YEAR)).astype(np.int64)
    dob = np.minimum(dob, T.END - 20)
    # twins: same date of birth as the previous child of the same household
    twin_idx = np.flatnonzero(twin)
    dob[twin_idx] = dob[twin_idx - 1]

    # ---- race / ethnicity / name groups ---------------------------------------------------------
    group = hgroup[hh].copy()
    m = np.isin(kind, (K_P2,)) | ((kind == K_O2) & (ht[hh] == HT_CP))
    group[m] = pgroup[hh[m]]
    mixed = is_child & (pgroup[hh] != hgroup[hh]) & (P2[hh] >= 0) & (rng.random(n) < 0.5)
    group[mixed] = pgroup[hh[mixed]]
    race, hisp = _race(rng, group)
    mixed_kid = is_child & (pgroup[hh] != hgroup[hh]) & (P2[hh] >= 0)
    race[mixed_kid & (rng.random(n) < 0.5)] = R_MULTI

    # ---- names ----------------------------------------------------------------------------------
    kid = (dob >= _KID_BORN).astype(np.int64)
    first = bank.sample_first(rng, group, sex, kid)
    middle = bank.sample_middle(rng, group, sex, kid)
    for _ in range(8):  # no two members of a household share a given name (juniors come later)
        seen: dict[tuple[int, str], int] = {}
        dup = []
        for i, (h, f) in enumerate(zip(hh.tolist(), first.tolist())):
            if (h, f) in seen:
                dup.append(i)
            else:
                seen[(h, f)] = i
        if not dup:
            break
        d = np.array(dup)
        first[d] = bank.sample_first(rng, group[d], sex[d], kid[d])
    middle = np.where(middle == first, "", middle)

    birth_last = bank.sample_surname(rng, group)
    last = birth_last.copy()
    # couples: a married woman uses her husband's surname
    for a_slot, b_slot in ((P1, P2), (G1, G2), (O1, O2)):
        both = (a_slot >= 0) & (b_slot >= 0) & married & (ht != HT_OA)
        a, b = a_slot[both], b_slot[both]
        fa = (sex[a] == 0) & (sex[b] == 1)
        fb = (sex[b] == 0) & (sex[a] == 1)
        last[a[fa]] = birth_last[b[fa]]
        last[b[fb]] = birth_last[a[fb]]
    # grandparents in a multigenerational home are the primary parent's parents
    m = np.isin(kind, (K_G1, K_G2)) & (ht[hh] == HT_MG)
    last[m] = birth_last[P1[hh[m]]]
    birth_last[m] = np.where(sex[m] == 1, birth_last[P1[hh[m]]], birth_last[m])
    m = (kind == K_G2) & (ht[hh] == HT_KIN) & married[hh]
    last[m] = last[G1[hh[m]]]
    # relatives among "other adults" share the primary parent's birth name
    o_rel = np.isin(kind, (K_O1,)) & np.isin(ht[hh], (HT_SP, HT_TP)) & (rng.random(n) < 0.5)
    last[o_rel] = birth_last[P1[hh[o_rel]]]
    oa_rel = (kind == K_O2) & (ht[hh] == HT_OA) & (rng.random(n) < 0.5)
    last[oa_rel] = last[O1[hh[oa_rel]]]

    # children: whose child, which surname
    u = rng.random((n, 3))
    other_sn = bank.sample_surname(rng, group)
    bio = np.zeros(n, dtype=np.int64)  # 0 both, 1 primary's only, 2 partner's only
    bio = np.where(is_child & (P2[hh] >= 0), np.select([u[:, 0] < 0.80, u[:, 0] < 0.95], [0, 1], 2), 1)
    p1_male = (P1 >= 0) & (sex[np.maximum(P1, 0)] == 1)
    p2_male = (P2 >= 0) & (sex[np.maximum(P2, 0)] == 1)
    father = np.where(p1_male, P1, np.where(p2_male, P2, -1))
    fam_father = father[hh]
    ck = is_child & (ht[hh] != HT_KIN)
    p1c, p2c = P1[hh], P2[hh]
    child_last = np.where(u[:, 1] < 0.65, last[np.maximum(p1c, 0)], other_sn)  # single parent
    two = ck & (p2c >= 0)
    father_last = last[np.maximum(fam_father, 0)]
    mother_last = np.where(sex[np.maximum(p1c, 0)] == 0, last[np.maximum(p1c, 0)], last[np.maximum(p2c, 0)])
    both_last = np.where(married[hh] | (u[:, 1] < 0.55), father_last, mother_last)
    child_last = np.where(two & (bio == 0), both_last, child_last)
    prior = np.where(u[:, 2] < 0.5, birth_last[np.maximum(p1c, 0)], other_sn)  # from an earlier relationship
    child_last = np.where(two & (bio == 1), prior, child_last)
    child_last = np.where(two & (bio == 2), birth_last[np.maximum(p2c, 0)], child_last)
    single_father = ck & (p2c < 0) & (sex[np.maximum(p1c, 0)] == 1)
    child_last = np.where(single_father & (u[:, 2] < 0.9), last[np.maximum(p1c, 0)], child_last)
    kin = is_child & (ht[hh] == HT_KIN)
    child_last = np.where(kin, np.where(u[:, 1] < 0.5, last[np.maximum(G1[hh], 0)], other_sn), child_last)
    last = np.where(is_child, child_last, last)
    # Hispanic children sometimes carry both surnames (García López / García-López)
    mom_birth = birth_last[np.maximum(p1c, 0)]
    dbl = is_child & (group == GROUP_INDEX["H"]) & (p1c >= 0) & (rng.random(n) < 0.10)
    di = np.flatnonzero(dbl)
    ok = np.array([(" " not in a) and (" " not in b) and a != b and "-" not in a
                   for a, b in zip(last[di].tolist(), mom_birth[di].tolist())], dtype=bool)
    dbl[di[~ok]] = False
    sep = np.where(rng.random(n) < 0.5, "-", " ")
    last[dbl] = last[dbl] + sep[dbl] + mom_birth[dbl]
    birth_last = np.where(is_child, last, birth_last)

    # ---- juniors / seniors -------------------------------------------------------------------
    suffix = np.full(n, "", dtype=object)
    cand = is_child & (sex == 1) & (fam_father >= 0) & (bio != 2)
    cand &= last == last[np.maximum(fam_father, 0)]
    jr_child = np.full(n_hh, n, dtype=np.int64)
    np.minimum.at(jr_child, hh[cand], pid[cand])
    has_jr = (jr_child < n) & (rng.random(n_hh) < 0.12)
    jr = jr_child[has_jr]
    sr = father[has_jr]
    # multigenerational: grandfather senior, adult son junior
    mg = (ht == HT_MG) & (G1 >= 0) & (P1 >= 0) & (rng.random(n_hh) < 0.12)
    mg &= (sex[np.maximum(G1, 0)] == 1) & (sex[np.maximum(P1, 0)] == 1) & ~has_jr
    jr = np.concatenate([jr, P1[mg]])
    sr = np.concatenate([sr, G1[mg]])
    first[jr] = first[sr]
    middle[jr] = middle[sr]
    suffix[jr] = "JR"
    suffix[sr] = np.where(rng.random(len(sr)) < 0.5, "SR", "")
    extra = (kind != K_C) & (sex == 1) & (suffix == "") & (rng.random(n) < 0.006)
    suffix[extra] = np.array(["II", "III", "IV"], dtype=object)[rng.choice(3, extra.sum(), p=[0.5, 0.4, 0.1])]

    # ---- last-name changes during the history ------------------------------------------------
    adult_f = (sex == 0) & (kind != K_C) & (age >= 18) & (age <= 55)
    change = adult_f & (rng.random(n) < q.name_change)
    partner = np.full(n, -1, dtype=np.int64)
    for a_slot, b_slot in ((P1, P2), (G1, G2), (O1, O2)):
        ok = (a_slot >= 0) & (b_slot >= 0)
        partner[a_slot[ok]] = b_slot[ok]
        partner[b_slot[ok]] = a_slot[ok]
    has_male_partner = (partner >= 0) & (sex[np.maximum(partner, 0)] == 1)
    new = bank.sample_surname(rng, group)
    marry_partner = change & has_male_partner & (last != last[np.maximum(partner, 0)])
    new = np.where(marry_partner, last[np.maximum(partner, 0)], new)
    divorce = change & ~marry_partner & (last != birth_last) & (rng.random(n) < 0.6)
    new = np.where(divorce, birth_last, new)
    change &= new != last
    last_new = np.where(change, new, "").astype(object)
    chg_day = rng.integers(T.START + 90, T.END - 60, n)
    hyphen = change & (rng.random(n) < q.name_change_hyphen)
    hyph = np.full(n, "", dtype=object)
    hi_ = np.flatnonzero(hyphen)
    hyph[hi_] = [f"{a}-{b}" for a, b in zip(last[hi_].tolist(), new[hi_].tolist())]
    far = T.END + 100_000
    chg1 = np.where(change, chg_day, far).astype(np.int64)
    chg2 = np.where(hyphen, chg_day + rng.integers(120, 900, n), chg1).astype(np.int64)
    last_mid = np.where(hyphen, hyph, last_new).astype(object)

    # ---- roles and relationships -------------------------------------------------------------
    role = np.full(n, ROLE_OTHER, dtype=np.int64)
    role[np.isin(kind, (K_P1, K_P2))] = ROLE_PARENT
    role[is_child] = ROLE_CHILD
    role[np.isin(kind, (K_G1, K_G2))] = ROLE_GRANDPARENT
    head = np.select([np.isin(ht, (HT_SP, HT_TP)), ht == HT_MG, ht == HT_KIN],
                     [P1, np.where(rng.random(n_hh) < 0.4, G1, P1), G1], O1)
    rel = _relationships(hh, kind, ht, head, P1, P2, G1, bio, married, is_child, o_rel, oa_rel)
    primary = np.select([P1 >= 0, G1 >= 0], [P1, G1], O1)
    partner_hh = np.where(primary == P1, P2, np.where(primary == G1, G2, O2))
    partner_hh = np.where(ht == HT_OA, -1, partner_hh)

    # ---- SSN, geography, language --------------------------------------------------------------
    ssn = unique_ssns(rng, n)
    cw = np.array([c[2] for c in nd.CITIES])
    city = rng.choice(len(nd.CITIES), size=n_hh, p=cw / cw.sum())
    moved = rng.random(n_hh) < 0.25
    city2 = np.where(moved & (rng.random(n_hh) < 0.4), rng.choice(len(nd.CITIES), size=n_hh, p=cw / cw.sum()), city)
    zip1, addr1 = _addresses(rng, city)
    zip2, addr2 = _addresses(rng, city2)
    zip2 = np.where(moved, zip2, zip1)
    addr2 = np.where(moved, addr2, addr1)
    move_day = np.where(moved, rng.integers(T.START + 60, T.END - 30, n_hh), far).astype(np.int64)
    lang = np.empty(n_hh, dtype=object)
    for gi, gname in enumerate(nd.GROUPS):
        idx = np.flatnonzero(hgroup == gi)
        opts = nd.LANGUAGES_BY_GROUP[gname]
        p = np.array([w for _, w in opts])
        lang[idx] = np.array([c for c, _ in opts], dtype=object)[rng.choice(len(opts), size=len(idx), p=p / p.sum())]

    return Population(
        hh=hh, kind=kind, role=role, rel=rel, sex=sex, dob=dob, group=group, first=first,
        middle=middle, last0=last, last_mid=last_mid, last_new=last_new, chg1=chg1, chg2=chg2,
        suffix=suffix, ssn=ssn, race=race, hispanic=hisp, hh_type=ht, hh_start=hh_start,
        hh_size=hh_size, hh_need=need, hh_primary=primary, hh_partner=partner_hh, hh_head=head,
        hh_lang=lang, hh_city=city, hh_zip=zip1, hh_addr=addr1, hh_city2=city2, hh_zip2=zip2,
        hh_addr2=addr2, hh_move=move_day, hh_married=married,
    )


def _race(rng: np.random.Generator, group: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    n = len(group)
    dist = {
        "W": ((R_WHITE, 0.96), (R_AIAN, 0.03), (R_MULTI, 0.01)),
        "B": ((R_BLACK, 0.94), (R_MULTI, 0.05), (R_UNKNOWN, 0.01)),
        "H": ((R_WHITE, 0.50), (R_UNKNOWN, 0.28), (R_MULTI, 0.10), (R_AIAN, 0.07), (R_BLACK, 0.05)),
        "A": ((R_ASIAN, 0.92), (R_NHPI, 0.05), (R_MULTI, 0.03)),
        "S": ((R_BLACK, 0.90), (R_UNKNOWN, 0.10)),
    }
    race = np.zeros(n, dtype=np.int64)
    for gi, gname in enumerate(nd.GROUPS):
        idx = np.flatnonzero(group == gi)
        codes = np.array([c for c, _ in dist[gname]])
        p = np.array([w for _, w in dist[gname]])
        race[idx] = codes[rng.choice(len(codes), size=len(idx), p=p / p.sum())]
    hisp = (group == GROUP_INDEX["H"]).astype(np.int64)
    hisp[(group == GROUP_INDEX["B"]) & (rng.random(n) < 0.03)] = 1
    return race, hisp


def _addresses(rng: np.random.Generator, city: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    m = len(city)
    zips = np.empty(m, dtype=object)
    for ci, c in enumerate(nd.CITIES):
        idx = np.flatnonzero(city == ci)
        zips[idx] = np.array(c[3], dtype=object)[rng.integers(0, len(c[3]), len(idx))]
    num = rng.integers(100, 19999, m)
    street = np.array(nd.STREETS, dtype=object)[rng.integers(0, len(nd.STREETS), m)]
    unit_kind = rng.random(m)
    unit_no = rng.integers(1, 40, m)
    letter = np.array(list("ABCDEF"), dtype=object)[rng.integers(0, 6, m)]
    addr = []
    for a, s, uk, un, le in zip(num.tolist(), street.tolist(), unit_kind.tolist(), unit_no.tolist(), letter.tolist()):
        if uk < 0.12:
            addr.append(f"{a} {s} Apt {un}{le}")
        elif uk < 0.20:
            addr.append(f"{a} {s} Unit {un}")
        elif uk < 0.26:
            addr.append(f"{a} {s} #{un * 10 + 1}")
        else:
            addr.append(f"{a} {s}")
    return zips, np.array(addr, dtype=object)


def _relationships(hh, kind, ht, head, P1, P2, G1, bio, married, is_child, o_rel, oa_rel) -> np.ndarray:
    n = len(hh)
    h = hh
    rel = np.full(n, REL_NONREL, dtype=np.int64)
    hd = head[h]
    pid = np.arange(n)
    head_is_p1 = hd == P1[h]
    head_is_g = hd == G1[h]
    rel[pid == hd] = REL_HEAD
    spouse_code = np.where(married[h], REL_SPOUSE, REL_PARTNER)
    # partner of the head
    m = (kind == K_P2) & head_is_p1
    rel[m] = spouse_code[m]
    m = (kind == K_G2) & head_is_g
    rel[m] = np.where(married[h[m]], REL_SPOUSE, REL_PARTNER)
    m = (kind == K_O2) & (ht[h] == HT_CP)
    rel[m] = spouse_code[m]
    m = (kind == K_O2) & (ht[h] == HT_OA)
    rel[m] = np.where(oa_rel[m], REL_OTHER_REL, REL_NONREL)
    # children
    m = is_child & head_is_p1
    rel[m] = np.where(bio[m] == 2, REL_STEPCHILD, REL_CHILD)
    m = is_child & head_is_g
    rel[m] = REL_GRANDCHILD
    # grandparent-headed multigenerational home: the parents are the head's children / in-laws
    m = (kind == K_P1) & head_is_g
    rel[m] = REL_CHILD
    m = (kind == K_P2) & head_is_g
    rel[m] = np.where(married[h[m]], REL_OTHER_REL, REL_NONREL)
    # parent-headed multigenerational home: grandparents are other relatives
    m = np.isin(kind, (K_G1, K_G2)) & head_is_p1
    rel[m] = REL_OTHER_REL
    # extra adults in parent households
    m = (kind == K_O1) & np.isin(ht[h], (HT_SP, HT_TP))
    rel[m] = np.where(o_rel[m], REL_OTHER_REL, REL_NONREL)
    return rel
