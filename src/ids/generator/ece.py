"""ECE child-care subsidy authorizations for children under kindergarten age.

Why: subsidies follow the family (working, training, TANF or protective reasons), are re-authorized
every 6 or 12 months, and end when a child starts kindergarten. The months of subsidy before
kindergarten feed the KRA readiness model in DOE (so KRA_READY has a real signal), and the entry
dates define the WELL_CHILD_VISIT cohort. Child and parent ids share one id space (``E`` + 7
digits); dates of birth are sent as ``MM/DD/YYYY``.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from . import namedata as nd
from . import timeutil as T
from .context import Context
from .identity import format_ids, register, render_dob, render_names, render_ssn, unique_numbers, update_last_names
from .population import ROLE_CHILD
from .spells import LAST_MONTH, alternating
from .tables import extract_table, fmt_int

SOURCE = "ece"
REASONS = ("EMPLOYMENT", "EDUCATION_TRAINING", "PROTECTIVE", "TANF")


def kindergarten_start(dob: np.ndarray) -> np.ndarray:
    """Aug 15 of the year a child is 5 by Sep 1 (the year they start kindergarten)."""
    y, m, d = T.ymd(dob)
    late = (m > 9) | ((m == 9) & (d > 1))
    ky = y + 5 + late
    return T.from_ymd(ky, np.full(len(ky), 8), np.full(len(ky), 15))


def providers(rng: np.random.Generator, persons: int) -> dict[str, np.ndarray]:
    """Licensed providers, spread over cities by population, with QRIS ratings (0 = unrated)."""
    k = max(24, persons // 120)
    cw = np.array([c[2] for c in nd.CITIES])
    city = rng.choice(len(nd.CITIES), size=k, p=cw / cw.sum())
    a = np.array(nd.ECE_NAME_A, dtype=object)[rng.integers(0, len(nd.ECE_NAME_A), k)]
    b = np.array(nd.ECE_NAME_B, dtype=object)[rng.integers(0, len(nd.ECE_NAME_B), k)]
    name = np.array([f"{x} {y}" for x, y in zip(a.tolist(), b.tolist())], dtype=object)
    rating = np.where(rng.random(k) < 0.25, 0, rng.choice(5, k, p=[0.1, 0.25, 0.3, 0.2, 0.15]) + 1)
    size = np.exp(rng.normal(0, 1.2, k))  # big centres and small family homes
    ids = format_ids("CC", unique_numbers(rng, k, 100_000, 1_000_000), 6)
    return {"id": ids, "name": name, "rating": rating, "city": city, "size": size}


def build(ctx: Context) -> dict[str, pa.Table]:
    pop, q = ctx.pop, ctx.q
    rng = ctx.rng(SOURCE)
    kids = np.flatnonzero(pop.role == ROLE_CHILD)
    kg = np.zeros(pop.n, dtype=np.int64)
    kg[kids] = kindergarten_start(pop.dob[kids])
    elig_lo = pop.dob + 42
    young = np.zeros(pop.n, bool)
    young[kids] = (kg[kids] > T.START - 700) & (elig_lo[kids] < T.END)
    yk = np.flatnonzero(young)
    lo_d = np.full(pop.n_hh, 10**7, dtype=np.int64)
    hi_d = np.full(pop.n_hh, -(10**7), dtype=np.int64)
    np.minimum.at(lo_d, pop.hh[yk], elig_lo[yk])
    np.maximum.at(hi_d, pop.hh[yk], kg[yk] - 1)
    has = lo_d < 10**7
    lo = np.where(has, T.month_index(np.where(has, lo_d, T.START)), 1)
    hi = np.where(has, np.minimum(T.month_index(np.where(has, hi_d, T.START)), LAST_MONTH), 0)
    p = np.where(has, np.clip(0.08 + 0.6 * pop.hh_need, 0, 0.7), 0.0)
    su, ss, se = alternating(rng, lo, hi, p, mean_on=16, mean_off=10, max_spells=3, p_ongoing=0.35)
    n_sp = len(su)
    period = np.where(rng.random(pop.n_hh) < 0.6, 12, 6)[su]
    ss = np.maximum(ss, -12)
    last_m = np.minimum(se, LAST_MONTH)
    n_auth = (last_m - ss) // period + 1
    sp_i = np.repeat(np.arange(n_sp), n_auth)
    k_i = np.arange(len(sp_i)) - np.repeat(np.cumsum(n_auth) - n_auth, n_auth)
    a_start_m = ss[sp_i] + k_i * period[sp_i]
    a_end_m = np.minimum(a_start_m + period[sp_i] - 1, np.where(se[sp_i] > LAST_MONTH, 10**6, se[sp_i]))
    a_start = T.month_start(a_start_m)
    a_end = T.month_end(a_end_m)
    a_hh = su[sp_i]
    # reason per spell
    tanf_hh = np.zeros(pop.n_hh, bool)
    tanf_hh[ctx.facts["tanf_spells"][0]] = True
    dcf_hh = np.zeros(pop.n_hh, bool)
    dcf_hh[ctx.facts.get("dcf_households", np.empty(0, np.int64))] = True
    u = rng.random(n_sp)
    reason_sp = np.select([tanf_hh[su] & (u < 0.6), dcf_hh[su] & (u < 0.4), u > 0.85], [3, 2, 1], 0)

    # --- one row per child per authorization ----------------------------------------------------
    pos, child = pop.members(a_hh)
    ok = young[child] & (elig_lo[child] <= a_start[pos]) & (a_start[pos] < kg[child])
    pos, child = pos[ok], child[ok]
    c_start = a_start[pos]
    c_end = np.minimum(a_end[pos], kg[child] - 1)
    n = len(child)
    # provider: drawn at the first authorization, sometimes changed at re-authorization
    prov = providers(ctx.rng("ece_providers"), ctx.cfg.persons)
    city = np.where(c_start >= pop.hh_move[pop.hh[child]], pop.hh_city2[pop.hh[child]], pop.hh_city[pop.hh[child]])
    draw = np.zeros(n, dtype=np.int64)
    for ci in range(len(nd.CITIES)):
        m = city == ci
        cands = np.flatnonzero(prov["city"] == ci)
        if not len(cands):
            cands = np.arange(len(prov["id"]))
        w = prov["size"][cands]
        draw[m] = cands[rng.choice(len(cands), int(m.sum()), p=w / w.sum())]
    o = np.lexsort((c_start, child))
    new = np.r_[True, child[o][1:] != child[o][:-1]] | (rng.random(n) < 0.1)
    src = np.maximum.accumulate(np.where(new, np.arange(n), 0))
    provider = np.empty(n, dtype=np.int64)
    provider[o] = draw[o][src]
    reason = reason_sp[sp_i[pos]]
    lo_h = np.select([reason == 0, reason == 1, reason == 3], [25, 10, 20], 15)
    hi_h = np.select([reason == 0, reason == 1, reason == 3], [50, 35, 40], 45)
    hours = rng.integers(lo_h, hi_h + 1)

    # --- identities: children and applying parents share the E id space --------------------------
    parent = pop.hh_primary[pop.hh[child]]
    reg = register(rng, np.concatenate([child, parent]), np.concatenate([c_start, c_start]),
                   q.duplicate_person_id, ctx.log, SOURCE)
    R = len(reg.person)
    ids = format_ids("E", unique_numbers(rng, R, 1, 10**7), 7)
    ctx.registry(SOURCE).extend(ids, reg.person)
    names = render_names(rng, q, ctx.prof, ctx.log, SOURCE, pop, reg.person, reg.day, suffix_field=False, middle="none")
    dob = render_dob(rng, q, ctx.log, SOURCE, pop.dob[reg.person])
    ssn = render_ssn(rng, q, ctx.log, SOURCE, pop, reg.person, dashed_share=ctx.prof.ssn_dashed[SOURCE],
                     missing=ctx.prof.ece_parent_ssn_missing, child_parent=False)
    ctx.log.add("dob_mdy", R, SOURCE)
    last = update_last_names(rng, pop, ctx.prof, names, reg, np.concatenate([c_start, c_start]), ctx.log, SOURCE)
    rc, rp = reg.row_reg[:n], reg.row_reg[n:]
    case_no = unique_numbers(rng, pop.n_hh, 1_000_000, 10_000_000)
    auth_no = unique_numbers(rng, n, 10_000_000, 100_000_000)
    rating = prov["rating"][provider]
    data = {
        "authorization_id": format_ids("AU", auth_no, 8), "ece_case_id": format_ids("EC", case_no[pop.hh[child]], 7),
        "child_person_id": ids[rc], "child_first_name": names.first[rc], "child_last_name": last[:n],
        "child_dob": T.fmt_mdy(dob[rc]), "parent_person_id": ids[rp], "parent_first_name": names.first[rp],
        "parent_last_name": last[n:], "parent_dob": T.fmt_mdy(dob[rp]), "parent_ssn": ssn[rp],
        "provider_id": prov["id"][provider], "provider_name": prov["name"][provider],
        "provider_quality_rating": fmt_int(rating, missing=rating == 0),
        "auth_start": T.fmt_iso(c_start), "auth_end": T.fmt_iso(c_end),
        "reason": np.array(REASONS, dtype=object)[reason], "weekly_hours": fmt_int(hours),
    }
    # facts: subsidy days before kindergarten, first entry, provider of first entry
    days = np.zeros(pop.n, dtype=np.int64)
    np.add.at(days, child, np.maximum(np.minimum(c_end, T.END) - c_start + 1, 0))
    first_entry = np.full(pop.n, T.NO_DATE, dtype=np.int64)
    firsts = o[np.r_[True, child[o][1:] != child[o][:-1]]]  # each child's earliest row
    first_entry[child[firsts]] = c_start[firsts]
    ctx.facts["ece_days_before_kg"] = days
    ctx.facts["ece_first_entry"] = first_entry
    ctx.facts["ece_rows"] = (prov["id"][provider], child, c_start)
    order = np.lexsort((c_start, rc, case_no[pop.hh[child]]))
    return {"ece_subsidy_authorizations": extract_table("ece_subsidy_authorizations", data, order)}
