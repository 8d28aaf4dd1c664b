"""``waspada demo-data --cases N --seed S [--if-empty]``: synthetic demo data at scale."""

from __future__ import annotations

import argparse
import sys
from typing import Any


def add_parsers(subparsers: Any, setup: Any) -> None:
    parser = subparsers.add_parser(
        "demo-data",
        help="generate realistic, clearly synthetic cases for 2021-2024 (demo and benchmarks)",
        description=(
            "Generate N synthetic victims' cases with organisations, demo users, consents, "
            "identification, assistance, referrals, repatriation, legal cases, trainings, "
            "campaigns and screening counts. The same seed gives the same data. Refuses to "
            "run on a database with real (non-demo) user accounts unless --force is given."
        ),
    )
    parser.add_argument("--cases", type=int, default=2_000, help="how many cases (default 2000)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument(
        "--if-empty",
        action="store_true",
        help="do nothing when cases other than the small fixed demo set already exist",
    )
    parser.add_argument(
        "--force", action="store_true", help="run even though real user accounts exist"
    )
    parser.set_defaults(func=lambda args: _generate(args, setup))


def _generate(args: argparse.Namespace, setup: Any) -> int:
    setup()
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    from waspada.accounts.demo import DEMO_USERS
    from waspada.accounts.models import User
    from waspada.cases.models import Case
    from waspada.demodata.generator import demo_data_generate
    from waspada.demodata.progress import Progress

    if args.cases < 0:
        print("waspada: --cases must be zero or more", file=sys.stderr)
        return 2
    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        print(
            "waspada: the database has unapplied migrations; run `waspada demo` or "
            "`waspada manage migrate` first.",
            file=sys.stderr,
        )
        return 2
    fixed_demo = [demo.username for demo in DEMO_USERS]
    if args.if_empty and Case.objects.exclude(created_by__username__in=fixed_demo).exists():
        print("Cases already exist: no demo data generated (--if-empty).")
        return 0
    if not args.force and User.objects.filter(is_demo=False).exists():
        print(
            "waspada: this database has real (non-demo) user accounts; refusing to add "
            "synthetic cases to it (use --force if you really mean it).",
            file=sys.stderr,
        )
        return 0 if args.if_empty else 2  # `make run` goes on serving what is there
    result = demo_data_generate(
        cases=args.cases, seed=args.seed, on_progress=Progress(args.cases, label="cases")
    )
    rows = sum(result.rows.values())
    print(
        f"Generated {result.cases:,} synthetic cases ({rows:,} rows) with seed {result.seed} "
        f"in {result.seconds:.1f} s. Demo users are named demo.<organisation>.<role> and "
        "log in with the demo password when WASPADA_DEMO=1."
    )
    return 0
