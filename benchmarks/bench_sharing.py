"""Benchmark of the data-sharing releases at national scale.

Generates (or reuses) synthetic cases with ``waspada.demodata`` and measures, each in a fresh
child process so that its peak memory is its own:

- the k-anonymous CTDC release (k = 11, default quasi-identifiers) of every case with consent
  to de-identified statistics: wall time, rows, peak RSS. Target at 1,000,000 cases on
  PostgreSQL: < 2 minutes and memory bounded (streamed; the peak should not grow with cases);
- the differentially private synthetic release (pac-synth, epsilon 4) of ``--synthetic-rows``
  rows: wall time, rows per second, peak RSS, utility. Target: 100,000 rows < 5 minutes.

    python benchmarks/bench_sharing.py --database-url postgres://postgres@127.0.0.1:5432/h_bench \\
        --cases 1000000 [--seed 1] [--reuse] [--synthetic-rows 100000]

The database must exist (for PostgreSQL: ``createdb``); it is migrated here. Never point it at
a database holding real data: the generator adds synthetic cases to it.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def _setup(database_url: str, data_dir: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("WASPADA_DATA_DIR", data_dir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "waspada.config.settings")
    os.environ["WASPADA_DEMO"] = "1"
    import django

    django.setup()


def _rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _child(args: argparse.Namespace) -> None:
    """One measurement; prints a JSON line."""
    _setup(args.database_url, args.data_dir)
    from waspada.cases.models import ConsentKind
    from waspada.sharing import ctdc, generate, reference

    cases = ctdc.cases_for(
        organisation_id=None, year_from=2000, year_to=2100, kind=ConsentKind.STATISTICS
    )
    baseline = _rss_mib()
    out = Path(args.data_dir) / f"bench-{args.child}.csv"
    started = time.perf_counter()
    if args.child == "ctdc":
        summary = generate.write_ctdc(cases, out, k=11, qis=list(reference.get("qi_default")))
        rows = summary["rows_written"]
        extra = {key: summary[key] for key in ("rows_in", "rows_suppressed", "rows_generalised",
                                                "steps")}  # fmt: skip
    else:
        summary = generate.write_synthetic(cases, out, epsilon=4.0, rows=args.synthetic_rows)
        rows = summary["rows_written"]
        extra = {"rows_real": summary["rows_real"], "utility": summary["utility"]}
    seconds = time.perf_counter() - started
    out.unlink()
    print(json.dumps({"kind": args.child, "seconds": round(seconds, 1), "rows": rows,
                      "rows_per_second": round(rows / seconds), "baseline_rss_mib": round(baseline),
                      "peak_rss_mib": round(_rss_mib()), **extra}))  # fmt: skip


def _machine() -> dict[str, str]:
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
            database = f"PostgreSQL {cursor.fetchone()[0]}"
        else:
            cursor.execute("select sqlite_version()")
            database = f"SQLite {cursor.fetchone()[0]}"
    with open("/proc/meminfo", encoding="ascii") as handle:
        memory = f"{int(handle.readline().split()[1]) / 1024 / 1024:.1f} GiB"
    cpu = subprocess.run(["nproc"], capture_output=True, text=True, check=False).stdout.strip()
    return {"cpus": cpu, "memory": memory, "database": database,
            "python": platform.python_version(), "load": f"{os.getloadavg()[0]:.1f}"}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--reuse", action="store_true", help="use the cases already there")
    parser.add_argument("--synthetic-rows", type=int, default=100_000)
    parser.add_argument("--data-dir", default=tempfile.mkdtemp(prefix="waspada-bench-sharing-"))
    parser.add_argument("--child", choices=["ctdc", "synthetic"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args)
        return
    _setup(args.database_url, args.data_dir)
    from django.core.management import call_command

    from waspada.cases.models import Case
    from waspada.demodata.generator import demo_data_generate

    call_command("migrate", verbosity=0)
    if not args.reuse:
        started = time.perf_counter()
        demo_data_generate(cases=args.cases, seed=args.seed)
        print(f"generated {args.cases:,} cases in {time.perf_counter() - started:.0f} s")
    print(f"cases in the database: {Case.objects.count():,}; machine: {_machine()}")
    for kind in ("ctdc", "synthetic"):
        command = [sys.executable, __file__, "--database-url", args.database_url,
                   "--data-dir", args.data_dir, "--synthetic-rows", str(args.synthetic_rows),
                   "--child", kind]  # fmt: skip
        result = subprocess.run(command, capture_output=True, text=True, check=True)
        print(result.stdout.strip().splitlines()[-1])


if __name__ == "__main__":
    main()
