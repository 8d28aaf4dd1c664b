"""``waspada export``: HTCDS, CTDC and synthetic releases, the k-anonymity checker and the
privacy-budget ledger. Nothing here needs Django at import time; handlers set it up first."""

from __future__ import annotations

import argparse
from typing import Any


def add_parsers(subparsers: Any, setup: Any) -> None:
    parser = subparsers.add_parser(
        "export", help="data-sharing releases (HTCDS, CTDC, synthetic), k check, budget ledger"
    )
    commands = parser.add_subparsers(dest="export_command", required=True)

    def release(name: str, help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text)
        sub.add_argument("--out", required=True, help="file to write (replaced atomically)")
        sub.add_argument("--agreement", type=int, help="agreement id (demo mode: optional)")
        sub.add_argument(
            "--release",
            type=int,
            help="write the file of this already approved release instead of making a new one",
        )
        sub.add_argument("--years", default="", help="YEAR or FROM-TO of registration")
        sub.set_defaults(func=lambda args: _run(args, setup, name))
        return sub

    release("htcds", "HTCDS 2.0 record export (ZIP of CSV tables), consented cases only")
    ctdc = release("ctdc", "k-anonymous CTDC release (CSV)")
    ctdc.add_argument("--k", type=int, default=None, help="minimum group size (default 11)")
    ctdc.add_argument("--qi", default="", help="quasi-identifiers, comma-separated")
    synthetic = release("synthetic", "differentially private synthetic CTDC table (CSV)")
    synthetic.add_argument("--epsilon", type=float, required=False, help="privacy budget to spend")
    synthetic.add_argument("--rows", type=int, default=None, help="rows to synthesise")

    check = commands.add_parser("check-k", help="check that a CSV file is k-anonymous")
    check.add_argument("file")
    check.add_argument("--k", type=int, default=11)
    check.add_argument(
        "--qi",
        default="year,gender,ageBroad,citizenship,CountryOfExploitation",
        help="quasi-identifiers, comma-separated (year = yearOfRegistration)",
    )
    check.set_defaults(func=lambda args: _run(args, setup, "check-k"))

    ledger = commands.add_parser("ledger", help="show the privacy-budget ledger, or set a total")
    ledger.add_argument("--year", type=int, default=None)
    ledger.add_argument("--organisation", type=int, default=None, help="organisation id")
    ledger.add_argument(
        "--set-total",
        type=str,
        default=None,
        metavar="EPSILON",
        help="append an allocation: the year's total epsilon",
    )
    ledger.set_defaults(func=lambda args: _run(args, setup, "ledger"))


def _run(args: argparse.Namespace, setup: Any, name: str) -> int:
    setup()
    from waspada.sharing import commands  # needs Django set up: imported after it

    handler = {
        "check-k": commands.check_k,
        "ledger": commands.ledger_command,
    }.get(name, commands.release_command)
    return int(handler(args))
