"""DOL UI wage records: one row per worker per employer per quarter.

Why: wages are the adult outcome in every contract (EMPLOYED_2OF4Q, EARNINGS_GAIN). Workers hold
sequences of jobs (sometimes two at once) whose length and pay rise with a latent employability
that falls with household need; adults leaving FaDSS, PSH or RRH get an extra chance of a new
job soon after exit, so the metrics have a modest real effect. The SSN is the source person id
and its errors are the employer's, so they live at the worker x employer (job) level; every
erroneous SSN is checked not to collide with a real person's SSN or with another worker's error,
which keeps the truth map a function.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from . import namedata as nd
from . import timeutil as T
from .context import Context
from .identity import PLACEHOLDER_SSNS, render_names, ssn_digit_typo, ssn_make_invalid, ssn_transpose, unique_numbers
from .names import strip_accents
from .quirks import pick
from .tables import extract_table, fmt_money, take

SOURCE = "dol"
NQ = T.N_QUARTERS


def dol_last(s: str) -> str:
    """DOL's rendering of a last name: ASCII, upper case, at most 12 characters."""
    return strip_accents(s).upper()[:12]


def _geom(rng: np.random.Generator, mean: np.ndarray) -> np.ndarray:
    return rng.geometric(1.0 / np.maximum(mean, 1.0)).astype(np.int64)


