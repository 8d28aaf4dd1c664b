"""``waspada demo`` (the small fixed demo set) and ``waspada demo-data --cases N --seed S``
(synthetic demo data at scale)."""

from __future__ import annotations

import argparse
from typing import Any


def add_parsers(subparsers: Any, setup: Any) -> None:
    subparsers.add_parser(
        "demo", help="migrate the database and load demo organisations and users (idempotent)"
    ).set_defaults(func=lambda args: _demo(args, setup))

    parser = subparsers.add_parser(
        "demo-data",
        help=(
            "generate realistic, clearly synthetic cases for the last three full years and "
            "this one (demo and benchmarks)"
        ),
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
    from waspada.demodata import commands  # needs Django set up: imported after it

    return commands.demo_data(args)


def _demo(args: argparse.Namespace, setup: Any) -> int:
    setup()
    from django.conf import settings
    from django.core.management import call_command

    from waspada.demodata.seed_accounts import DEMO_PASSWORD, DEMO_USERS, demo_load
    from waspada.demodata.seed_cases import demo_cases_load
    from waspada.demodata.seed_evidence import demo_evidence_load
    from waspada.demodata.seed_legal import demo_legal_load
    from waspada.demodata.seed_reports import demo_reports_load
    from waspada.demodata.seed_sharing import demo_agreements_load
    from waspada.demodata.seed_trainings import demo_trainings_load

    call_command("migrate", interactive=False, verbosity=0)
    created_orgs, created_users = demo_load()
    created_cases = demo_cases_load()
    created_legal = demo_legal_load()
    created_trainings = demo_trainings_load()
    created_evidence = demo_evidence_load()
    created_reports = demo_reports_load()
    created_agreements = demo_agreements_load()
    print(
        f"Demo data ready ({created_orgs} organisations, {created_users} users, "
        f"{created_cases} cases, {created_legal} legal cases, {created_evidence} evidence items, "
        f"{created_trainings} trainings, {created_reports} public reports and "
        f"{created_agreements} data-sharing agreements created)."
    )
    print(f"Demo logins (password '{DEMO_PASSWORD}'):")
    for demo in DEMO_USERS:
        print(f"  {demo.username:<10} {demo.role.value:<18} {demo.organisation}")
    if not settings.DEMO_MODE:
        print("Note: demo accounts can only log in when WASPADA_DEMO=1 is set.")
    return 0
