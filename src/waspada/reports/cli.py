"""``waspada reports rebuild-facts``: recompute the dashboard's statistics rows.

Needed only after data reached the database without the application (a restore from an
older backup, hand-written SQL): everything the application writes keeps them current.
"""

from __future__ import annotations

import argparse
from typing import Any


def add_parsers(subparsers: Any, setup: Any) -> None:
    parser = subparsers.add_parser("reports", help="dashboard and report maintenance")
    commands = parser.add_subparsers(dest="reports_command", required=True)
    rebuild = commands.add_parser(
        "rebuild-facts",
        help="recompute the statistics row of every case from the source tables",
    )
    rebuild.set_defaults(func=lambda args: _rebuild(args, setup))


def _rebuild(args: argparse.Namespace, setup: Any) -> int:
    setup()
    from waspada.reports import commands  # needs Django set up: imported after it

    return commands.rebuild_facts(args)
