"""FaDSS: family development and self-sufficiency enrollments of TANF families.

Why anchored on TANF spells: FaDSS serves families receiving TANF, so enrollments start during a
family's TANF spell and the provider copies the DHS case id (occasionally mistyped). Exits and
exit reasons follow the TANF spell (TANF_CLOSED when it closed first). Adult exits are handed to
DOL so that employment after the program has a (modest) real signal.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from . import timeutil as T
from .context import Context
from .identity import format_ids, register, render_dob, render_names, unique_numbers, update_last_names
from .population import ROLE_CHILD
from .quirks import apply, pick
from .tables import extract_table

SOURCE = "fadss"
ROLES = ("PRIMARY_ADULT", "SECONDARY_ADULT", "CHILD")
EXIT_REASONS = ("GOALS_MET", "TANF_CLOSED", "MOVED", "LOST_CONTACT", "DECLINED", "OTHER")


def n_providers(persons: int) -> int:
    """Number of FaDSS providers (a handful statewide; a few more for very large runs)."""
    return 8 + persons // 200_000


def provider_ids(persons: int) -> np.ndarray:
    return np.array([f"FD{101 + i}" for i in range(n_providers(persons))], dtype=object)


def _case_typo(s: str, kind: int, a: float, b: float) -> str:
    """How a provider mistypes a DHS case id ``C12345678``."""
    digits = s[1:]
    i = min(int(a * len(digits)), len(digits) - 1)
    if kind == 0:  # one digit wrong
        d = str((int(digits[i]) + 1 + int(b * 8)) % 10)
        return "C" + digits[:i] + d + digits[i + 1:]
    if kind == 1:  # adjacent digits swapped
        j = min(i, len(digits) - 2)
        if digits[j] == digits[j + 1]:
            return _case_typo(s, 0, a, b)
        return "C" + digits[:j] + digits[j + 1] + digits[j] + digits[j + 2:]
    if kind == 2:  # prefix dropped
        return digits
    if kind == 3:  # lower-case prefix
        return "c" + digits
    return "C" + digits[:i] + digits[i + 1:]  # a digit dropped


def build(ctx: Context) -> dict[str, pa.Table]:
    pop, q = ctx.pop, ctx.q
    rng = ctx.rng(SOURCE)
    tu, ts, te = ctx.facts["tanf_spells"]
    te_eff = np.where(te == T.NO_DATE, T.END + 10_000, te)
    long_enough = (te_eff - np.maximum(ts, T.START)) >= 60
    # one TANF spell per participating household (its first long-enough spell)
    cand = np.flatnonzero(long_enough & (np.maximum(ts, T.START) <= T.END - 45))
    _, first = np.unique(tu[cand], return_index=True)
    spell = cand[first]
    hh_need = pop.hh_need[tu[spell]]
    take = rng.random(len(spell)) < np.clip(0.18 + 0.3 * hh_need, 0, 0.6)
    spell = spell[take]
    hh = tu[spell]
    n_fam = len(hh)
    s0 = np.maximum(ts[spell], T.START)
    room = np.minimum(np.minimum(te_eff[spell], T.END) - s0, 120)
    enroll = s0 + 7 + (rng.random(n_fam) * np.maximum(room - 7, 1)).astype(np.int64)
    dur = np.clip(np.exp(rng.normal(np.log(260), 0.6, n_fam)), 30, 1000).astype(np.int64)
    exit_ = enroll + dur
    tanf_closed_first = te_eff[spell] <= exit_
    # re-enrollment of some families after an exit
    again = (exit_ < T.END - 200) & (rng.random(n_fam) < 0.08)
    e2 = exit_ + rng.integers(90, 720, n_fam)
    again &= e2 < T.END - 30
    ai = np.flatnonzero(again)
    e_hh = np.concatenate([hh, hh[ai]])
    e_enroll = np.concatenate([enroll, e2[ai]])
    e_dur = np.concatenate([dur, np.clip(np.exp(rng.normal(np.log(200), 0.6, len(ai))), 30, 900).astype(np.int64)])
    e_exit = e_enroll + e_dur
    e_tanf_first = np.concatenate([tanf_closed_first, rng.random(len(ai)) < 0.3])
    open_ = e_exit > T.END
    n_enr = len(e_hh)
    # provider: mostly the one covering the family's city
    provs = provider_ids(ctx.cfg.persons)
    city = pop.hh_city[e_hh]
    prov = np.where(rng.random(n_enr) < 0.85, city % len(provs), rng.integers(0, len(provs), n_enr))
    prov[n_fam:] = prov[ai]  # same provider on re-enrollment
    # exit reasons
    u = rng.random(n_enr)
    r_closed = np.select([u < 0.55, u < 0.80, u < 0.88, u < 0.95], [1, 0, 2, 3], 5)
    r_open = np.select([u < 0.34, u < 0.44, u < 0.56, u < 0.80, u < 0.94], [0, 1, 2, 3, 4], 5)
    reason = np.where(e_tanf_first, r_closed, r_open)
    fam_no = unique_numbers(rng, n_enr, 100_000, 1_000_000)
    same_fam = rng.random(len(ai)) < 0.7
    fam_no[n_fam:] = np.where(same_fam, fam_no[ai], fam_no[n_fam:])
    family_id = format_ids("F", fam_no, 6)
    # DHS case as typed by the provider
    case = ctx.facts["dhs_case_id"][e_hh].copy()
    typo = pick(rng, case != "", q.fadss_case_typo)
    kinds = rng.integers(0, 5, n_enr)
    uu = rng.random((n_enr, 2))
    ctx.log.add("fadss_case_typo", apply(case, typo, _case_typo, kinds, uu[:, 0], uu[:, 1]), SOURCE)

    # --- members ---------------------------------------------------------------------------
    pos, person = pop.members(e_hh)
    d0 = e_enroll[pos]
    alive = pop.dob[person] <= d0
    age = pop.age(person, d0)
    primary = person == pop.hh_primary[e_hh[pos]]
    partner = person == pop.hh_partner[e_hh[pos]]
    child = (pop.role[person] == ROLE_CHILD) & (age < 18) & ~primary
    other_adult = ~primary & ~partner & ~child & (age >= 18) & (rng.random(len(person)) < 0.3)
    other_adult &= ~((pop.role[person] == ROLE_CHILD) & (age < 18))
    keep = alive & (primary | partner | child | other_adult)
    pos, person = pos[keep], person[keep]
    role = np.where(primary[keep], 0, np.where(child[keep], 2, 1))
    enr_day = e_enroll[pos]
    ex_day = np.where(open_[pos], T.NO_DATE, e_exit[pos])

    reg = register(rng, person, enr_day, q.duplicate_person_id, ctx.log, SOURCE)
    R = len(reg.person)
    prov_of_reg = np.zeros(R, dtype=np.int64)
    prov_of_reg[reg.row_reg] = prov[pos]
    nums = unique_numbers(rng, R, 1, 1_000_000)
    ids = np.array([f"{provs[p]}-{x:06d}" for p, x in zip(prov_of_reg.tolist(), nums.tolist())], dtype=object)
    ctx.registry(SOURCE).extend(ids, reg.person)
    names = render_names(rng, q, ctx.prof, ctx.log, SOURCE, pop, reg.person, reg.day, suffix_field=False, middle="none")
    dob = render_dob(rng, q, ctx.log, SOURCE, pop.dob[reg.person])
    rr = reg.row_reg
    last = update_last_names(rng, pop, ctx.prof, names, reg, enr_day, ctx.log, SOURCE)

    data = {
        "participant_id": ids[rr], "family_id": family_id[pos], "provider_id": provs[prov[pos]],
        "dhs_case_id": case[pos], "first_name": names.first[rr], "last_name": last,
        "dob": T.fmt_iso(dob[rr]), "role": np.array(ROLES, dtype=object)[role],
        "enroll_date": T.fmt_iso(enr_day), "exit_date": T.fmt_iso(ex_day),
        "exit_reason": np.where(open_[pos], "", np.array(EXIT_REASONS, dtype=object)[reason[pos]]).astype(object),
    }
    order = np.lexsort((role, fam_no[pos], enr_day, prov[pos]))
    # facts for later agencies
    adult = role < 2
    ctx.facts["fadss_enrollments"] = (e_hh, e_enroll, np.where(open_, T.NO_DATE, e_exit), provs[prov])
    exits = ctx.facts.setdefault("program_exits", [])
    ok = adult & ~open_[pos]
    exits.append((person[ok], e_exit[pos][ok]))
    return {"fadss_enrollments": extract_table("fadss_enrollments", data, order)}
