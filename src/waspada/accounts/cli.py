"""``waspada token create`` and ``waspada permissions``."""

from __future__ import annotations

import argparse
import sys
from typing import Any


def add_parsers(subparsers: Any, setup: Any) -> None:
    token = subparsers.add_parser("token", help="API tokens").add_subparsers(
        dest="token_command", metavar="ACTION", required=True
    )
    create = token.add_parser("create", help="print a new API token for USERNAME")
    create.add_argument("username")
    create.add_argument("--name", default="cli", help="a label for the token")
    create.set_defaults(func=lambda args: _token_create(args, setup))

    subparsers.add_parser(
        "permissions", help="print the role permission matrix as Markdown"
    ).set_defaults(func=lambda args: _permissions(args, setup))


def _token_create(args: argparse.Namespace, setup: Any) -> int:
    setup()
    from waspada.accounts.models import User
    from waspada.accounts.services import token_create

    user = User.objects.filter(username=args.username).first()
    if user is None:
        print(f"waspada: no user named {args.username!r}", file=sys.stderr)
        return 1
    print(token_create(user=user, name=args.name))
    return 0


def _permissions(args: argparse.Namespace, setup: Any) -> int:
    setup()
    from waspada.accounts.permissions import matrix_markdown

    print(matrix_markdown(), end="")
    return 0
