"""Benchmark of the data-sharing releases at national scale.

Generates (or reuses) synthetic cases with ``waspada.demodata`` and measures, each in a fresh
child process so that its peak memory is its own:

- the k-anonymous CTDC release (k = 11, default quasi-identifiers) of every case with consent
  to de-identified statistics: wall time, rows, peak RSS. Target at 1,000,000 cases on
  PostgreSQL: < 2 minutes and memory bounded (streamed; the peak should not grow with cases);
- the differentially private synthetic release (pac-synth, epsilon 4) of ``--synthetic-rows``
  rows (fitted on a Poisson sample of about ``--fit-rows`` real rows, default from
  ``data/sharing.json``): wall time, rows per second, peak RSS, utility. Target: 100,000 rows
  < 5 minutes. Its stages are timed apart (reading and sampling the consented rows, pac-synth's
  fit and sample, the utility report); with ``--repeat N`` the utility report is also timed N
  times both as it is made now (numpy) and by its plain definition (one counter update per row
  and column pair, the first version), printing medians, their ratio and heap peaks;
- ``--only synthetic-grid``: pac-synth's time and the utility for each ``--grid`` choice of
  fit sample size and reporting length, to choose the defaults.

    python benchmarks/bench_sharing.py --database-url postgres://postgres@127.0.0.1:5432/h_bench \\
        --cases 1000000 [--seed 1] [--reuse] [--synthetic-rows 100000] [--only synthetic]

The database must exist (for PostgreSQL: ``createdb``); it is migrated here. Never point it at
a database holding real data: the generator adds synthetic cases to it.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections import Counter
from collections.abc import Callable, Sequence
from itertools import combinations
from pathlib import Path
from typing import Any


def _setup(database_url: str, data_dir: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("WASPADA_DATA_DIR", data_dir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "waspada.config.settings")
    os.environ["WASPADA_DEMO"] = "1"
    import django

    django.setup()


def _rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _utility_by_definition(
    names: Sequence[str], real: list[list[str]], synth: list[list[str]]
) -> dict[str, Any]:
    """The first version of the utility report: a counter update per row and column pair."""
    scale = len(real) / len(synth) if synth else 0.0
    report: dict[str, Any] = {}
    for width, label in ((1, "one_way"), (2, "two_way")):
        truth: Counter[tuple[Any, ...]] = Counter()
        fake: Counter[tuple[Any, ...]] = Counter()
        for picked in combinations(range(len(names)), width):
            truth.update((picked, tuple(r[i] for i in picked)) for r in real)
            fake.update((picked, tuple(r[i] for i in picked)) for r in synth)
        keys = set(truth) | set(fake)
        errors = [abs(truth[key] - fake[key] * scale) for key in keys]
        report[f"{label}_mae"] = round(sum(errors) / len(errors), 3) if errors else 0.0
    return report


def _timed(function: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Median seconds over ``repeat`` runs, and the Python heap's peak (MiB) of one more."""
    seconds = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        seconds.append(time.perf_counter() - started)
    tracemalloc.start()
    function()
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return statistics.median(seconds), peak


def _synthetic_stages(args: argparse.Namespace, cases: Any) -> None:
    """The synthetic release stage by stage (as ``generate.write_synthetic`` does it), then,
    with ``--repeat N``, the utility report against its plain definition (the first version)."""
    import numpy as np

    from waspada.sharing import ctdc, generate, reference, synthetic

    names = list(reference.get("synthetic_columns"))
    at = [ctdc.columns().index(name) for name in names]
    started = time.perf_counter()
    rng = synthetic.generator()
    sampling = synthetic.sampling_for(
        cases.count(), epsilon=4.0, fit_rows=args.fit_rows or reference.get("synthetic_fit_rows"),
        rng=rng,
    )  # fmt: skip
    coder = synthetic.Coder(len(names))
    chunks, sample = [], []
    for block in generate._blocks(ctdc.records(cases)):
        picked = [[row[i] for i in at] for row in block]
        chunks.append(coder.encode(picked))
        sample.extend(r for r, keep in zip(picked, rng.random(len(picked)) < sampling.rate,
                                           strict=True) if keep)  # fmt: skip
    real_codes = np.concatenate(chunks)
    read = time.perf_counter() - started
    after_read = _rss_mib()
    started = time.perf_counter()
    result = synthetic.synthesize(
        names, sample, epsilon=sampling.epsilon_fit, rows=args.synthetic_rows,
        delta=sampling.delta, reporting_length=reference.get("synthetic_reporting_length"),
    )  # fmt: skip
    synthesize = time.perf_counter() - started
    after_synthesize = _rss_mib()
    started = time.perf_counter()
    report = synthetic.utility_of_codes(coder, real_codes, coder.encode(result.rows))
    utility_seconds = time.perf_counter() - started
    figures: dict[str, Any] = {
        "kind": "synthetic-stages", "rows_real": len(real_codes), "rows_fitted": len(sample),
        "sampling": sampling.summary(), "rows": len(result.rows),
        "read_and_sample_seconds": round(read, 1), "peak_rss_after_read_mib": round(after_read),
        "fit_and_sample_seconds": round(synthesize, 1),
        "peak_rss_after_fit_and_sample_mib": round(after_synthesize),
        "utility_seconds": round(utility_seconds, 2), "utility": report,
    }  # fmt: skip
    if args.repeat:
        real = [[row[i] for i in at] for row in ctdc.records(cases)]
        new, new_peak = _timed(lambda: synthetic.utility(names, real, result.rows), args.repeat)
        old, old_peak = _timed(
            lambda: _utility_by_definition(names, real, result.rows), args.repeat
        )
        figures.update({
            "utility_before_median_seconds": round(old, 2),
            "utility_after_median_seconds": round(new, 2),
            "utility_speedup": round(old / new, 1) if new else None,
            "utility_before_heap_peak_mib": round(old_peak),
            "utility_after_heap_peak_mib": round(new_peak),
        })  # fmt: skip
    print(json.dumps(figures))


