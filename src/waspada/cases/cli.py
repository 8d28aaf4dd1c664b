"""``waspada case erase CODE``: erase a person's personal data (administrators only).
``waspada case regions-unmatched``: origins still in free text, for review."""

from __future__ import annotations

import argparse
from typing import Any


def add_parsers(subparsers: Any, setup: Any) -> None:
    case = subparsers.add_parser("case", help="victims' cases")
    actions = case.add_subparsers(dest="case_command", metavar="ACTION", required=True)
    erase = actions.add_parser(
        "erase",
        help="erase the personal data of the person in case CODE (destroys their data key)",
        description=(
            "Destroys the person's data key: their personal data becomes unreadable for good, "
            "while de-identified statistics and the audit trail remain. Cannot be undone."
        ),
    )
    erase.add_argument("code", help="case code, e.g. WSP-2026-7F3K9Q")
    erase.add_argument("--by", required=True, metavar="USERNAME", help="the administrator")
    erase.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    erase.add_argument(
        "--only-this",
        action="store_true",
        help="erase this case only, not the other cases of the same person it lists",
    )
    erase.set_defaults(func=lambda args: _erase(args, setup))
    unmatched = actions.add_parser(
        "regions-unmatched",
        help="list provinces/regencies of origin that are not Kemendagri codes yet",
        description=(
            "Free text that the migration to Kemendagri codes could not match to one province "
            "or regency, with how many people carry it: fix them on the case's edit page."
        ),
    )
    unmatched.set_defaults(func=lambda args: _unmatched(args, setup))
    index = actions.add_parser(
        "index-names",
        help="(re)build the blind indexes of name words, for search by part of a name",
    )
    index.set_defaults(func=lambda args: _index_names(args, setup))


def _unmatched(args: argparse.Namespace, setup: Any) -> int:
    setup()
    from waspada.cases import commands  # needs Django set up: imported after it

    return commands.regions_unmatched(args)


def _index_names(args: argparse.Namespace, setup: Any) -> int:
    setup()
    from waspada.cases import commands

    return commands.index_names(args)


def _erase(args: argparse.Namespace, setup: Any) -> int:
    setup()
    from waspada.cases import commands  # needs Django set up: imported after it

    return commands.erase(args)
