"""Bodies of the ``waspada demo-data`` commands. Imported by ``cli`` only after Django is set up,
so models and services of other apps are imported here at module level."""

from __future__ import annotations

import argparse
import sys

from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from waspada.accounts.models import User
from waspada.cases.models import Case
from waspada.demodata.generator import demo_data_generate
from waspada.demodata.progress import Progress
from waspada.demodata.seed_accounts import DEMO_USERS
from waspada.intel.rebuild import intel_rebuild
from waspada.intel.sources import count_sources


def demo_data(args: argparse.Namespace) -> int:
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
    # The rows were written without signals: derive recruitment intelligence in one pass.
    intel_rebuild(on_progress=Progress(count_sources(), label="intel sources"))
    rows = sum(result.rows.values())
    print(
        f"Generated {result.cases:,} synthetic cases ({rows:,} rows) with seed {result.seed} "
        f"in {result.seconds:.1f} s. Demo users are named demo.<organisation>.<role> and "
        "log in with the demo password when WASPADA_DEMO=1."
    )
    return 0
