"""DCF child welfare: maltreatment reports and out-of-home removals for a minority of families.

Why: removals are rare, strongly tied to family need, and the NO_REMOVAL_12M metric asks whether
a removal started within months after a program entry, so FaDSS families get an extra chance of a
report after they enrol (some with removals). Adults on reports often have a missing or estimated
(``YYYY-01-01``) date of birth and rarely an SSN, as the spec says.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from . import timeutil as T
from .context import Context
from .identity import format_ids, register, render_dob, render_names, render_sex, render_ssn, unique_numbers
from .population import R_UNKNOWN, RACES, ROLE_CHILD, ROLE_GRANDPARENT, ROLE_OTHER
from .quirks import pick
from .tables import extract_table

SOURCE = "dcf"
ROLES = ("ALLEGED_VICTIM", "ALLEGED_PERPETRATOR", "PARENT", "OTHER_CAREGIVER")
ALLEGATIONS = ("NEGLECT", "PHYSICAL_ABUSE", "SEXUAL_ABUSE", "EMOTIONAL_ABUSE")
FINDINGS = ("SUBSTANTIATED", "UNSUBSTANTIATED", "INCONCLUSIVE")
SETTINGS = ("FOSTER_FAMILY", "KINSHIP", "CONGREGATE")
DISCHARGE = ("REUNIFICATION", "ADOPTION", "GUARDIANSHIP", "EMANCIPATION", "OTHER")


def build(ctx: Context) -> dict[str, pa.Table]:
    pop, q = ctx.pop, ctx.q
    rng = ctx.rng(SOURCE)
    has_kids = np.bincount(pop.hh[pop.role == ROLE_CHILD], minlength=pop.n_hh) > 0
    p = np.where(has_kids, 0.01 + 0.16 * pop.hh_need**2, 0.0)
    base = rng.random(pop.n_hh) < p
    # FaDSS families: an extra chance of a report after enrolment
    f_hh, f_enroll, _, _ = ctx.facts["fadss_enrollments"]
    f_first = np.unique(f_hh, return_index=True)[1]
    # (a family development worker is a mandated reporter, and these families are high-need)
    post = rng.random(len(f_first)) < 0.30
    post_hh = f_hh[f_first][post]
    post_day = f_enroll[f_first][post] + rng.integers(5, 420, int(post.sum()))
    post_ok = post_day <= T.END - 5
    b_hh = np.flatnonzero(base)
    n_rep = 1 + np.minimum(rng.poisson(0.6, len(b_hh)), 3)
    r_hh = np.concatenate([np.repeat(b_hh, n_rep), post_hh[post_ok]])
    r_day = np.concatenate([rng.integers(T.START, T.END - 5, int(n_rep.sum())), post_day[post_ok]])
    r_post = np.r_[np.zeros(int(n_rep.sum()), bool), np.ones(int(post_ok.sum()), bool)]
    ordr = np.lexsort((r_day, r_hh))
    r_hh, r_day, r_post = r_hh[ordr], r_day[ordr], r_post[ordr]
    n_r = len(r_hh)
    allegation = rng.choice(4, n_r, p=[0.6, 0.2, 0.08, 0.12])
    screened = rng.random(n_r) < np.where(r_post, 0.85, 0.62)
    substantiated = rng.random(n_r) < np.where(r_post, 0.55, 0.32)
    other_finding = np.where(rng.random(n_r) < 0.78, 1, 2)
    finding = np.where(screened, np.where(substantiated, 0, other_finding), -1)

    # --- persons on each report ---------------------------------------------------------------
    pos, person = pop.members(r_hh)
    d = r_day[pos]
    alive = pop.dob[person] <= d
    age = pop.age(person, d)
    kid = (pop.role[person] == ROLE_CHILD) & (age < 18) & alive
    u = rng.random(len(person))
    victim = kid & (u < 0.7)
    # every report has at least one victim: the first eligible child if none was drawn
    nv = np.bincount(pos[victim], minlength=n_r)
    big = len(person) + 1
    first_kid = np.full(n_r, big, dtype=np.int64)
    ki = np.flatnonzero(kid)
    np.minimum.at(first_kid, pos[ki], ki)
    need_v = (nv == 0) & (first_kid < big)
    victim[first_kid[need_v]] = True
    primary = person == pop.hh_primary[r_hh[pos]]
    partner = person == pop.hh_partner[r_hh[pos]]
    other = np.isin(pop.role[person], (ROLE_GRANDPARENT, ROLE_OTHER)) & ~primary & ~partner & (age >= 18) & (u < 0.5)
    perp_primary = rng.random(n_r) < 0.45
    role = np.full(len(person), -1, dtype=np.int64)
    role[victim] = 0
    role[primary] = np.where(perp_primary[pos[primary]], 1, 2)
    role[partner & (age >= 18)] = np.where(rng.random(int((partner & (age >= 18)).sum())) < 0.5, 1, 2)
    role[other] = 3
    keep = (role >= 0) & alive
    has_victim = np.bincount(pos[victim], minlength=n_r) > 0
    keep &= has_victim[pos]
    pos, person, role = pos[keep], person[keep], role[keep]
    rep_ok = has_victim
    report_no = unique_numbers(rng, n_r, 10**8, 10**9)
    report_id = format_ids("R", report_no, 9)

    # --- removals: substantiated reports, all victims together ---------------------------------
    removed_rep = rep_ok & (finding == 0) & (rng.random(n_r) < np.where(r_post, 0.55, 0.45))
    vm = (role == 0) & removed_rep[pos]
    rm_person = person[vm]
    rm_day = r_day[pos[vm]] + rng.integers(0, 45, int(vm.sum()))
    rm_day = np.minimum(rm_day, T.END)
    o = np.lexsort((rm_day, rm_person))
    rm_person, rm_day = rm_person[o], rm_day[o]
    k = len(rm_person)
    stay = np.clip(np.exp(rng.normal(np.log(330), 0.75, k)), 20, 3000).astype(np.int64)
    dis = rm_day + stay
    age18 = T.add_years(pop.dob[rm_person], 18)
    emancip = dis >= age18
    dis = np.where(emancip, age18, dis)
    # a child is removed only while a minor, and never twice at the same time
    ok = rm_day < age18
    last_p, last_dis = -1, 0
    for i, (pp, rd, dd) in enumerate(zip(rm_person.tolist(), rm_day.tolist(), dis.tolist())):
        if not ok[i]:
            continue
        if pp == last_p and rd <= last_dis:
            ok[i] = False
            continue
        last_p, last_dis = pp, dd
    rm_person, rm_day, dis, emancip = rm_person[ok], rm_day[ok], dis[ok], emancip[ok]
    k = len(rm_person)
    open_ = dis > T.END
    age_at = pop.age(rm_person, rm_day)
    setting = np.where(age_at >= 13, rng.choice(3, k, p=[0.45, 0.25, 0.30]), rng.choice(3, k, p=[0.58, 0.38, 0.04]))
    reason = np.where(emancip, 3, rng.choice(5, k, p=[0.58, 0.16, 0.16, 0.0, 0.10]))
    removal_id = format_ids("RM", unique_numbers(rng, k, 10**7, 10**8), 8)

    # --- persons known to DCF -----------------------------------------------------------------
    all_p = np.concatenate([person, rm_person])
    all_d = np.concatenate([r_day[pos], rm_day])
    reg = register(rng, all_p, all_d, q.duplicate_person_id, ctx.log, SOURCE)
    R = len(reg.person)
    ids = format_ids("P", unique_numbers(rng, R, 1, 10**8), 8)
    ctx.registry(SOURCE).extend(ids, reg.person)
    names = render_names(rng, q, ctx.prof, ctx.log, SOURCE, pop, reg.person, reg.day, suffix_field=False, middle="none")
    dob = render_dob(rng, q, ctx.log, SOURCE, pop.dob[reg.person])
    adult = pop.age(reg.person, reg.day) >= 18
    u = rng.random(R)
    miss = adult & (u < ctx.prof.dcf_adult_dob_missing)
    est = adult & ~miss & (u < ctx.prof.dcf_adult_dob_missing + ctx.prof.dcf_adult_dob_estimated)
    y = T.ymd(pop.dob[reg.person])[0] + rng.integers(-1, 2, R) * (rng.random(R) < 0.4)
    dob = np.where(est, T.from_ymd(y, np.ones(R, np.int64), np.ones(R, np.int64)), dob)
    dob = np.where(miss, T.NO_DATE, dob)
    ctx.log.add("dob_missing", int(miss.sum()), SOURCE)
    ctx.log.add("dob_estimated", int(est.sum()), SOURCE)
    ssn = render_ssn(rng, q, ctx.log, SOURCE, pop, reg.person, dashed_share=ctx.prof.ssn_dashed[SOURCE],
                     missing=ctx.prof.dcf_ssn_missing)
    sex = render_sex(rng, q, ctx.log, SOURCE, pop.sex[reg.person], ("F", "M", "U"))
    race = pop.race[reg.person].copy()
    race[pick(rng, np.ones(R, bool), 0.08 * min(1.0, ctx.cfg.noise))] = R_UNKNOWN
    hisp = np.where(pop.hispanic[reg.person] == 1, "Y", "N").astype(object)
    hisp[pick(rng, np.ones(R, bool), 0.06 * min(1.0, ctx.cfg.noise))] = "U"
    persons = {
        "dcf_person_id": ids, "first_name": names.first, "last_name": names.last, "dob": T.fmt_iso(dob),
        "ssn": ssn, "sex": sex, "race": np.array(RACES, dtype=object)[race], "hispanic": hisp,
    }
    n_rows = len(person)
    rr = reg.row_reg
    reports = {
        "report_id": report_id[pos], "report_date": T.fmt_iso(r_day[pos]), "dcf_person_id": ids[rr[:n_rows]],
        "role": np.array(ROLES, dtype=object)[role],
        "allegation": np.array(ALLEGATIONS, dtype=object)[allegation[pos]],
        "screened_in": np.where(screened[pos], "Y", "N").astype(object),
        "finding": np.where(finding[pos] >= 0, np.array(FINDINGS, dtype=object)[np.maximum(finding[pos], 0)],
                            "").astype(object),
    }
    removals = {
        "removal_id": removal_id, "dcf_person_id": ids[rr[n_rows:]], "removal_date": T.fmt_iso(rm_day),
        "discharge_date": T.fmt_iso(np.where(open_, T.NO_DATE, dis)),
        "placement_setting": np.array(SETTINGS, dtype=object)[setting],
        "discharge_reason": np.where(open_, "", np.array(DISCHARGE, dtype=object)[reason]).astype(object),
    }
    ctx.facts["dcf_households"] = np.unique(r_hh)
    return {
        "dcf_persons": extract_table("dcf_persons", persons, np.argsort(ids, kind="stable")),
        "dcf_reports": extract_table("dcf_reports", reports, np.lexsort((role, report_no[pos], r_day[pos]))),
        "dcf_removals": extract_table("dcf_removals", removals, np.argsort(rm_day, kind="stable")),
    }
