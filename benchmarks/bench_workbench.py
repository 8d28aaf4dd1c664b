"""Benchmark of the staff workbench: p50/p95 of the page (``/dasbor/``, through Django's test
Client against the real database) and of ``sections_for`` alone, for the busiest supervisor
(the organisation holding the most cases) and one of its caseworkers.
Target (issue 14): p95 < 300 ms for the busiest supervisor at 1,000,000 cases on PostgreSQL.

    python benchmarks/bench_workbench.py --database-url postgres://postgres@127.0.0.1:5432/wb \\
        --cases 100000 [--seed 1] [--reuse] [--runs 30]

The database must exist; it is migrated here and synthetic cases are added to it (never point
it at real data). Uses the same generator and helpers as ``bench_scale.py``.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from bench_scale import _machine, _setup, _timed  # noqa: E402

TARGET_MS = 300


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--reuse", action="store_true", help="skip generation if data is there")
    parser.add_argument(
        "--sections", action="store_true",
        help="also time each section of the supervisor (count and first items) and EXPLAIN "
        "ANALYZE the slowest three on PostgreSQL",
    )  # fmt: skip
    parser.add_argument("--data-dir", default=os.path.join(tempfile.gettempdir(), "waspada-bench"))
    args = parser.parse_args(argv)
    os.makedirs(args.data_dir, exist_ok=True)
    _setup(args.database_url, args.data_dir)

    from django.core.management import call_command
    from django.db.models import Count
    from django.test import Client

    from waspada.accounts.models import User
    from waspada.accounts.roles import Role
    from waspada.cases.models import Case
    from waspada.demodata.generator import demo_data_generate
    from waspada.demodata.progress import Progress
    from waspada.ui.workbench import sections_for
    from waspada.workbench.selectors import reads_without_jit

    call_command("migrate", interactive=False, verbosity=0)
    existing = Case.objects.count()
    if args.reuse and existing >= args.cases:
        print(f"Reusing {existing:,} cases.")
    else:
        result = demo_data_generate(
            cases=args.cases, seed=args.seed, on_progress=Progress(args.cases)
        )
        print(f"Generated {args.cases:,} cases in {result.seconds:.1f} s.")
    print("Machine:", _machine())
    busiest = Case.objects.values("organisation_id").annotate(n=Count("pk")).order_by("-n").first()
    assert busiest is not None
    supervisor = User.objects.filter(
        organisation_id=busiest["organisation_id"], role=Role.SUPERVISOR, is_active=True
    ).first()
    caseworker = (
        User.objects.filter(organisation_id=busiest["organisation_id"], role=Role.CASEWORKER)
        .annotate(n=Count("cases"))
        .order_by("-n")
        .first()
    )
    assert supervisor is not None and caseworker is not None
    print(f"Busiest organisation holds {busiest['n']:,} of {Case.objects.count():,} cases; "
          f"supervisor {supervisor.username}, caseworker {caseworker.username}.")  # fmt: skip
    for filled in sections_for(supervisor):
        print(f"  {filled.section.key}: {filled.count:,}")
    if args.sections:  # as the page and the API run them (see ``reads_without_jit``)
        with reads_without_jit():
            _per_section(supervisor, max(5, args.runs // 3))
    rows = []
    for user in (supervisor, caseworker):
        client = Client()
        client.force_login(user)

        def page(client: Client = client) -> None:
            response = client.get("/dasbor/")
            assert response.status_code == 200, response.status_code

        rows.append(_timed(f"workbench page ({user.role})", args.runs, page))

        def sections(user: User = user) -> None:
            with reads_without_jit():
                sections_for(user)

        rows.append(_timed(f"sections_for ({user.role})", args.runs, sections))
    print(f"{'measure':40} {'runs':>5} {'p50 ms':>9} {'p95 ms':>9}")
    for label, runs, p50, p95 in rows:
        flag = "  over target" if "supervisor" in label and p95 > TARGET_MS else ""
        print(f"{label:40} {runs:>5} {p50:>9.1f} {p95:>9.1f}{flag}")
    return 0


def _per_section(user: object, runs: int) -> None:
    """p50/p95 of each section's count and first five items, slowest first."""
    from django.db import connection
    from django.db.models import QuerySet

    from waspada.ui.workbench import COUNT_CAP, sections

    timed = []
    for section in sections():
        if not section.applies(user):
            continue

        def fill(section: object = section) -> object:
            rows = section.queryset(user)  # type: ignore[attr-defined]
            items = list(rows[:5])
            if isinstance(rows, QuerySet) and len(items) == 5:  # counted as sections_for does
                return rows.order_by()[: COUNT_CAP + 1].count()
            return items

        timed.append((*_timed(section.key, runs, fill), section))
    timed.sort(key=lambda row: -row[3])
    print(f"{'section (supervisor)':40} {'runs':>5} {'p50 ms':>9} {'p95 ms':>9}")
    for label, n, p50, p95, _section in timed:
        print(f"{label:40} {n:>5} {p50:>9.1f} {p95:>9.1f}")
    if connection.vendor != "postgresql":
        return
    for label, _n, _p50, _p95, section in timed[:3]:
        rows = section.queryset(user)
        if not isinstance(rows, QuerySet):
            continue
        for kind, query in (("count", rows.order_by()), ("first five", rows[:5])):
            if kind == "count":
                query = query[: COUNT_CAP + 1]
            sql, params = query.query.sql_with_params()
            if kind == "count":
                sql = f"SELECT count(*) FROM ({sql}) AS counted"
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
                plan = "\n".join(row[0] for row in cursor.fetchall())
            print(f"\n-- {label}, {kind}\n{plan}")


if __name__ == "__main__":
    sys.exit(main())
