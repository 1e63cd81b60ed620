"""HMIS: homeless services enrollments (HUD CSV names) from a small episode state machine.

Why a state machine: homelessness is a path (street outreach -> shelter -> transitional or rapid
re-housing or permanent supportive housing -> exit), and the metrics that matter
(NO_RETURN_HOMELESS_12M, employment after PSH) depend on that path: exits to permanent
destinations, move-in dates, and returns to ES/TH/SO some months later. Households run through
the machine together (one HouseholdID per household enrollment).
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from . import timeutil as T
from .context import Context
from .identity import Registrations, render_dob, render_names, render_ssn, register
from .population import HT_CP, HT_OA, HT_SA, ROLE_CHILD, ROLE_GRANDPARENT
from .quirks import pick
from .tables import extract_table, fmt_int

SOURCE = "hmis"
ES, SO, TH, RRH, PSH = 0, 4, 2, 13, 3
PERM_DEST = (410, 411, 421, 422, 423, 426, 435)
# outcomes of an enrollment
O_ES, O_TH, O_RRH, O_PSH, O_PERM, O_UNK, O_STREET, O_JAIL = range(8)
_TRANS = {  # state -> cumulative probabilities over outcomes (O_ES .. O_JAIL)
    ES: (0.08, 0.19, 0.39, 0.50, 0.72, 0.85, 0.97, 1.0),
    SO: (0.45, 0.45, 0.45, 0.53, 0.53, 0.83, 1.0, 1.0),
    TH: (0.10, 0.10, 0.18, 0.18, 0.78, 0.92, 1.0, 1.0),
    RRH: (0.08, 0.08, 0.08, 0.08, 0.88, 0.96, 1.0, 1.0),
    PSH: (0.10, 0.10, 0.10, 0.10, 0.65, 0.85, 0.92, 1.0),
}


def projects(persons: int) -> tuple[np.ndarray, np.ndarray]:
    """(ProjectID, ProjectType) of the continuum's projects; more projects for bigger runs."""
    extra = persons // 100_000
    spec = [(ES, 5 + extra), (1, 2 + extra // 2), (SO, 2), (TH, 3 + extra // 2), (PSH, 4 + extra // 2),
            (RRH, 4 + extra // 2)]
    ids, types = [], []
    nxt = 1001
    for t, k in spec:
        for _ in range(k):
            ids.append(str(nxt))
            types.append(t)
            nxt += 1
    return np.array(ids, dtype=object), np.array(types, dtype=np.int64)


def _geom_days(rng: np.random.Generator, mean: float, n: int) -> np.ndarray:
    return rng.geometric(1.0 / mean, n).astype(np.int64)


def build(ctx: Context) -> dict[str, pa.Table]:
    pop, q = ctx.pop, ctx.q
    rng = ctx.rng(SOURCE)
    need = pop.hh_need
    single = np.isin(pop.hh_type, (HT_SA, HT_CP, HT_OA))
    p = np.where(single, 0.05 + 0.5 * need**3, 0.03 + 0.4 * need**3)
    hhs = np.flatnonzero(rng.random(pop.n_hh) < p)
    H = len(hhs)
    sing = single[hhs]

    # --- episode state machine, vectorized over households ------------------------------------
    u0 = rng.random(H)
    state = np.where(sing, np.select([u0 < 0.22, u0 < 0.80, u0 < 0.96], [SO, ES, PSH], TH),
                     np.select([u0 < 0.78, u0 < 0.85, u0 < 0.93], [ES, TH, PSH], RRH)).astype(np.int64)
    entry = rng.integers(T.START - 30, T.END - 20, H)
    long_ago = (state == PSH) & (rng.random(H) < 0.5)
    entry = np.where(long_ago, T.START - rng.integers(30, 1500, H), entry)
    preset_movein = np.full(H, T.NO_DATE, dtype=np.int64)
    active = np.ones(H, bool)
    rec_h, rec_t, rec_e, rec_x, rec_m, rec_d = [], [], [], [], [], []
    for _ in range(14):
        act = np.flatnonzero(active & (entry <= T.END))
        if not len(act):
            break
        k = len(act)
        s, e = state[act], entry[act]
        dur = np.select([s == ES, s == SO, s == TH, s == RRH],
                        [_geom_days(rng, 35, k), 14 + _geom_days(rng, 70, k), 60 + _geom_days(rng, 220, k),
                         90 + _geom_days(rng, 200, k)], 240 + _geom_days(rng, 650, k))
        housing = (s == RRH) | (s == PSH)
        preset = preset_movein[act]
        moves_in = housing & ((preset != T.NO_DATE) | (rng.random(k) < np.where(s == PSH, 0.95, 0.85)))
        search = np.where(s == PSH, 7 + _geom_days(rng, 35, k), 10 + _geom_days(rng, 45, k))
        movein = np.where(preset != T.NO_DATE, preset, e + search)
        movein = np.where(moves_in, np.maximum(movein, e), T.NO_DATE)
        exit_ = np.where(moves_in, movein + dur, e + np.where(housing & ~moves_in, 30 + _geom_days(rng, 90, k), dur))
        # outcome
        u = rng.random(k)
        out = np.zeros(k, dtype=np.int64)
        for st, cum in _TRANS.items():
            m = s == st
            out[m] = np.searchsorted(np.array(cum), u[m], side="right")
        out = np.minimum(out, O_JAIL)
        out = np.where(housing & ~moves_in & np.isin(out, (O_PERM,)), O_ES, out)
        out = np.where(~sing[act] & (out == O_JAIL), O_UNK, out)
        dest = np.select(
            [out == O_ES, out == O_TH, np.isin(out, (O_RRH, O_PSH)), out == O_PERM, out == O_UNK, out == O_STREET],
            [101, 99, 435, np.array(PERM_DEST)[rng.choice(7, k, p=[0.3, 0.03, 0.02, 0.2, 0.12, 0.05, 0.28])],
             np.array([8, 9, 99])[rng.choice(3, k, p=[0.2, 0.1, 0.7])], 116], 215)
        closed = exit_ <= T.END
        rec_h.append(act)
        rec_t.append(s)
        rec_e.append(e)
        rec_x.append(np.where(closed, exit_, T.NO_DATE))
        rec_m.append(np.where(moves_in & (movein <= np.minimum(exit_, T.END)), movein, T.NO_DATE))
        rec_d.append(np.where(closed, dest, -1))
        # next enrollment
        nxt_state = np.select([out == O_ES, out == O_TH, out == O_RRH, out == O_PSH], [ES, TH, RRH, PSH], -1)
        cont = closed & (nxt_state >= 0)
        lag = rng.integers(10, 60, k)
        nxt_entry = np.where(np.isin(nxt_state, (RRH, PSH)), np.maximum(e + 1, exit_ - lag),
                             exit_ + rng.integers(0, 3, k))
        # returns after a terminal exit
        p_ret = np.select([out == O_PERM, out == O_JAIL, out == O_STREET], [0.25, 0.25, 0.45], 0.35)
        ret = closed & (nxt_state < 0) & (rng.random(k) < p_ret)
        gap = np.select([out == O_PERM, out == O_JAIL], [_geom_days(rng, 300, k), 120 + _geom_days(rng, 300, k)],
                        _geom_days(rng, 120, k))
        ur = rng.random(k)
        ret_state = np.where(sing[act], np.select([ur < 0.25, ur < 0.9], [SO, ES], TH), np.where(ur < 0.88, ES, TH))
        state[act] = np.where(cont, nxt_state, np.where(ret, ret_state, state[act]))
        entry[act] = np.where(cont, nxt_entry, np.where(ret, exit_ + gap, entry[act]))
        preset_movein[act] = np.where(cont & np.isin(nxt_state, (RRH, PSH)), exit_, T.NO_DATE)
        active[act] = cont | ret
    e_hh = hhs[np.concatenate(rec_h)]
    ptype = np.concatenate(rec_t)
    e_entry = np.concatenate(rec_e)
    e_exit = np.concatenate(rec_x)
    e_move = np.concatenate(rec_m)
    e_dest = np.concatenate(rec_d)
    visible = (e_exit == T.NO_DATE) | (e_exit >= T.START)  # stays that ended before 2019 are not extracted
    e_hh, ptype, e_entry, e_exit, e_move, e_dest = (a[visible] for a in (e_hh, ptype, e_entry, e_exit, e_move, e_dest))
    n_enr = len(e_hh)
    # ES projects are either entry/exit (0) or night-by-night (1)
    pid, ptypes = projects(ctx.cfg.persons)
    proj = np.empty(n_enr, dtype=np.int64)
    for t in (ES, SO, TH, RRH, PSH):
        m = ptype == t
        cands = np.flatnonzero((ptypes == t) | ((t == ES) & (ptypes == 1)))
        w = 1.0 / np.arange(1, len(cands) + 1) ** 0.7
        proj[m] = cands[rng.choice(len(cands), int(m.sum()), p=w / w.sum())]
    ptype = ptypes[proj]
    e_move = np.where(np.isin(ptype, (PSH, RRH)), e_move, T.NO_DATE)

    # --- members of each household enrollment ---------------------------------------------------
    in_episode = np.zeros(pop.n, bool)
    pos, person = pop.members(hhs)
    hh_p = hhs[pos]
    primary = person == pop.hh_primary[hh_p]
    partner = person == pop.hh_partner[hh_p]
    kid = pop.role[person] == ROLE_CHILD
    u = rng.random(len(person))
    in_episode[person] = primary | (partner & (u < np.where(single[hh_p], 0.3, 0.6))) | (kid & ~single[hh_p]) | \
        ((pop.role[person] == ROLE_GRANDPARENT) & (u < 0.2))
    epos, eperson = pop.members(e_hh)
    keep = in_episode[eperson] & (pop.dob[eperson] <= e_entry[epos])
    is_head = eperson == pop.hh_primary[e_hh[epos]]
    keep &= ~(pop.role[eperson] == ROLE_CHILD) | (pop.age(eperson, e_entry[epos]) < 18) | is_head
    epos, eperson = epos[keep], eperson[keep]
    head = eperson == pop.hh_primary[e_hh[epos]]
    rel = np.select([head, pop.role[eperson] == ROLE_CHILD, eperson == pop.hh_partner[e_hh[epos]],
                     pop.role[eperson] == ROLE_GRANDPARENT], [1, 2, 3, 4], 5)
    rel = np.where(pick(rng, ~head, 0.01 * min(1.0, ctx.cfg.noise)), 99, rel)

    # --- clients ----------------------------------------------------------------------------
    reg = register(rng, eperson, e_entry[epos], q.hmis_duplicate_person_id, ctx.log, SOURCE)
    R = len(reg.person)
    hi = rng.integers(0, 2**63 - 1, R, dtype=np.int64)
    lo = rng.integers(0, 2**63 - 1, R, dtype=np.int64)
    ids = np.array([f"{a:016X}{b:016X}" for a, b in zip(hi.tolist(), lo.tolist())], dtype=object)
    if len(set(ids.tolist())) != R:
        raise RuntimeError("HMIS PersonalID collision")
    ctx.registry(SOURCE).extend(ids, reg.person)
    client = _clients(ctx, rng, reg, ids)

    enr_ids = rng.permutation(len(eperson)) + 100_001
    hh_ids = rng.permutation(n_enr) + 500_001
    rr = reg.row_reg
    data = {
        "EnrollmentID": enr_ids, "PersonalID": ids[rr], "ProjectID": pid[proj[epos]],
        "ProjectType": fmt_int(ptype[epos]),
        "HouseholdID": np.array([f"HH{x}" for x in hh_ids.tolist()], dtype=object)[epos],
        "RelationshipToHoH": fmt_int(rel), "EntryDate": T.fmt_iso(e_entry[epos]),
        "ExitDate": T.fmt_iso(e_exit[epos]), "MoveInDate": T.fmt_iso(e_move[epos]),
        "Destination": fmt_int(e_dest[epos], missing=e_dest[epos] < 0),
    }
    order = np.lexsort((enr_ids, e_entry[epos]))
    exits = ctx.facts.setdefault("program_exits", [])
    adult = (pop.age(eperson, e_entry[epos]) >= 18) & np.isin(ptype[epos], (PSH, RRH)) & (e_exit[epos] != T.NO_DATE)
    exits.append((eperson[adult], e_exit[epos][adult]))
    ctx.facts["hmis_projects"] = (pid, ptypes)
    ctx.facts["hmis_enrollments"] = (pid[proj], ptype, e_entry, e_exit, e_dest, e_hh)
    c_order = np.argsort(ids, kind="stable")
    return {
        "hmis_client": extract_table("hmis_client", client, c_order),
        "hmis_enrollment": extract_table("hmis_enrollment", data, order),
    }


def _clients(ctx: Context, rng: np.random.Generator, reg: Registrations, ids: np.ndarray) -> dict:
    pop, q, prof = ctx.pop, ctx.q, ctx.prof
    R = len(reg.person)
    person = reg.person
    names = render_names(rng, q, prof, ctx.log, SOURCE, pop, person, reg.day, suffix_field=True, middle="mixed")
    first, last = names.first.copy(), names.last.copy()
    u = rng.random(R)
    name_dq = np.select([u < 0.02, u < 0.023, u < 0.026, u < 0.036], [2, 8, 9, 99], 1)
    refused = np.isin(name_dq, (8, 9))
    first[refused] = ""
    last[refused] = ""
    partial = name_dq == 2
    last[partial] = np.array([s[:1] for s in last[partial].tolist()], dtype=object)
    ctx.log.add("hmis_name_partial", int(partial.sum()), SOURCE)
    # SSN: full (1), partial xxxxx1234 (2) or missing (8/9/99); children more often missing
    full = render_ssn(rng, q, ctx.log, SOURCE, pop, person, dashed_share=prof.ssn_dashed[SOURCE], missing=0.0)
    kid = pop.role[person] == ROLE_CHILD
    u = rng.random(R)
    p_missing = np.where(kid, 0.4, prof.hmis_ssn_missing)
    missing = u < p_missing
    part = ~missing & (u < p_missing + prof.hmis_ssn_partial)
    ssn = full.copy()
    last4 = np.array([f"xxxxx{s % 10_000:04d}" for s in pop.ssn[person].tolist()], dtype=object)
    ssn[part] = last4[part]
    ssn[missing] = ""
    ssn_dq = np.where(part, 2, 1)
    ssn_dq = np.where(missing, np.array([8, 9, 99])[rng.choice(3, R, p=[0.3, 0.2, 0.5])], ssn_dq)
    placeholder = np.isin(ssn, ("000000000", "111111111", "123456789", "999999999"))
    ssn_dq = np.where(placeholder, 99, ssn_dq)
    ctx.log.add("ssn_partial_hmis", int(part.sum()), SOURCE)
    # DOB: full (1), approximate (2: Jan 1 or 1st of month), missing (8/9/99)
    dob = render_dob(rng, q, ctx.log, SOURCE, pop.dob[person])
    u = rng.random(R)
    approx = u < prof.hmis_dob_approximate
    miss = (u >= prof.hmis_dob_approximate) & (u < prof.hmis_dob_approximate + prof.hmis_dob_missing)
    y, m, d = T.ymd(pop.dob[person])
    approx_day = np.where(rng.random(R) < 0.6, T.from_ymd(y, np.ones(R, np.int64), np.ones(R, np.int64)),
                          T.from_ymd(y, m, np.ones(R, np.int64)))
    dob = np.where(approx, approx_day, dob)
    dob = np.where(miss | (dob == T.NO_DATE), T.NO_DATE, dob)
    dob_dq = np.select([approx, dob == T.NO_DATE], [2, 99], 1)
    dob_dq = np.where(dob_dq == 99, np.array([8, 9, 99])[rng.choice(3, R, p=[0.4, 0.1, 0.5])], dob_dq)
    ctx.log.add("dob_approximate", int(approx.sum()), SOURCE)
    sex = np.where(pop.sex[person] == 1, 1, 0)
    sex = np.where(pick(rng, np.ones(R, bool), q.sex_unknown), np.array([8, 9, 99])[rng.integers(0, 3, R)], sex)
    return {
        "PersonalID": ids, "FirstName": first, "MiddleName": names.middle, "LastName": last,
        "NameSuffix": names.suffix, "NameDataQuality": fmt_int(name_dq), "SSN": ssn,
        "SSNDataQuality": fmt_int(ssn_dq), "DOB": T.fmt_iso(dob), "DOBDataQuality": fmt_int(dob_dq),
        "Sex": fmt_int(sex),
    }
