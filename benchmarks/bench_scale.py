"""Benchmark of Waspada at national scale: pages and reports over a million generated cases.

Generates (or reuses) a synthetic dataset with ``waspada.demodata`` and prints p50/p95 over
``--runs`` runs of: the case list page (first page, filtered, as a supervisor, through Django's
test Client against the real database), case search by NIK (the page and the selector), the
3P dashboard for 2021–2023 (page and ``dashboard_figures``, as a programme officer seeing every
organisation), and the annual report PDF. Targets: case list p95 < 300 ms, search by NIK
p95 < 50 ms, dashboard < 1.5 s. Also prints the generation time and the machine.

    python benchmarks/bench_scale.py --database-url postgres://postgres@127.0.0.1:5432/waspada_bench \\
        --cases 1000000 [--seed 1] [--reuse] [--runs 30] [--explain]
    python benchmarks/bench_scale.py --database-url sqlite:////tmp/bench/waspada.sqlite3 --cases 200000

The database must exist (for PostgreSQL: ``createdb``); it is migrated here. Never point it at
a database holding real data: the generator adds synthetic cases to it.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from typing import Any

TARGETS_MS = {"search by NIK (page)": 50, "search by NIK (selector)": 50,
              "dashboard 2021-2023 (page)": 1500, "dashboard 2021-2023 (figures)": 1500,
              "dashboard 2021-2023, one province (page)": 1500}  # fmt: skip
LIST_TARGET_MS = 300  # every "case list (…)" line with a filter


def _setup(database_url: str, data_dir: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("WASPADA_DATA_DIR", data_dir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "waspada.config.settings")
    os.environ["WASPADA_DEMO"] = "1"  # the generated users are demo accounts
    import django

    django.setup()
    from django.conf import settings

    settings.ALLOWED_HOSTS.append("testserver")
    settings.DEBUG = False


def _timed(label: str, runs: int, call: Callable[[], Any]) -> tuple[str, int, float, float]:
    call()  # warm caches and imports; not counted
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    p50 = statistics.median(samples)
    p95 = samples[min(len(samples) - 1, round(0.95 * (len(samples) - 1)))]
    return label, runs, p50, p95


def _machine() -> dict[str, str]:
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
            database = f"PostgreSQL {cursor.fetchone()[0]}"
        else:
            cursor.execute("select sqlite_version()")
            database = f"SQLite {cursor.fetchone()[0]}"
    memory = ""
    with open("/proc/meminfo", encoding="ascii") as handle:
        total_kb = int(handle.readline().split()[1])
        memory = f"{total_kb / 1024 / 1024:.1f} GiB"
    cpu = subprocess.run(["nproc"], capture_output=True, text=True, check=False).stdout.strip()
    return {"cpus": cpu, "memory": memory, "database": database,
            "python": platform.python_version(), "load": str(os.getloadavg()[0])}  # fmt: skip


def _explain(sql_and_params: tuple[str, Any]) -> None:
    from django.db import connection

    sql, params = sql_and_params
    prefix = "EXPLAIN ANALYZE " if connection.vendor == "postgresql" else "EXPLAIN QUERY PLAN "
    with connection.cursor() as cursor:
        cursor.execute(prefix + sql, params)
        for row in cursor.fetchall():
            print("    " + " ".join(str(part) for part in row))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--cases", type=int, default=200_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--pdf-runs", type=int, default=5, help="runs of the annual PDF")
    parser.add_argument("--reuse", action="store_true", help="skip generation if data is there")
    parser.add_argument("--explain", action="store_true", help="print query plans")
    parser.add_argument("--data-dir", default=os.path.join(tempfile.gettempdir(), "waspada-bench"))
    args = parser.parse_args(argv)
    os.makedirs(args.data_dir, exist_ok=True)
    _setup(args.database_url, args.data_dir)

    from django.core.management import call_command
    from django.test import Client

    from waspada.accounts.models import User
    from waspada.cases.models import Case
    from waspada.cases.selectors import CaseFilters, case_list
    from waspada.cases.services import person_personal_data
    from waspada.demodata.generator import demo_data_generate
    from waspada.demodata.progress import Progress

    call_command("migrate", interactive=False, verbosity=0)
    existing = Case.objects.count()
    if args.reuse and existing >= args.cases:
        print(f"Reusing {existing:,} cases.")
    else:
        result = demo_data_generate(
            cases=args.cases, seed=args.seed, on_progress=Progress(args.cases)
        )
        rate = args.cases / result.seconds if result.seconds else 0
        print(f"Generated {args.cases:,} cases ({sum(result.rows.values()):,} rows) in "
              f"{result.seconds:.1f} s ({rate:,.0f} cases/s).")  # fmt: skip
    print("Machine:", _machine())

    supervisor = User.objects.get(username="demo.iom.supervisor")
    programme = User.objects.get(username="demo.iom.program")
    own = Case.objects.filter(organisation_id=supervisor.organisation_id).count()
    print(f"The supervisor's organisation holds {own:,} of {Case.objects.count():,} cases.")
    sample = Case.objects.filter(organisation_id=supervisor.organisation_id).order_by("pk")[0]
    personal = person_personal_data(viewer=supervisor, case=sample)
    nik = personal["nik"]  # type: ignore[index]

    staff = Client()
    staff.force_login(supervisor)
    officer = Client()
    officer.force_login(programme)
    # Several filters, since a plan can be quick for one and slow for another: common
    # combinations, a rare destination, and one that matches nothing (the worst case for a
    # walk along the newest-first index). The page counts the matches, then shows 25.
    list_filters = {
        "case list (status, destination, year)": "status=identification&destination=KH&year=2023",
        "case list (status only)": "status=return",
        "case list (destination, year)": "destination=PH&year=2022",
        "case list (year only)": "year=2021",
        "case list (rare destination)": "destination=LA",
        "case list (matches nothing)": "status=assistance&destination=KH&year=2023",
    }

    def get(client: Client, url: str) -> Callable[[], None]:
        def call() -> None:
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)

        return call

    def search() -> None:
        found = list(case_list(viewer=supervisor, filters=CaseFilters(query=nik))[:25])
        assert found and found[0].pk == sample.pk

    results = [
        *(
            _timed(label, args.runs, get(staff, f"/perlindungan/?{query}"))
            for label, query in list_filters.items()
        ),
        _timed("case list, no filter", args.runs, get(staff, "/perlindungan/")),
        _timed("search by NIK (page)", args.runs, get(staff, f"/perlindungan/?q={nik}")),
        _timed("search by NIK (selector)", args.runs, search),
    ]
    try:
        from waspada.reports.annual import annual_report_pdf
        from waspada.reports.selectors import dashboard_figures
    except ImportError:
        print("The reports app has no dashboard_figures/annual_report_pdf yet: not measured.")
    else:
        filters = {"year_from": 2021, "year_to": 2023}
        dashboard = "/laporan/?year_from=2021&year_to=2023"
        one_province = dashboard + "&province=Jawa+Barat"
        results += [
            _timed("dashboard 2021-2023 (page)", args.runs, get(officer, dashboard)),
            _timed(
                "dashboard 2021-2023, one province (page)", args.runs, get(officer, one_province)
            ),  # fmt: skip
            _timed(
                "dashboard 2021-2023 (figures)",
                args.runs,
                lambda: dashboard_figures(viewer=programme, filters=filters),
            ),  # fmt: skip
            _timed(
                "annual report 2023 (PDF)",
                args.pdf_runs,
                lambda: annual_report_pdf(viewer=programme, year=2023),
            ),  # fmt: skip
        ]
    print(f"\n{'measure':42} {'runs':>5} {'p50 ms':>9} {'p95 ms':>9}  target")
    for label, runs, p50, p95 in results:
        target = TARGETS_MS.get(label, LIST_TARGET_MS if label.startswith("case list (") else None)
        verdict = (
            "" if target is None else f"p95 < {target} ms: {'ok' if p95 < target else 'MISSED'}"
        )
        print(f"{label:42} {runs:>5} {p50:>9.1f} {p95:>9.1f}  {verdict}")

    if args.explain:
        from waspada.cases.forms import FilterForm  # noqa: F401  (the page's own filters)

        filtered = CaseFilters(status="identification", destination="KH", year=2023)
        print("\nPlan of the filtered case list (first page):")
        _explain(case_list(viewer=supervisor, filters=filtered)[:25].query.sql_with_params())
        print("\nPlan of its count:")
        _explain(
            case_list(viewer=supervisor, filters=filtered).values("pk").query.sql_with_params()
        )
        print("\nPlan of the search by NIK:")
        _explain(case_list(viewer=supervisor, filters=CaseFilters(query=nik))[:25]
                 .query.sql_with_params())  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
