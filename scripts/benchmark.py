"""Linkage benchmark: generate synthetic partner extracts, build the IDS linkage on them in a scratch
warehouse, and report wall time, peak memory and pairwise precision / recall / F1 against the
generator's truth, optionally side by side with Splink 5 on the same standardized records.

    .venv/bin/python scripts/benchmark.py --persons 100000
    .venv/bin/python scripts/benchmark.py --persons 10000 --compare-splink --output-json bench.json
    .venv/bin/python scripts/benchmark.py --persons 1000000 --workdir /data/bench --reuse

Steps, each in a child process of its own so its peak memory (max RSS) is its own: generate the
extracts as Parquet, `dbt seed` (reference and contract seeds), `dbt run-operation load_extracts`,
`dbt run --select staging`, `dbt run --select linkage`. The linkage wall time is the sum of the
execution times of the linkage models in dbt's run_results.json; the precision, recall and F1 are
read from `linkage.linkage_evaluation`. With --compare-splink the records of
`linkage.int_person_records` go to Splink (src/ids/benchmark/splink_runner.py), which is scored with
the same contingency-count method. Splink is optional: `pip install splink==5.0.0`.

Nothing outside --workdir is written (default /tmp/ids_benchmark): the warehouse, dbt's target and
log folders all live there. Generated extracts are kept; --reuse skips the generation when the
extracts of the same --persons and --seed are already there.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from ids.benchmark.metrics import pair_counts_from_cells  # noqa: E402
from ids.benchmark.report import (  # noqa: E402
    BenchmarkRow,
    format_markdown_table,
    kib_to_mib,
    linkage_model_times,
    parse_meminfo_total_kib,
)
from ids.benchmark.splink_runner import MISSING_SPLINK_MESSAGE, splink_available  # noqa: E402

DBT = str(Path(sys.executable).with_name("dbt"))
GENERATOR = REPO / "scripts" / "generate_extracts.py"
DEFAULT_WORKDIR = Path("/tmp/ids_benchmark")


@dataclass
class Measured:
    """A finished child process: wall time, peak memory (its max RSS, descendants included)."""

    step: str
    returncode: int
    wall_s: float
    peak_mib: float
    log: Path


def run_measured(step: str, cmd: list[str], env: dict[str, str], log_dir: Path) -> Measured:
    """Run one step in a fresh child and measure it. `os.wait4` returns the rusage of exactly that
    child (and of the descendants it waited for), so each step's ru_maxrss is its own peak."""
    log_dir.mkdir(parents=True, exist_ok=True)
    log = log_dir / f"{step}.log"
    print(f"  {step}: {' '.join(cmd[:4])}{' ...' if len(cmd) > 4 else ''}", flush=True)
    with log.open("w") as fh:
        fh.write("$ " + " ".join(cmd) + "\n")
        fh.flush()
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=fh, stderr=subprocess.STDOUT)
        _, status, rusage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)  # already reaped; keep Popen consistent
    result = Measured(step, proc.returncode, wall, kib_to_mib(rusage.ru_maxrss), log)
    print(f"    {wall:8.1f} s  {result.peak_mib:8.0f} MiB peak  (log: {log})", flush=True)
    if result.returncode != 0:
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
    }


def dbt_env(workdir: Path, threads: int, memory_limit: str | None = None) -> dict[str, str]:
    env = dict(os.environ)
    if memory_limit:
        env["IDS_MEMORY_LIMIT"] = memory_limit  # DuckDB's own cap (macros/loading/resource_limits.sql)
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


def generate(args: argparse.Namespace, workdir: Path, env: dict[str, str]) -> tuple[Path, Measured | None]:
    extracts = workdir / f"extracts_p{args.persons}_s{args.seed}"
    done = extracts / ".complete"
    if args.reuse and done.exists():
        print(f"  generate: reusing {extracts}")
        return extracts, None
    if not GENERATOR.exists():
        raise SystemExit(f"{GENERATOR} not found: the extract generator is needed to benchmark.")
    shutil.rmtree(extracts, ignore_errors=True)
    extracts.mkdir(parents=True)
    measured = run_measured(
        "generate",
        [
            sys.executable, str(GENERATOR),
            "--persons", str(args.persons), "--seed", str(args.seed), "--format", "parquet",
            "--out", str(extracts), "--truth-out", str(extracts),
            "--contracts-out", str(workdir / f"contracts_p{args.persons}_s{args.seed}"),
        ],
        env,
        workdir / "step_logs",
    )
    done.write_text(json.dumps({"persons": args.persons, "seed": args.seed}))
    return extracts, measured


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
    (records,) = query(db, "select count(*) from linkage.int_person_records")[0]
    (pairs,) = query(db, "select count(*) from linkage.int_candidate_pairs")[0]
    (persons,) = query(db, "select count(distinct person_id) from linkage.person_crosswalk")[0]
    return {"records": records, "candidate_pairs": pairs, "persons_found": persons, "evaluation": evaluation}


