"""Medicaid / CHIP eligibility spans and paid claims.

Why: Medicaid covers most low-income children and many parents, so it is the widest net in the
IDS and the source of the WELL_CHILD_VISIT metric. Eligibility is a household rhythm (renewals,
churn) with person-level groups: children CHILD/CHIP until 19, parents PARENT_CARETAKER or
EXPANSION_ADULT, a PREGNANT span around each birth, DISABLED for some adults. Claims are Poisson
counts per span by category, with a per-child well-child compliance so some children have visits
after a program entry and some do not.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from . import namedata as nd
from . import timeutil as T
from .context import Context
from .identity import (format_ids, register, render_dob, render_names, render_sex, render_ssn, unique_numbers,
                       update_last_names)
from .population import K_P1, K_P2, ROLE_CHILD, ROLE_GRANDPARENT
from .spells import LAST_MONTH, alternating, months_to_days
from .tables import extract_table, fmt_money, fmt_prefixed, take

SOURCE = "mcd"
GROUPS = ("CHILD", "CHIP", "PARENT_CARETAKER", "PREGNANT", "EXPANSION_ADULT", "DISABLED")
G_CHILD, G_CHIP, G_PARENT, G_PREG, G_EXP, G_DIS = range(6)
CATS = ("WELL_CHILD", "PRIMARY_CARE", "PRENATAL", "ED_VISIT", "INPATIENT", "BEHAVIORAL_HEALTH", "PHARMACY")
_MONTH = 30.44


def build(ctx: Context) -> dict[str, pa.Table]:
    pop, q = ctx.pop, ctx.q
    rng = ctx.rng(SOURCE)
    need = pop.hh_need
    tanf_hh = np.zeros(pop.n_hh, bool)
    tanf_hh[ctx.facts["tanf_spells"][0]] = True
    ece_hh = np.zeros(pop.n_hh, bool)
    ece_hh[pop.hh[ctx.facts["ece_rows"][1]]] = True
    kids_hh = np.bincount(pop.hh[pop.role == ROLE_CHILD], minlength=pop.n_hh) > 0
    p = np.where(tanf_hh | ece_hh, 1.0, np.clip(np.where(kids_hh, 0.65 + 0.4 * need, 0.08 + 0.8 * need), 0, 0.97))
    su, ss, se = alternating(rng, np.zeros(pop.n_hh, np.int64), np.full(pop.n_hh, LAST_MONTH), p,
                             mean_on=36, mean_off=6, max_spells=4, p_ongoing=0.55)
    sp_start, sp_end = months_to_days(ss, se)
    sp_end_eff = np.where(sp_end == T.NO_DATE, T.END + 1, sp_end)

    # --- member rows ------------------------------------------------------------------------------
    pos, person = pop.members(su)
    s = np.maximum(sp_start[pos], T.month_start(T.month_index(pop.dob[person])))
    e = sp_end_eff[pos]
    kid = pop.role[person] == ROLE_CHILD
    age19 = T.add_years(pop.dob[person], 19)
    adult_cov_p = rng.random(pop.n) < 0.72
    disabled_p = rng.random(pop.n) < 0.06
    # a child's span ends at 19; covered young adults continue on a new (adult) span
    cont = kid & (s < age19) & (age19 <= e) & adult_cov_p[person]
    ci = np.flatnonzero(cont)
    pos = np.concatenate([pos, pos[ci]])
    person = np.concatenate([person, person[ci]])
    s = np.concatenate([s, T.month_start(T.month_index(age19[ci]) + 1)])
    e = np.concatenate([e, e[ci]])
    kid, age19 = kid[pos_idx := np.r_[np.arange(len(kid)), ci]], age19[pos_idx]
    kid_cov = kid & (s < age19)
    e = np.where(kid_cov & (age19 <= e), T.month_end(T.month_index(age19)), e)
    adult = (~kid | (s >= age19)) & adult_cov_p[person]
    keep = (kid_cov | adult) & (s <= np.minimum(e, T.END))
    pos, person, s, e, kid_cov = pos[keep], person[keep], s[keep], e[keep], kid_cov[keep]
    hh = su[pos]
    chip_hh = need < 0.33
    has_minor = np.zeros(pop.n_hh, bool)
    has_minor[pop.hh[(pop.role == ROLE_CHILD) & (pop.dob > T.START - 18 * 365)]] = True
    head_gp = (pop.role[person] == ROLE_GRANDPARENT) & (person == pop.hh_primary[hh])
    caretaker = np.isin(pop.kind[person], (K_P1, K_P2)) | head_gp
    old = pop.age(person, s) >= 65
    grp = np.select([kid_cov & chip_hh[hh], kid_cov, disabled_p[person] | (old & (rng.random(len(person)) < 0.8)),
                     caretaker & has_minor[hh] & (rng.random(len(person)) < 0.75)],
                    [G_CHIP, G_CHILD, G_DIS, G_PARENT], G_EXP)

    # --- pregnancy spans around births in covered households ---------------------------------------
    births = np.flatnonzero((pop.role == ROLE_CHILD) & (pop.dob >= T.START + 200) & (pop.dob <= T.END))
    mother = pop.hh_primary[pop.hh[births]]
    mother = np.where(pop.sex[np.maximum(mother, 0)] == 0, mother, pop.hh_partner[pop.hh[births]])
    ok = (mother >= 0)
    ok &= pop.sex[np.maximum(mother, 0)] == 0
    births, mother = births[ok], mother[ok]
    covered = np.isin(births, person)  # the baby is on Medicaid from birth
    births, mother = births[covered], mother[covered]
    _, first = np.unique(mother, return_index=True)  # one pregnancy span per mother
    births, mother = births[first], mother[first]
    ps, pe = pop.dob[births] - 270, pop.dob[births] + 60
    # cut the mother's other spans around her pregnancy span
    preg_s = np.full(pop.n, 10**7, dtype=np.int64)
    preg_e = np.full(pop.n, -(10**7), dtype=np.int64)
    preg_s[mother], preg_e[mother] = ps, pe
    a_s, a_e = preg_s[person], preg_e[person]
    overlaps = (s <= a_e) & (e >= a_s)
    before = overlaps & (s < a_s)
    after = overlaps & (e > a_e)
    keep_plain = ~overlaps
    rows_p = np.concatenate([person[keep_plain], person[before], person[after], mother])
    rows_s = np.concatenate([s[keep_plain], s[before], a_e[after] + 1, ps])
    rows_e = np.concatenate([e[keep_plain], a_s[before] - 1, e[after], pe])
    rows_g = np.concatenate([grp[keep_plain], grp[before], grp[after], np.full(len(mother), G_PREG)])
    rows_h = np.concatenate([hh[keep_plain], hh[before], hh[after], pop.hh[mother]])
    open_ = rows_e > T.END
    n = len(rows_p)

    # --- claims ------------------------------------------------------------------------------
    claims = _claims(rng, ctx, rows_p, rows_s, np.minimum(rows_e, T.END), rows_g, pop.dob[births], mother)

    # --- identities ------------------------------------------------------------------------------
    reg = register(rng, rows_p, rows_s, q.duplicate_person_id, ctx.log, SOURCE)
    R = len(reg.person)
    id_no = unique_numbers(rng, R, 1, 10**9)
    ids = format_ids("M", id_no, 9)
    ctx.registry(SOURCE).extend(ids, reg.person)
    names = render_names(rng, q, ctx.prof, ctx.log, SOURCE, pop, reg.person, reg.day, suffix_field=False,
                         middle="initial", accent_mult=2.0)
    dob = render_dob(rng, q, ctx.log, SOURCE, pop.dob[reg.person])
    ssn = render_ssn(rng, q, ctx.log, SOURCE, pop, reg.person, dashed_share=ctx.prof.ssn_dashed[SOURCE],
                     missing=q.ssn_missing)
    sex = render_sex(rng, q, ctx.log, SOURCE, pop.sex[reg.person], ("F", "M", "U"))
    rr = reg.row_reg
    last = update_last_names(rng, pop, ctx.prof, names, reg, rows_s, ctx.log, SOURCE)
    moved = rows_s >= pop.hh_move[rows_h]
    zip5 = np.where(moved, pop.hh_zip2[rows_h], pop.hh_zip[rows_h])
    plus4 = rng.random(n) < 0.08
    z4 = rng.integers(1, 10000, n)
    zips = zip5.copy()
    pi = np.flatnonzero(plus4)
    zips[pi] = [f"{z}-{p:04d}" for z, p in zip(zip5[pi].tolist(), z4[pi].tolist())]
    ctx.log.add("zip_plus4", int(plus4.sum()), SOURCE)
    elig = {
        "medicaid_id": take(ids, rr), "first_name": take(names.first, rr), "middle_initial": take(names.middle, rr),
        "last_name": last, "dob": T.fmt_iso(dob[rr]), "ssn": take(ssn, rr), "sex": take(sex, rr), "zip": zips,
        "eligibility_group": take(np.array(GROUPS, dtype=object), rows_g), "elig_start": T.fmt_iso(rows_s),
        "elig_end": T.fmt_iso(np.where(open_, T.NO_DATE, rows_e)),
    }
    c_row, c_day, c_cat, c_dx, c_paid = claims
    c_reg = rr[c_row]
    o = np.lexsort((c_reg, c_day))  # file order: by service date; claim ids increase with it
    c_reg, c_day, c_cat, c_paid = c_reg[o], c_day[o], c_cat[o], c_paid[o]
    c_dx = c_dx.take(pa.array(o))
    claim_no = 2_000_000_000 + np.arange(len(o)) * 7 + rng.integers(0, 7, len(o))
    claims_t = {
        "claim_id": fmt_prefixed("CL", claim_no, 10), "medicaid_id": take(ids, c_reg), "service_date": T.fmt_iso(c_day),
        "service_category": take(np.array(CATS, dtype=object), c_cat), "primary_dx": c_dx,
        "paid_amount": fmt_money(c_paid),
    }
    return {
        "mcd_eligibility": extract_table("mcd_eligibility", elig, np.lexsort((rows_s, id_no[rr]))),
        "mcd_claims": extract_table("mcd_claims", claims_t),
    }


def _claims(rng: np.random.Generator, ctx: Context, person: np.ndarray, s: np.ndarray, e: np.ndarray,
            grp: np.ndarray, birth_day: np.ndarray, mother: np.ndarray) -> tuple:
    """Claims per eligibility row: Poisson counts per category over the covered interval."""
    pop = ctx.pop
    n = len(person)
    dob = pop.dob[person]
    months = np.maximum(e - s + 1, 0) / _MONTH
    compliance = np.where(rng.random(pop.n) < 0.2, 0.0, rng.uniform(0.6, 1.0, pop.n))
    bh = rng.random(pop.n) < 0.12
    out_row, out_lo, out_hi, out_cat = [], [], [], []

    def add(cat: int, lo: np.ndarray, hi: np.ndarray, rate_per_month: np.ndarray) -> None:
        span = np.maximum(hi - lo + 1, 0)
        k = rng.poisson(rate_per_month * span / _MONTH)
        idx = np.repeat(np.arange(n), k)
        out_row.append(idx)
        out_lo.append(lo[idx])
        out_hi.append(hi[idx])
        out_cat.append(np.full(len(idx), cat))

    # well-child: frequent in the first two years, then yearly, until age 6 (per-child compliance)
    two, six = dob + 730, T.add_years(dob, 6)
    c = compliance[person]
    add(0, np.maximum(s, dob), np.minimum(e, two - 1), 0.28 * c)
    add(0, np.maximum(s, two), np.minimum(e, six - 1), 0.11 * c)
    adult = pop.age(person, s) >= 18
    add(1, s, e, np.where(adult, 0.07, 0.05))
    add(3, s, e, np.full(n, 0.025))
    add(4, s, e, np.full(n, 0.003))
    add(5, s, e, np.where(bh[person], 0.3, 0.004))
    add(6, s, e, np.where(adult, 0.10, 0.03))
    preg = grp == G_PREG
    add(2, s, np.where(preg, np.minimum(e, s + 270), s - 1), np.where(preg, 1.0, 0.0))
    row = np.concatenate(out_row)
    lo = np.concatenate(out_lo)
    hi = np.concatenate(out_hi)
    cat = np.concatenate(out_cat)
    day = lo + (rng.random(len(row)) * (hi - lo + 1)).astype(np.int64)
    inside = day >= T.START  # claims before the history are not extracted
    row, day, cat = row[inside], day[inside], cat[inside]
    # inpatient births for the pregnancy spans
    pb = np.flatnonzero(preg & (s + 270 <= T.END))
    row = np.concatenate([row, pb])
    day = np.concatenate([day, s[pb] + 270])
    cat = np.concatenate([cat, np.full(len(pb), 4)])
    all_codes = [c for cname in CATS for c in nd.ICD10[cname]]
    dx_i = np.empty(len(row), dtype=np.int64)
    paid = np.empty(len(row), dtype=np.int64)
    med = {0: 160, 1: 120, 2: 180, 3: 900, 4: 9000, 5: 140, 6: 60}
    off = 0
    for k, cname in enumerate(CATS):
        m = cat == k
        nc = len(nd.ICD10[cname])
        dx_i[m] = off + rng.integers(0, nc, int(m.sum()))
        off += nc
        paid[m] = np.round(np.exp(rng.normal(np.log(med[k]), 0.6, int(m.sum()))) * 100).astype(np.int64)
    if len(pb):  # the delivery claims appended above
        dx_i[len(row) - len(pb):] = all_codes.index("O80")
    dx = take(np.array(all_codes, dtype=object), dx_i)
    return row, day, cat, dx, paid
