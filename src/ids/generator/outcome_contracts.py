"""The contracting office's outcomes contracts (project configuration seeds).

Why generated here: contracts must name providers that actually served people in the synthetic
data (a FaDSS provider, an HMIS PSH/RRH project, an ECE provider), otherwise the contract marts
compute over empty cohorts. Providers are chosen by how many exits / children they have inside the
contract window, and the terms cover every metric the spec lists.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from . import timeutil as T
from .context import Context
from .tables import config_table

_GAIN = "Adult's wages in the 4 quarters after exit exceed the 4 quarters before entry by $500+"
_ATTEND = "School-age child attends 90%+ of enrolled days in the first school year after entry"
_NO_RETURN = "No new ES/TH/SO enrollment within 12 months of an exit to a permanent destination"

# (metric, window_months, threshold, baseline, price, description)
_FADSS_TERMS = (
    ("EMPLOYED_2OF4Q", 12, "1000.00", 0.45, 1500, "Adult earns at least $1,000 in 2 of the 4 full quarters after exit"),
    ("EARNINGS_GAIN", 12, "500.00", 0.40, 1000, _GAIN),
    ("OFF_TANF_12M", 12, "", 0.50, 2000, "Family's DHS case has no open TANF spell 12 months after exit"),
    ("NO_REMOVAL_12M", 12, "", 0.92, 750, "No child of the family removed within 12 months after entry"),
    ("SCHOOL_ATTENDANCE_90", 12, "", 0.60, 400, _ATTEND),
)
_PSH_TERMS = (
    ("NO_RETURN_HOMELESS_12M", 12, "", 0.80, 2500, _NO_RETURN),
    ("EMPLOYED_2OF4Q", 12, "1000.00", 0.25, 1200, "Adult earns at least $1,000 in 2 of the 4 full quarters after exit"),
    ("EARNINGS_GAIN", 12, "500.00", 0.20, 800, _GAIN),
    ("SCHOOL_ATTENDANCE_90", 12, "", 0.55, 400, _ATTEND),
)
_RRH_TERMS = (
    ("NO_RETURN_HOMELESS_12M", 12, "", 0.75, 2000, _NO_RETURN),
    ("EMPLOYED_2OF4Q", 12, "1000.00", 0.35, 1000, "Adult earns at least $1,000 in 2 of the 4 full quarters after exit"),
)
_ECE_TERMS = (
    ("KRA_READY", 72, "12", 0.45, 1500,
     "Child with 12+ months of subsidy before kindergarten demonstrates readiness on the KRA"),
    ("WELL_CHILD_VISIT", 12, "", 0.60, 300, "Child under 6 has a well-child visit within 12 months after entry"),
    ("NO_REMOVAL_12M", 12, "", 0.95, 250, "No removal of the child within 12 months after entry"),
)


def _top(ids: np.ndarray, weights_mask: np.ndarray, k: int, exclude: tuple[str, ...] = ()) -> list[tuple[str, int]]:
    """The ``k`` ids with most ``weights_mask`` rows (ties broken by id, deterministic)."""
    vals, counts = np.unique(ids[weights_mask], return_counts=True)
    order = sorted(zip(vals.tolist(), counts.tolist()), key=lambda t: (-t[1], t[0]))
    return [t for t in order if t[0] not in exclude][:k]


def _columns(names: tuple[str, ...], rows: list[tuple]) -> dict[str, np.ndarray]:
    return {c: np.array([r[i] for r in rows], dtype=object) for i, c in enumerate(names)}


def build(ctx: Context) -> dict[str, pa.Table]:
    contracts: list[tuple] = []
    terms: list[tuple] = []

    def add(cid: str, name: str, program: str, provider: str, start: str, end: str, cohort: int,
            spec: tuple) -> None:
        per_outcome = sum(p for _, _, _, _, p, _ in spec)
        max_pay = max(25_000, int(round(cohort * per_outcome * 0.35, -3)))
        contracts.append((cid, name, program, provider, start, end, f"{max_pay}.00"))
        for i, (metric, window, thr, base, price, desc) in enumerate(spec, 1):
            terms.append((cid, f"{cid}-O{i}", metric, str(window), thr, f"{base:.2f}", f"{price}.00", desc))

    # FaDSS: providers with the most closed enrollments inside the window
    f_hh, f_enroll, f_exit, f_prov = ctx.facts["fadss_enrollments"]
    windows = (("2019-07-01", "2023-06-30"), ("2020-01-01", "2024-06-30"), ("2021-07-01", "2024-12-31"))
    used: tuple[str, ...] = ()
    for i, (s, e) in enumerate(windows, 1):
        lo_d, hi_d = T.day(*map(int, s.split("-"))), T.day(*map(int, e.split("-")))
        m = (f_exit != T.NO_DATE) & (f_exit >= lo_d) & (f_exit <= hi_d)
        top = _top(f_prov, m, 1, used)
        if top:
            prov, cnt = top[0]
            used += (prov,)
            add(f"FADSS-{i:02d}", f"FaDSS outcomes contract {i} ({prov})", "FADSS", prov, s, e, cnt, _FADSS_TERMS)
    # HMIS: PSH projects (type 3) and one RRH project (13) with the most exits
    pid, ptype, _, p_exit, p_dest, _ = ctx.facts["hmis_enrollments"]
    closed = p_exit != T.NO_DATE
    for i, prov_cnt in enumerate(_top(pid, closed & (ptype == 3), 2), 1):
        prov, cnt = prov_cnt
        add(f"PSH-{i:02d}", f"Permanent supportive housing outcomes, project {prov}", "PSH", prov,
            "2019-01-01" if i == 1 else "2020-07-01", "2023-12-31" if i == 1 else "2024-06-30", cnt, _PSH_TERMS)
    for prov, cnt in _top(pid, closed & (ptype == 13), 1):
        add("PSH-RRH-01", f"Rapid re-housing outcomes, project {prov}", "PSH", prov, "2020-01-01", "2024-06-30",
            cnt, _RRH_TERMS)
    # ECE: providers with the most children entering early enough to reach kindergarten
    e_prov, e_child, e_start = ctx.facts["ece_rows"]
    early = (e_start >= T.START) & (e_start <= T.day(2021, 12, 31))
    for i, (prov, cnt) in enumerate(_top(e_prov, early, 2), 1):
        add(f"ECE-{i:02d}", f"Child care quality outcomes, provider {prov}", "ECE", prov,
            "2019-01-01", "2022-12-31" if i == 1 else "2023-06-30", cnt, _ECE_TERMS)
    ccols = ("contract_id", "contract_name", "program", "provider_id", "start_date", "end_date", "max_payment")
    tcols = ("contract_id", "outcome_id", "metric_id", "window_months", "threshold", "baseline_rate",
             "price_per_outcome", "description")
    return {
        "contracts": config_table("contracts", _columns(ccols, contracts)),
        "contract_outcome_terms": config_table("contract_outcome_terms", _columns(tcols, terms)),
    }
