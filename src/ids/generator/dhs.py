"""DHS economic assistance: TANF and SNAP eligibility spells of household cases.

Why household spells: TANF/SNAP are granted to a case (the household), and every member appears
on each spell with a relationship to the head. TANF needs a minor child; SNAP covers everyone.
Higher household need means more and longer spells. The case ids and TANF spells are kept as
facts because FaDSS copies the case id and the OFF_TANF_12M metric reads the spells.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from . import namedata as nd
from . import timeutil as T
from .context import Context
from .identity import (format_ids, register, render_dob, render_names, render_sex, render_ssn, unique_numbers,
                       update_last_names)
from .population import K_P1, K_P2, R_UNKNOWN, RACES, REL_NAMES, ROLE_CHILD
from .quirks import pick
from .spells import LAST_MONTH, alternating, months_to_days
from .tables import extract_table, fmt_money, take

SOURCE = "dhs"
_BIG = 10**7


def child_windows(ctx: Context) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per household: has children, first child's birth day, youngest child's birth day."""
    pop = ctx.pop
    ch = np.flatnonzero(pop.role == ROLE_CHILD)
    first = np.full(pop.n_hh, _BIG, dtype=np.int64)
    young = np.full(pop.n_hh, -_BIG, dtype=np.int64)
    np.minimum.at(first, pop.hh[ch], pop.dob[ch])
    np.maximum.at(young, pop.hh[ch], pop.dob[ch])
    has = first < _BIG
    return has, np.where(has, first, T.START), np.where(has, young, T.START)


