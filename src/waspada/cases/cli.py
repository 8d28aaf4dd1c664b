"""``waspada case erase CODE``: erase a person's personal data (administrators only)."""

from __future__ import annotations

import argparse
import sys
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
    erase.set_defaults(func=lambda args: _erase(args, setup))


def _erase(args: argparse.Namespace, setup: Any) -> int:
    setup()
    from django.core.exceptions import PermissionDenied

    from waspada.accounts.models import User
    from waspada.cases.models import Case
    from waspada.cases.services import case_erase

    admin = User.objects.filter(username=args.by).first()
    case = Case.objects.select_related("person__data_key").filter(code=args.code).first()
    if admin is None or case is None:
        print(f"waspada: unknown {'user' if admin is None else 'case'}", file=sys.stderr)
        return 1
    if case.person.erased_at is not None:
        print(f"{case.code}: personal data was already erased.")
        return 0
    if not args.yes:
        if not sys.stdin.isatty():
            print(
                "waspada: refusing to erase without --yes (no terminal to confirm)", file=sys.stderr
            )
            return 2
        answer = input(f"Type {case.code} to erase its personal data for good: ")
        if answer.strip() != case.code:
            print("Not erased.")
            return 1
    try:
        case_erase(actor=admin, case=case)
    except PermissionDenied:
        print(f"waspada: {args.by} is not an administrator", file=sys.stderr)
        return 1
    print(f"{case.code}: personal data erased; statistics kept.")
    return 0
