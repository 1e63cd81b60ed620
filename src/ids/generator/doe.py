"""DOE K-12: students, yearly enrollments with attendance, KRA and grade-3 assessments.

Why: school records are the children's outcome backbone. Grade follows the Sep-1 kindergarten
cutoff (with some redshirting and retention), a move changes school mid-year, and attendance is a
per-child propensity lowered by family need, so roughly a third of students fall below 90% (the
SCHOOL_ATTENDANCE_90 metric has both outcomes). KRA readiness improves with a year or more of
child-care subsidy before kindergarten (KRA_READY has signal). Spring 2020 state tests were
cancelled (COVID), so there are no ELA3/MATH3 scores for 2019-2020.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from . import namedata as nd
from . import timeutil as T
from .context import Context
from .ece import kindergarten_start
from .identity import format_ids, register, render_dob, render_names, render_sex, unique_numbers
from .population import R_UNKNOWN, RACES, ROLE_CHILD
from .quirks import pick
from .tables import extract_table, fmt_int, take

SOURCE = "doe"
YEARS = np.arange(2019, 2026)  # school years 2019-2020 .. 2025-2026
GRADES = ("PK", "KG") + tuple(f"{g:02d}" for g in range(1, 13))
_FULL_DAYS = 178


def _schools(rng: np.random.Generator, persons: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per city: district id and schools by level (0 elementary PK-5, 1 middle 6-8, 2 high)."""
    cw = np.array([c[2] for c in nd.CITIES])
    n_elem = np.maximum(1, np.round(cw / cw.sum() * persons / 1500)).astype(np.int64)
    counts = np.stack([n_elem, np.maximum(1, n_elem // 2), np.maximum(1, n_elem // 3)], axis=1)
    total = int(counts.sum())
    ids = unique_numbers(rng, total, 1000, 10000 if total < 8000 else 100000)
    district = np.array([f"{(i + 1) * 30 + 10:04d}" for i in range(len(nd.CITIES))], dtype=object)
    return district, counts, ids


def build(ctx: Context) -> dict[str, pa.Table]:
    pop, q = ctx.pop, ctx.q
    rng = ctx.rng(SOURCE)
    kids = np.flatnonzero(pop.role == ROLE_CHILD)
    kg = kindergarten_start(pop.dob[kids])
    kg_year = T.ymd(kg)[0]
    kg_year = kg_year + (rng.random(len(kids)) < 0.04)  # redshirted
    in_doe = rng.random(len(kids)) < 0.96
    pk = rng.random(len(kids)) < 0.35
    retain_year = np.where(rng.random(len(kids)) < 0.03, rng.integers(2019, 2026, len(kids)), 9999)
    hh = pop.hh[kids]
    need = pop.hh_need[hh]
    drop_year = np.where(rng.random(len(kids)) < 0.08 * need, kg_year + rng.integers(9, 13, len(kids)), 9999)
    # --- student-years -------------------------------------------------------------------------
    ci = np.repeat(np.arange(len(kids)), len(YEARS))
    yr = np.tile(YEARS, len(kids))
    grade = yr - kg_year[ci] - (yr > retain_year[ci])
    ok = in_doe[ci] & (grade >= -1) & (grade <= 12) & ((grade >= 0) | pk[ci]) & (yr < drop_year[ci])
    start = T.from_ymd(yr, np.full(len(yr), 8), np.full(len(yr), 15))
    stop = T.from_ymd(yr + 1, np.full(len(yr), 6), np.full(len(yr), 15))
    ok &= pop.dob[kids[ci]] <= start - 3 * 365
    ci, yr, grade, start, stop = ci[ok], yr[ok], grade[ok], start[ok], stop[ok]
    n = len(ci)
    child = kids[ci]
    chh = hh[ci]
    # late entrants (moved into the state) enter after the first day
    late = rng.random(n) < 0.05
    entry = np.where(late, start + rng.integers(10, 200, n), start)
    # a household move inside the school year splits the enrollment (new school)
    mv = pop.hh_move[chh]
    split = (mv > entry + 5) & (mv < stop - 5) & (mv <= T.END)
    other = ~split & (rng.random(n) < 0.03)  # intra-district transfer
    mv = np.where(other, entry + rng.integers(30, 250, n), mv)
    split |= other & (mv < stop - 5) & (mv <= T.END)
    si = np.flatnonzero(split)
    r_child = np.concatenate([child, child[si]])
    r_ci = np.concatenate([ci, ci[si]])
    r_year = np.concatenate([yr, yr[si]])
    r_grade = np.concatenate([grade, grade[si]])
    r_entry = np.concatenate([entry, mv[si] + rng.integers(1, 8, len(si))])
    r_exit = np.concatenate([np.where(split, mv, stop), stop[si]])
    second = np.r_[np.zeros(n, bool), np.ones(len(si), bool)]
    moved_city = np.concatenate([np.zeros(n, bool), ~other[si]])
    live = r_entry <= T.END  # nothing dated after the extract
    r_child, r_ci, r_year, r_grade, r_entry, r_exit, second, moved_city = (
        a[live] for a in (r_child, r_ci, r_year, r_grade, r_entry, r_exit, second, moved_city))
    r_hh = pop.hh[r_child]
    city = np.where(moved_city | (r_entry >= pop.hh_move[r_hh]), pop.hh_city2[r_hh], pop.hh_city[r_hh])
    current = r_exit > T.END
    r_exit = np.where(current, T.NO_DATE, r_exit)
    m = len(r_child)
    # school: level by grade, a household-level pick within the district (a transfer picks again)
    district, counts, school_ids = _schools(ctx.rng("doe_schools"), ctx.cfg.persons)
    level = np.where(r_grade <= 5, 0, np.where(r_grade <= 8, 1, 2))
    offs = np.concatenate([[0], np.cumsum(counts.ravel())])[:-1].reshape(counts.shape)
    pick_u = rng.random(pop.n_hh)[r_hh]
    pick_u = np.where(second & ~moved_city, rng.random(m), pick_u)
    school = school_ids[offs[city, level] + (pick_u * counts[city, level]).astype(np.int64)]
    # days and attendance
    end_eff = np.where(current, np.minimum(T.END, T.day(2025, 12, 19)), r_exit)
    days_enr = np.clip(np.round(_FULL_DAYS * (end_eff - r_entry + 1) / 305.0), 1, 185).astype(np.int64)
    mean = np.clip(0.958 - 0.09 * need, 0.5, 0.99)
    kconc = 45.0
    base = rng.beta(mean * kconc, (1 - mean) * kconc)
    rate = base[r_ci] + rng.normal(0, 0.025, m) - 0.03 * (r_year == 2020)
    rate = np.clip(rate, 0.35, 1.0)
    days_att = np.minimum(np.round(days_enr * rate).astype(np.int64), days_enr)

    # --- students -------------------------------------------------------------------------------
    reg = register(rng, r_child, r_entry, q.duplicate_person_id, ctx.log, SOURCE)
    R = len(reg.person)
    id_no = unique_numbers(rng, R, 1, 10**10)
    ids = format_ids("", id_no, 10)
    ctx.registry(SOURCE).extend(ids, reg.person)
    person = reg.person
    names = render_names(rng, q, ctx.prof, ctx.log, SOURCE, pop, person, reg.day, suffix_field=True, middle="full")
    dob = render_dob(rng, q, ctx.log, SOURCE, pop.dob[person])
    sex = render_sex(rng, q, ctx.log, SOURCE, pop.sex[person], ("F", "M", "X"))
    race = pop.race[person].copy()
    race[pick(rng, np.ones(R, bool), 0.03 * min(1.0, ctx.cfg.noise))] = R_UNKNOWN
    lang = pop.hh_lang[pop.hh[person]]
    non_en = lang != "en"
    ell = non_en & (rng.random(R) < 0.7)
    sped = rng.random(R) < 0.13
    frl = rng.random(R) < np.where(pop.hh_need[pop.hh[person]] > 0.3, 0.92, 0.25)
    yn = np.array(["N", "Y"], dtype=object)
    students = {
        "state_student_id": ids, "first_name": names.first, "middle_name": names.middle, "last_name": names.last,
        "name_suffix": names.suffix, "dob": T.fmt_iso(dob), "sex": sex,
        "race": np.array(RACES, dtype=object)[race], "hispanic": yn[pop.hispanic[person]], "home_language": lang,
        "ell": yn[ell.astype(np.int64)], "sped": yn[sped.astype(np.int64)], "frl": yn[frl.astype(np.int64)],
    }
    sy = np.array([f"{y}-{y + 1}" for y in YEARS], dtype=object)
    rr = reg.row_reg
    enroll = {
        "state_student_id": take(ids, rr), "school_year": take(sy, r_year - YEARS[0]),
        "district_id": take(district, city),
        "school_id": fmt_int(school), "grade_level": take(np.array(GRADES, dtype=object), r_grade + 1),
        "entry_date": T.fmt_iso(r_entry), "exit_date": T.fmt_iso(r_exit),
        "days_enrolled": fmt_int(days_enr), "days_attended": fmt_int(days_att),
    }
    assess = _assessments(ctx, rng, r_child, r_year, r_grade, r_entry, second, rr, ids, sy)
    return {
        "doe_students": extract_table("doe_students", students, np.argsort(id_no, kind="stable")),
        "doe_enrollments": extract_table("doe_enrollments", enroll, np.lexsort((r_entry, id_no[rr], r_year))),
        "doe_assessments": assess,
    }


def _assessments(ctx: Context, rng: np.random.Generator, child: np.ndarray, year: np.ndarray, grade: np.ndarray,
                 entry: np.ndarray, second: np.ndarray, rr: np.ndarray, ids: np.ndarray, sy: np.ndarray) -> pa.Table:
    pop = ctx.pop
    ece_days = ctx.facts.get("ece_days_before_kg", np.zeros(pop.n, dtype=np.int64))
    first_row = ~second
    # KRA in the fall of kindergarten (the fall 2025 window is already over at the extract date)
    k = np.flatnonzero(first_row & (grade == 0) & (entry <= T.day(int(2025), 10, 31)) & (rng.random(len(child)) < 0.95))
    need = pop.hh_need[pop.hh[child[k]]]
    p_ready = np.clip(0.47 - 0.35 * (need - 0.45) + 0.15 * (ece_days[child[k]] >= 365), 0.05, 0.95)
    ready = rng.random(len(k)) < p_ready
    kra = np.where(ready, rng.integers(270, 299, len(k)), 269 - np.minimum(rng.geometric(1 / 18, len(k)) - 1, 67))
    kra_level = np.select([kra < 240, kra < 270, kra < 285], [1, 2, 3], 4)
    # ELA3 / MATH3 in the spring of grade 3 (none in spring 2020; spring 2026 not yet taken)
    g3 = np.flatnonzero(first_row & (grade == 3) & (year >= 2020) & (year <= 2024) & (rng.random(len(child)) < 0.96))
    need3 = pop.hh_need[pop.hh[child[g3]]]
    ability = rng.normal(0, 1, len(g3))
    def score(mean: float) -> np.ndarray:
        raw = mean - 45 * (need3 - 0.45) + 30 * ability + rng.normal(0, 18, len(g3))
        return np.clip(np.round(raw), 300, 500).astype(np.int64)

    sc_ela, sc_mat = score(408), score(404)

    def lvl(sc: np.ndarray) -> np.ndarray:
        return np.select([sc < 375, sc < 400, sc < 450], [1, 2, 3], 4)

    rows = np.concatenate([k, g3, g3])
    test = np.concatenate([np.zeros(len(k), np.int64), np.ones(len(g3), np.int64), np.full(len(g3), 2)])
    score = np.concatenate([kra, sc_ela, sc_mat])
    level = np.concatenate([kra_level, lvl(sc_ela), lvl(sc_mat)])
    prof = np.concatenate([kra >= 270, lvl(sc_ela) >= 3, lvl(sc_mat) >= 3])
    yn = np.array(["N", "Y"], dtype=object)
    data = {
        "state_student_id": ids[rr[rows]], "school_year": sy[year[rows] - YEARS[0]],
        "assessment": np.array(["KRA", "ELA3", "MATH3"], dtype=object)[test], "scale_score": fmt_int(score),
        "performance_level": fmt_int(level), "proficient": yn[prof.astype(np.int64)],
    }
    return extract_table("doe_assessments", data, np.lexsort((test, rr[rows], year[rows])))