def build(ctx: Context) -> dict[str, pa.Table]:
    pop, q = ctx.pop, ctx.q
    rng = ctx.rng(SOURCE)
    need = pop.hh_need
    has_kids, first_birth, youngest = child_windows(ctx)

    # --- household spells ------------------------------------------------------------------
    lo = np.where(has_kids, T.month_index(first_birth), 0)
    hi = np.where(has_kids, np.minimum(T.month_index(T.add_years(youngest, 18)) - 1, LAST_MONTH), -1)
    p_tanf = np.clip(0.02 + 0.65 * need**2, 0, 0.8) * has_kids
    tu, ts, te = alternating(rng, lo, hi, p_tanf, mean_on=11, mean_off=16, max_spells=4, p_ongoing=0.35)
    tanf_hh = np.zeros(pop.n_hh, bool)
    tanf_hh[tu] = True
    p_snap = np.where(tanf_hh, 1.0, np.clip(0.05 + 0.8 * need, 0, 0.95))
    su, ss, se = alternating(rng, np.zeros(pop.n_hh, np.int64), np.full(pop.n_hh, LAST_MONTH), p_snap,
                             mean_on=22, mean_off=12, max_spells=4, p_ongoing=0.45)
    sp_hh = np.concatenate([tu, su])
    sp_prog = np.concatenate([np.zeros(len(tu), np.int64), np.ones(len(su), np.int64)])  # 0 TANF 1 SNAP
    sp_start, sp_end = months_to_days(np.concatenate([ts, ss]), np.concatenate([te, se]))
    tanf_start, tanf_end = sp_start[: len(tu)], sp_end[: len(tu)]

    # --- members on each spell -------------------------------------------------------------
    pos, person = pop.members(sp_hh)
    end_eff = np.where(sp_end == T.NO_DATE, T.END, sp_end)
    born_by = T.month_start(T.month_index(pop.dob[person]) + 1)
    m_start = np.maximum(sp_start[pos], born_by)
    keep = m_start <= end_eff[pos]
    is_tanf = sp_prog[pos] == 0
    kind = pop.kind[person]
    minor = (pop.role[person] == ROLE_CHILD) & (pop.age(person, sp_start[pos]) < 18)
    tanf_member = np.isin(kind, (K_P1, K_P2)) | minor | (person == pop.hh_head[pop.hh[person]])
    keep &= ~is_tanf | tanf_member
    pos, person, m_start = pos[keep], person[keep], m_start[keep]
    n = len(person)
    hh = sp_hh[pos]
    size = np.bincount(pos, minlength=len(sp_hh))
    u = rng.random(len(sp_hh))
    tanf_amt = (200 + 95 * (size - 1)) * (0.85 + 0.3 * u)
    snap_amt = (190 + 150 * (size - 1)) * (0.5 + 0.7 * need[sp_hh]) * (0.9 + 0.2 * rng.random(len(sp_hh)))
    cents = rng.integers(0, 100, len(sp_hh)) * (rng.random(len(sp_hh)) < 0.3)
    benefit = np.round(np.where(sp_prog == 0, tanf_amt, snap_amt)).astype(np.int64) * 100 + cents

    # --- case ids ------------------------------------------------------------------------------
    case_no = np.zeros(pop.n_hh, dtype=np.int64)
    case_hh = np.unique(sp_hh)
    case_no[case_hh] = unique_numbers(rng, len(case_hh), 10_000_000, 100_000_000)
    case_id = np.full(pop.n_hh, "", dtype=object)
    case_id[case_hh] = format_ids("C", case_no[case_hh], 8)

    # --- identities ----------------------------------------------------------------------------
    reg = register(rng, person, m_start, q.duplicate_person_id, ctx.log, SOURCE)
    R = len(reg.person)
    ids = format_ids("", unique_numbers(rng, R, 1, 10**9), 9)
    ctx.registry(SOURCE).extend(ids, reg.person)
    names = render_names(rng, q, ctx.prof, ctx.log, SOURCE, pop, reg.person, reg.day, suffix_field=True, middle="mixed")
    dob = render_dob(rng, q, ctx.log, SOURCE, pop.dob[reg.person])
    ssn = render_ssn(rng, q, ctx.log, SOURCE, pop, reg.person, dashed_share=ctx.prof.ssn_dashed[SOURCE],
                     missing=q.ssn_missing)
    sex = render_sex(rng, q, ctx.log, SOURCE, pop.sex[reg.person], ("F", "M", "U"))
    race = pop.race[reg.person].copy()
    race[pick(rng, np.ones(R, bool), 0.04 * min(1.0, ctx.cfg.noise))] = R_UNKNOWN
    hisp = np.where(pop.hispanic[reg.person] == 1, "Y", "N").astype(object)
    hisp[pick(rng, np.ones(R, bool), 0.03 * min(1.0, ctx.cfg.noise))] = "U"
    rr = reg.row_reg
    last = update_last_names(rng, pop, ctx.prof, names, reg, m_start, ctx.log, SOURCE)

    # --- address at the member's start ---------------------------------------------------------
    moved = m_start >= pop.hh_move[hh]
    addr = np.where(moved, pop.hh_addr2[hh], pop.hh_addr[hh])
    zip5 = np.where(moved, pop.hh_zip2[hh], pop.hh_zip[hh])
    city_i = np.where(moved, pop.hh_city2[hh], pop.hh_city[hh])
    plus4 = (rng.random(len(sp_hh)) < 0.15)[pos]
    z4 = rng.integers(1, 10000, pop.n_hh)
    zip4_1 = np.array([f"{z}-{p:04d}" for z, p in zip(pop.hh_zip.tolist(), z4.tolist())], dtype=object)
    zip4_2 = np.array([f"{z}-{p:04d}" for z, p in zip(pop.hh_zip2.tolist(), z4.tolist())], dtype=object)
    zips = np.where(plus4, np.where(moved, zip4_2[hh], zip4_1[hh]), zip5)
    city = np.array([c[0] for c in nd.CITIES], dtype=object)[city_i]
    fips = np.array([c[1] for c in nd.CITIES], dtype=object)[city_i]
    ctx.log.add("zip_plus4", int(plus4.sum()), SOURCE)

    spell_end = sp_end[pos]
    data = {
        "case_id": take(case_id, hh), "client_id": take(ids, rr), "first_name": take(names.first, rr),
        "middle_name": take(names.middle, rr), "last_name": last, "name_suffix": take(names.suffix, rr),
        "dob": T.fmt_iso(dob[rr]), "ssn": take(ssn, rr), "sex": take(sex, rr),
        "race": take(np.array(RACES, dtype=object), race[rr]), "hispanic": take(hisp, rr),
        "relationship_to_head": take(np.array(REL_NAMES, dtype=object), pop.rel[person]),
        "program": take(np.array(["TANF", "SNAP"], dtype=object), sp_prog[pos]),
        "spell_start": T.fmt_iso(m_start), "spell_end": T.fmt_iso(spell_end),
        "monthly_benefit": fmt_money(benefit[pos]), "address_line": addr, "city": city, "zip": zips,
        "county_fips": fips,
    }
    order = np.lexsort((pop.rel[person], m_start, sp_prog[pos], case_no[hh]))
    ctx.facts["dhs_case_id"] = case_id
    ctx.facts["tanf_spells"] = (tu, tanf_start, tanf_end)
    return {"dhs_case_members": extract_table("dhs_case_members", data, order)}