def _rows(rng: np.random.Generator, lo: np.ndarray, hi: np.ndarray, js: np.ndarray, je: np.ndarray,
          base: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Expand jobs to (job, quarter, wage cents) rows: seasonal noise, partial first and last
    quarters, a few zero-wage quarters and negative adjustments after a job ended."""
    nq = (hi - lo + 1).astype(np.int64)
    J = len(nq)
    r_job = np.repeat(np.arange(J, dtype=np.int32), nq)
    r_q = (np.repeat(lo, nq) + np.arange(len(r_job)) - np.repeat(np.cumsum(nq) - nq, nq)).astype(np.int32)
    n = len(r_job)
    wage = base[r_job] * 1.03 ** (r_q / 4.0) * rng.uniform(0.85, 1.15, n)
    edge = ((r_q == js[r_job]) & (r_q > 0)) | (r_q == je[r_job])
    wage = np.where(edge, wage * rng.uniform(0.15, 1.0, n), wage)
    del edge
    cents = np.round(wage * 100).astype(np.int64)
    del wage
    cents[rng.random(n) < 0.003] = 0
    adj = np.flatnonzero((je < NQ - 1) & (rng.random(J) < 0.004)).astype(np.int32)
    r_job = np.concatenate([r_job, adj])
    r_q = np.concatenate([r_q, (je[adj] + 1).astype(np.int32)])
    cents = np.concatenate([cents, -np.round(rng.uniform(20, 600, len(adj)) * 100).astype(np.int64)])
    return r_job, r_q, cents


def build(ctx: Context) -> dict[str, pa.Table]:
    pop, q = ctx.pop, ctx.q
    rng = ctx.rng(SOURCE)
    everyone = np.arange(pop.n)
    age_end = pop.age(everyone, T.END)
    age_start = pop.age(everyone, T.START)
    emp = np.clip(0.9 - 0.55 * pop.hh_need[pop.hh] + rng.normal(0, 0.15, pop.n) - 0.35 * (age_start >= 62), 0.03, 0.97)
    worker = (age_end >= 16) & (rng.random(pop.n) < 0.42 + 0.5 * emp) & (age_start < 75)
    W = np.flatnonzero(worker)
    e = emp[W]
    # most teenagers start working at 18; some already at 16 (while still in school)
    first_age = np.where(rng.random(len(W)) < 0.3, 16, 18)
    q16 = np.maximum(T.quarter_index(T.add_years(pop.dob[W], first_age)), 0)
    q_ret = np.where(rng.random(len(W)) < 0.6, T.quarter_index(T.add_years(pop.dob[W], 67)), NQ)
    q_hi = np.minimum(NQ - 1, q_ret)

    # --- job sequences -----------------------------------------------------------------------
    j_w, j_s, j_e, j_part = [], [], [], []
    ongoing = (rng.random(len(W)) < e) & (q16 == 0)
    delay = (rng.random(len(W)) * np.maximum(q_hi - q16 + 1, 1) * (1.2 - e)).astype(np.int64)
    start = np.where(ongoing, 0, q16 + delay)
    for _ in range(6):
        dur = _geom(rng, 2 + 9 * e)
        end = start + dur - 1
        alive = start <= q_hi
        j_w.append(np.flatnonzero(alive))
        j_s.append(start[alive])
        j_e.append(end[alive])
        j_part.append(np.zeros(int(alive.sum()), bool))
        start = end + 1 + _geom(rng, 1 + 4 * (1 - e)) - 1
    jw = np.concatenate(j_w)
    js = np.concatenate(j_s)
    je = np.concatenate(j_e)
    # concurrent part-time jobs
    sec = rng.random(len(jw)) < 0.12
    si = np.flatnonzero(sec)
    s2 = js[si] + (rng.random(len(si)) * (je[si] - js[si] + 1)).astype(np.int64)
    e2 = s2 + _geom(rng, np.full(len(si), 3.0)) - 1
    # a new job soon after leaving FaDSS / PSH / RRH
    ex = ctx.facts.get("program_exits", [])
    ex_p = np.concatenate([a for a, _ in ex]) if ex else np.empty(0, np.int64)
    ex_d = np.concatenate([b for _, b in ex]) if ex else np.empty(0, np.int64)
    wpos = np.full(pop.n, -1, dtype=np.int64)
    wpos[W] = np.arange(len(W))
    ok = (wpos[ex_p] >= 0) & (ex_d <= T.END) & (rng.random(len(ex_p)) < 0.35)
    ok &= (pop.age(ex_p, np.minimum(ex_d, T.END)) >= 18)
    pw = wpos[ex_p[ok]]
    ps = T.quarter_index(ex_d[ok]) + rng.integers(0, 3, int(ok.sum()))
    pe = ps + _geom(rng, np.full(len(pw), 6.0)) - 1
    jw = np.concatenate([jw, jw[si], pw])
    js = np.concatenate([js, s2, ps])
    je = np.concatenate([je, e2, pe])
    part = np.concatenate([np.zeros(len(sec), bool), np.ones(len(si), bool), np.zeros(len(pw), bool)])
    lo = np.maximum(js, q16[jw])
    hi = np.minimum(je, q_hi[jw])
    keep = lo <= hi
    jw, js, je, lo, hi, part = jw[keep], js[keep], je[keep], lo[keep], hi[keep], part[keep]
    J = len(jw)
    jp = W[jw]  # person of each job

    # employers (Zipf-like sizes) and pay
    n_emp = max(60, ctx.cfg.persons // 15)
    erng = ctx.rng("dol_employers")
    ein = unique_numbers(erng, n_emp, 10_000_000, 1_000_000_000)
    nw = np.array([w for _, w in nd.NAICS2], dtype=float)
    naics = np.array([c for c, _ in nd.NAICS2], dtype=object)[erng.choice(len(nd.NAICS2), n_emp, p=nw / nw.sum())]
    ew = 1.0 / np.arange(1, n_emp + 1) ** 1.05
    employer = rng.choice(n_emp, J, p=ew / ew.sum())
    teen = pop.age(jp, T.quarter_start(lo)) < 19
    base = np.exp(rng.normal(np.log(3200 + 7000 * e[jw]), 0.45)) * np.where(teen, 0.45, 1.0) * np.where(part, 0.4, 1.0)

    # --- rows --------------------------------------------------------------------------------
    r_job, r_q, cents = _rows(rng, lo, hi, js, je, base)
    ctx.log.add("dol_zero_or_negative_wage", int((cents <= 0).sum()), SOURCE)
    n = len(r_job)

    # --- SSN per job, errors checked against real SSNs and each other --------------------------
    true = pop.ssn[jp]
    ssn = true.copy()
    m1 = pick(rng, np.ones(J, bool), q.dol_ssn_typo)
    ssn[m1] = ssn_digit_typo(ssn[m1], rng.integers(0, 9, int(m1.sum())), rng.integers(1, 10, int(m1.sum())))
    pos8 = rng.integers(0, 8, J)
    differ = ((true // 10 ** (8 - pos8)) % 10) != ((true // 10 ** (7 - pos8)) % 10)
    m2 = pick(rng, differ & ~m1, q.dol_ssn_transposed)
    ssn[m2] = ssn_transpose(ssn[m2], pos8[m2])
    m3 = pick(rng, ~m1 & ~m2, q.dol_ssn_invalid)
    ssn[m3] = ssn_make_invalid(ssn[m3], rng.integers(0, 5, int(m3.sum())), rng.integers(0, 1000, int(m3.sum())))
    # placeholders: each value used for at most one worker
    m4 = pick(rng, ~m1 & ~m2 & ~m3, q.dol_ssn_placeholder)
    idx4 = np.flatnonzero(m4)
    _, first_of_person = np.unique(jp[idx4], return_index=True)
    idx4 = np.sort(idx4[first_of_person])[: len(PLACEHOLDER_SSNS)]
    m4[:] = False
    m4[idx4] = True
    ssn[idx4] = np.array([int(s) for s in PLACEHOLDER_SSNS], dtype=np.int64)[: len(idx4)]
    err = ssn != true
    bad = err & np.isin(ssn, pop.ssn)
    ssn[bad] = true[bad]
    err = ssn != true
    ei = np.flatnonzero(err)
    o = np.lexsort((jp[ei], ssn[ei]))  # by erroneous value, then worker
    sv, pv = ssn[ei][o], jp[ei][o]
    new_val = np.r_[True, sv[1:] != sv[:-1]] if len(sv) else np.empty(0, bool)
    owner = pv[np.maximum.accumulate(np.where(new_val, np.arange(len(sv)), 0))] if len(sv) else pv
    clash = pv != owner  # the same wrong SSN for a second worker: that employer got it right
    ssn[ei[o][clash]] = true[ei[o][clash]]
    for label, m in (("ssn_typo", m1), ("ssn_transposed", m2), ("ssn_invalid", m3), ("ssn_placeholder", m4)):
        ctx.log.add(label, int((m & (ssn != true)).sum()), SOURCE)
    ssn_str = np.array([f"{s:09d}" for s in ssn.tolist()], dtype=object)
    ctx.log.add("ssn_no_dashes", J, SOURCE)

    # --- names: last name upper/truncated/ASCII, first initial ----------------------------------
    job_day = T.quarter_start(lo)
    qq = replace(q, typo_last=q.dol_name_typo, typo_first=q.dol_name_typo / 2)
    names = render_names(rng, qq, ctx.prof, ctx.log, SOURCE, pop, jp, job_day, suffix_field=False,
                         middle="none", upper_share=1.0)
    job_last = np.array([dol_last(s) for s in names.last.tolist()], dtype=object)
    init = np.array([(strip_accents(s.strip())[:1] or "X").upper() for s in names.first.tolist()], dtype=object)
    ctx.log.add("dol_name_format", J, SOURCE)
    # file order (quarter, employer, SSN) applied to the row indexes once, before any column
    order = np.lexsort((ssn[r_job], employer[r_job], r_q))
    r_job, r_q, cents = r_job[order], r_q[order], cents[order]
    del order
    row_day = T.quarter_start(r_q)
    rp = jp[r_job]
    last_col = pa.array(job_last, pa.string()).take(pa.array(r_job))
    cand = np.flatnonzero(pop.chg1[rp] <= row_day)
    if len(cand):
        updates = (rng.random(J) < ctx.prof.name_update)[r_job[cand]]
        now = pop.last_at(rp[cand], row_day[cand])
        then = pop.last_at(rp[cand], job_day[r_job[cand]])
        ch = updates & (now != then)
        if ch.any():
            mask = np.zeros(n, bool)
            mask[cand[ch]] = True
            last_col = pc.replace_with_mask(last_col, pa.array(mask),
                                            pa.array([dol_last(s) for s in now[ch].tolist()], pa.string()))
            ctx.log.add("last_name_change", int(ch.sum()), SOURCE)
    del rp, row_day, cand

    # --- registry: every SSN as written maps to its worker ----------------------------------------
    used = np.zeros(J, bool)
    used[r_job] = True
    reg = ctx.registry(SOURCE)
    pairs = np.unique(np.stack([ssn[used], jp[used]], axis=1), axis=0)
    if len(np.unique(pairs[:, 0])) != len(pairs):
        raise RuntimeError("DOL: one SSN written for two workers")
    reg.extend([f"{s:09d}" for s in pairs[:, 0].tolist()], pairs[:, 1])

    year_s = pa.array([str(2019 + k // 4) for k in range(NQ + 1)], pa.string())
    quarter_s = pa.array([str(k % 4 + 1) for k in range(NQ + 1)], pa.string())
    rq = pa.array(np.minimum(r_q, NQ))
    data = {
        "ssn": pa.array(ssn_str, pa.string()).take(pa.array(r_job)), "last_name": last_col,
        "first_initial": pa.array(init, pa.string()).take(pa.array(r_job)),
        "employer_ein": take(np.array([f"{x:09d}" for x in ein.tolist()], dtype=object), employer[r_job]),
        "naics2": pa.array(naics, pa.string()).take(pa.array(employer[r_job])),
        "year": year_s.take(rq), "quarter": quarter_s.take(rq), "wages": fmt_money(cents),
    }
    return {"dol_ui_wages": extract_table("dol_ui_wages", data)}