def run_splink(args: argparse.Namespace, workdir: Path, env: dict[str, str]) -> tuple[dict[str, Any], Measured]:
    db = workdir / "ids.duckdb"
    records = workdir / "splink_records.parquet"
    truth = workdir / "splink_truth.parquet"
    import duckdb

    with duckdb.connect(str(db), read_only=True) as con:
        con.execute(f"copy (select * from linkage.int_person_records) to '{records}' (format parquet)")
        con.execute(
            "copy (select source_system, source_person_id, true_person_id from staging.stg_truth__person_map) "
            f"to '{truth}' (format parquet)"
        )
        settings = dict(con.sql("select setting, value from config.linkage_settings").fetchall())
    threshold = float(settings["match_threshold"])
    u_pairs_per_record = int(float(settings.get("random_pairs_per_record", 8)))
    output = workdir / "splink_result.json"
    output.unlink(missing_ok=True)
    measured = run_measured(
        "splink",
        [
            sys.executable, "-m", "ids.benchmark.splink_runner",
            "--records", str(records), "--truth", str(truth), "--threshold", str(threshold),
            "--db", str(workdir / "splink.duckdb"), "--output", str(output), "--seed", str(args.seed),
            "--u-pairs-per-record", str(u_pairs_per_record),
        ],
        env,
        workdir / "step_logs",
    )
    return json.loads(output.read_text()), measured


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--persons", type=int, default=100_000, help="synthetic persons (default 100000)")
    parser.add_argument("--seed", type=int, default=20260101, help="generator seed (default 20260101, as the demo)")
    parser.add_argument("--workdir", type=Path, default=DEFAULT_WORKDIR,
                        help=f"scratch folder for extracts, warehouse and logs (default {DEFAULT_WORKDIR})")
    parser.add_argument("--reuse", action="store_true",
                        help="reuse the extracts already generated in --workdir for the same --persons/--seed")
    parser.add_argument("--threads", type=int, default=2, help="dbt threads (default 2)")
    parser.add_argument("--compare-splink", action="store_true", help="also link the records with Splink 5")
    parser.add_argument("--memory-limit", default="3GB",
                        help="DuckDB memory_limit for the IDS build (default 3GB; '' for DuckDB's default)")
    parser.add_argument("--output-json", type=Path, help="write the results as JSON here")
    args = parser.parse_args()

    if args.compare_splink and not splink_available():
        print(MISSING_SPLINK_MESSAGE, file=sys.stderr)
        return 2

    workdir = args.workdir.resolve()
    workdir.mkdir(parents=True, exist_ok=True)
    env = dbt_env(workdir, args.threads, args.memory_limit)
    logs = workdir / "step_logs"
    started = dt.datetime.now().astimezone()
    machine = machine_info()
    print(f"IDS linkage benchmark: {args.persons:,} persons, seed {args.seed}, workdir {workdir}")

    extracts, generated = generate(args, workdir, env)

    # A fresh warehouse every run (person_registry is incremental; a stale one would change ids).
    for stale in ("ids.duckdb", "ids.duckdb.wal"):
        (workdir / stale).unlink(missing_ok=True)
    shutil.rmtree(workdir / "target", ignore_errors=True)
    steps: dict[str, Measured | None] = {"generate": generated}
    steps["seed"] = run_measured("seed", [DBT, "seed", "--exclude", "tag:demo_extract"], env, logs)
    steps["load"] = run_measured(
        "load", [DBT, "run-operation", "load_extracts", "--args", json.dumps({"path": str(extracts)})], env, logs
    )
    threads = ["--threads", str(args.threads)]
    staging = steps["staging"] = run_measured("staging", [DBT, "run", "--select", "staging", *threads], env, logs)
    linkage = steps["linkage"] = run_measured("linkage", [DBT, "run", "--select", "linkage", *threads], env, logs)
    run_results = json.loads((workdir / "target" / "run_results.json").read_text())
    linkage_s, per_model = linkage_model_times(run_results)
    ids = ids_results(workdir / "ids.duckdb")
    ids_eval = ids["evaluation"]

    rows = [
        BenchmarkRow(
            linker="IDS (dbt + DuckDB)",
            persons=args.persons,
            records=ids["records"],
            candidate_pairs=ids["candidate_pairs"],
            # the wall time of the whole `dbt run --select linkage` process, dbt start-up included:
            # the sum of model times over-counts when two threads overlap models
            linkage_wall_s=linkage.wall_s,
            peak_memory_mib=linkage.peak_mib,
            precision=ids_eval["all"]["precision"],
            recall=ids_eval["all"]["recall"],
            f1=ids_eval["all"]["f1"],
            cross_source_f1=ids_eval.get("cross_source", {}).get("f1"),
        )
    ]
    splink: dict[str, Any] | None = None
    if args.compare_splink:
        splink, splink_step = run_splink(args, workdir, env)
        steps["splink"] = splink_step
        rows.append(
            BenchmarkRow(
                linker=f"Splink {splink['splink_version']} (DuckDB), threshold {splink['best_threshold']}",
                persons=args.persons,
                records=splink["records"],
                candidate_pairs=splink["candidate_pairs"],
                linkage_wall_s=splink["linkage_wall_s"],
                peak_memory_mib=splink_step.peak_mib,
                precision=splink["metrics"]["all"]["precision"],
                recall=splink["metrics"]["all"]["recall"],
                f1=splink["metrics"]["all"]["f1"],
                cross_source_f1=splink["metrics"]["cross_source"]["f1"],
            )
        )

    table = format_markdown_table(rows)
    staging_plus_linkage = staging.wall_s + linkage.wall_s
    print()
    print(f"Date: {started:%Y-%m-%d %H:%M %Z}. Machine: {machine['nproc']} CPUs ({machine['cpu']}), "
          f"{machine['memory_gib']} GiB RAM, {machine['platform']}, Python {machine['python']}, "
          f"DuckDB {machine['duckdb']}; dbt --threads {args.threads}.")
    print()
    print(table)
    print()
    print("Linkage wall time: IDS = the whole `dbt run --select linkage` process, dbt start-up included "
          f"(the linkage models' own execution times add up to {linkage_s:.1f} s); Splink = loading the records through clustering, in its own process. Peak memory = max RSS of the "
          "process (`dbt run --select linkage`, or the Splink runner). Precision / recall / F1 are pairwise "
          "over all record pairs, from contingency counts against the generator's truth.")
    print()
    print(f"Whole `dbt run` of staging + linkage: {staging_plus_linkage:.1f} s "
          f"(staging {staging.wall_s:.1f} s, linkage {linkage.wall_s:.1f} s, "
          f"process wall times incl. dbt start-up).")
    for name, step in steps.items():
        if step is None:
            print(f"  {name:<8} reused")
        else:
            print(f"  {name:<8} {step.wall_s:8.1f} s  {step.peak_mib:8.0f} MiB peak")
    if splink is not None:
        sweep = ", ".join(f"{t}: {m['f1']:.4f}" for t, m in splink["metrics_by_threshold"].items())
        print(f"Splink F1 by threshold (untimed re-clustering of the same predictions; the table shows "
              f"the best, chosen after seeing the truth): {sweep}. IDS match_threshold: {splink['threshold']}.")
    print("Slowest linkage models: " + ", ".join(f"{m} {s:.1f} s" for m, s in list(per_model.items())[:5]))

    if args.output_json:
        result = {
            "date": started.isoformat(timespec="seconds"),
            "machine": machine,
            "parameters": {"persons": args.persons, "seed": args.seed, "threads": args.threads,
                           "workdir": str(workdir), "extracts": str(extracts)},
            "steps": {name: (None if s is None else {"wall_s": round(s.wall_s, 3),
                                                      "peak_memory_mib": round(s.peak_mib, 1),
                                                      "log": str(s.log)})
                      for name, s in steps.items()},
            "ids": {**ids, "linkage_wall_s": round(linkage_s, 3), "linkage_model_seconds": per_model,
                    "staging_plus_linkage_wall_s": round(staging_plus_linkage, 3)},
            "splink": splink,
            "table": [row.as_dict() for row in rows],
            "table_markdown": table,
        }
        args.output_json.write_text(json.dumps(result, indent=2, default=str))
        print(f"Results written to {args.output_json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
