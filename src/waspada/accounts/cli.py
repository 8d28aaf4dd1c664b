"""``waspada token create|list|revoke`` and ``waspada permissions``."""

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
    create.add_argument("--days", type=int, default=None, help="lifetime (default 90)")
    create.set_defaults(func=lambda args: _token_create(args, setup))
    listing = token.add_parser("list", help="list USERNAME's tokens (never the tokens)")
    listing.add_argument("username")
    listing.set_defaults(func=lambda args: _token_list(args, setup))
    revoke = token.add_parser("revoke", help="end a token (by prefix) or all of a user's")
    revoke.add_argument("prefix", nargs="?", help="the token's first 10 characters")
    revoke.add_argument("--user", help="end every live token of this user")
    revoke.set_defaults(func=lambda args: _token_revoke(args, setup))

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
    if args.days is not None and args.days < 1:
        print("waspada: --days must be at least 1", file=sys.stderr)
        return 2
    print(token_create(user=user, name=args.name, days=args.days))
    return 0


def _token_list(args: argparse.Namespace, setup: Any) -> int:
    setup()
    from django.utils import timezone

    from waspada.accounts.models import ApiToken

    now = timezone.now()
    for token in ApiToken.objects.filter(user__username=args.username).order_by("created_at"):
        state = (
            f"revoked {token.revoked_at:%Y-%m-%d} ({token.revoked_reason})"
            if token.revoked_at
            else ("expired" if token.expires_at <= now else "live")
        )
        used = f"{token.last_used_at:%Y-%m-%d %H:%M}" if token.last_used_at else "never"
        print(
            f"{token.prefix}\t{token.name}\texpires {token.expires_at:%Y-%m-%d}\t"
            f"last used {used} {token.last_used_ip or ''}\t{state}"
        )
    return 0


def _token_revoke(args: argparse.Namespace, setup: Any) -> int:
    setup()
    from waspada.accounts.models import ApiToken, User
    from waspada.accounts.services import token_revoke, tokens_revoke_all

    if args.user:
        user = User.objects.filter(username=args.user).first()
        if user is None:
            print(f"waspada: no user named {args.user!r}", file=sys.stderr)
            return 1
        count = tokens_revoke_all(user=user, reason="revoked_by_operator")
        print(f"{count} token(s) revoked")
        return 0
    if not args.prefix:
        print("waspada: give a token prefix or --user USERNAME", file=sys.stderr)
        return 2
    matches = list(ApiToken.objects.filter(prefix=args.prefix, revoked_at__isnull=True))
    if len(matches) != 1:
        print(f"waspada: {len(matches)} live tokens with prefix {args.prefix!r}", file=sys.stderr)
        return 1
    token_revoke(api_token=matches[0], reason="revoked_by_operator")
    print("1 token revoked")
    return 0


def _permissions(args: argparse.Namespace, setup: Any) -> int:
    setup()
    from waspada.accounts.permissions import matrix_markdown

    print(matrix_markdown(), end="")
    return 0