def _synthetic_grid(args: argparse.Namespace, cases: Any) -> None:
    """pac-synth's time and the utility report for each ``--grid`` choice of fit sample size
    and reporting length (FIT:LENGTH,...), on one read of the consented rows (held in memory
    here, for the comparison only). Prints one JSON line per choice."""
    import numpy as np

    from waspada.sharing import ctdc, reference, synthetic

    names = list(reference.get("synthetic_columns"))
    at = [ctdc.columns().index(name) for name in names]
    real = [[row[i] for i in at] for row in ctdc.records(cases)]
    coder = synthetic.Coder(len(names))
    real_codes = coder.encode(real)
    for choice in args.grid.split(","):
        fit_rows, length = (int(part) for part in choice.split(":"))
        rng = synthetic.generator()
        sampling = synthetic.sampling_for(len(real), epsilon=4.0, fit_rows=fit_rows, rng=rng)
        keep = np.flatnonzero(rng.random(len(real)) < sampling.rate)
        sample = [real[i] for i in keep]
        started = time.perf_counter()
        result = synthetic.synthesize(
            names, sample, epsilon=sampling.epsilon_fit, rows=args.synthetic_rows,
            delta=sampling.delta, reporting_length=length,
        )  # fmt: skip
        seconds = time.perf_counter() - started
        report = synthetic.utility_of_codes(coder, real_codes, coder.encode(result.rows))
        print(json.dumps({
            "kind": "synthetic-grid", "fit_rows_max": fit_rows, "reporting_length": length,
            "rows_real": len(real), "rows_fitted": len(sample), "rows": len(result.rows),
            "fit_and_sample_seconds": round(seconds, 1), "peak_rss_mib": round(_rss_mib()),
            "load": round(os.getloadavg()[0], 1), **report,
        }), flush=True)  # fmt: skip


def _child(args: argparse.Namespace) -> None:
    """One measurement; prints a JSON line."""
    _setup(args.database_url, args.data_dir)
    from waspada.cases.models import ConsentKind
    from waspada.sharing import ctdc, generate, reference

    cases = ctdc.cases_for(
        organisation_ids=None, year_from=2000, year_to=2100, kind=ConsentKind.STATISTICS
    )
    baseline = _rss_mib()
    if args.child == "synthetic-stages":
        _synthetic_stages(args, cases)
        return
    if args.child == "synthetic-grid":
        _synthetic_grid(args, cases)
        return
    out = Path(args.data_dir) / f"bench-{args.child}.csv"
    started = time.perf_counter()
    if args.child == "ctdc":
        summary = generate.write_ctdc(cases, out, k=11, qis=list(reference.get("qi_default")))
        rows = summary["rows_written"]
        extra = {key: summary[key] for key in ("rows_in", "rows_suppressed", "rows_generalised",
                                                "steps")}  # fmt: skip
    else:
        summary = generate.write_synthetic(
            cases, out, epsilon=4.0, rows=args.synthetic_rows, fit_rows=args.fit_rows
        )
        rows = summary["rows_written"]
        extra = {key: summary[key] for key in ("rows_real", "rows_fitted", "sampling",
                                                "reporting_length", "utility")}  # fmt: skip
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
    parser.add_argument(
        "--repeat", type=int, default=0, help="runs of the utility report against its definition"
    )
    parser.add_argument("--fit-rows", type=int, help="bound of the synthesizer's fit sample")
    parser.add_argument(
        "--grid",
        default="10000:2,20000:2,50000:2,20000:3",
        help="FIT_ROWS:REPORTING_LENGTH choices compared by --only synthetic-grid",
    )
    parser.add_argument(
        "--only", choices=["ctdc", "synthetic", "synthetic-grid"], help="measure one release"
    )
    parser.add_argument(
        "--child",
        choices=["ctdc", "synthetic", "synthetic-stages", "synthetic-grid"],
        help=argparse.SUPPRESS,
    )
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
    kinds = {
        "ctdc": ["ctdc"], "synthetic": ["synthetic", "synthetic-stages"],
        "synthetic-grid": ["synthetic-grid"],
    }  # fmt: skip
    chosen = kinds[args.only] if args.only else [*kinds["ctdc"], *kinds["synthetic"]]
    for kind in chosen:
        command = [sys.executable, __file__, "--database-url", args.database_url,
                   "--data-dir", args.data_dir, "--synthetic-rows", str(args.synthetic_rows),
                   "--repeat", str(args.repeat), "--grid", args.grid, "--child", kind]  # fmt: skip
        if args.fit_rows:
            command += ["--fit-rows", str(args.fit_rows)]
        result = subprocess.run(command, capture_output=True, text=True, check=True)
        lines = [line for line in result.stdout.splitlines() if line.startswith("{")]
        print("\n".join(lines if kind == "synthetic-grid" else lines[-1:]))


if __name__ == "__main__":
    main()
