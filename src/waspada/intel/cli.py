"""``waspada intel rebuild`` and ``waspada intel lookup VALUE``."""

from __future__ import annotations

import argparse
from typing import Any


def add_parsers(subparsers: Any, setup: Any) -> None:
    parser = subparsers.add_parser("intel", help="recruitment intelligence")
    commands = parser.add_subparsers(dest="intel_command", required=True)
    rebuild = commands.add_parser(
        "rebuild", help="re-extract and re-link every offer, report, case and legal case"
    )
    rebuild.set_defaults(func=lambda args: _run("rebuild", args, setup))
    lookup = commands.add_parser("lookup", help="show the cluster of a number, handle or account")
    lookup.add_argument("value")
    lookup.set_defaults(func=lambda args: _run("lookup", args, setup))


def _run(name: str, args: argparse.Namespace, setup: Any) -> int:
    setup()
    from waspada.intel import commands  # needs Django set up: imported after it

    result: int = getattr(commands, name)(args)
    return result
