"""``waspada audit verify`` and ``waspada audit anchor``."""

from __future__ import annotations

import argparse
import sys
from typing import Any


def add_parsers(subparsers: Any, setup: Any) -> None:
    audit = subparsers.add_parser("audit", help="audit trail").add_subparsers(
        dest="audit_command", metavar="ACTION", required=True
    )
    verify = audit.add_parser(
        "verify", help="walk the hash chain; exit 1 naming the first altered row"
    )
    verify.add_argument(
        "--anchor", metavar="FILE",
        help="a head exported earlier by 'waspada audit anchor': also detect deleted newest rows",
    )  # fmt: skip
    verify.set_defaults(func=lambda args: _audit_verify(args, setup))
    audit.add_parser(
        "anchor", help="print the chain's head (seq and hash) as JSON, to keep outside the database"
    ).set_defaults(func=lambda args: _audit_anchor(args, setup))


def _audit_verify(args: argparse.Namespace, setup: Any) -> int:
    setup()
    from waspada.audit.services import Anchor, verify

    anchor = None
    if args.anchor:
        try:
            with open(args.anchor, encoding="utf-8") as handle:
                anchor = Anchor.parse(handle.read())
        except OSError as exc:
            print(f"waspada: cannot read the anchor file: {exc.strerror}", file=sys.stderr)
            return 2
        except ValueError as exc:
            print(f"waspada: {args.anchor} is not an anchor: {exc}", file=sys.stderr)
            return 2
    result = verify(anchor)
    if result.ok:
        against = f", up to the anchor's seq={anchor.seq}" if anchor else ""
        print(f"Audit trail intact: {result.checked} events checked{against}.")
        return 0
    print(
        f"Audit trail BROKEN at event seq={result.bad_seq} (id={result.bad_id}): {result.reason}. "
        f"{result.checked} events before it are intact.",
        file=sys.stderr,
    )
    return 1


def _audit_anchor(args: argparse.Namespace, setup: Any) -> int:
    setup()
    from waspada.audit.services import anchor

    head = anchor()
    if head is None:
        print("waspada: the audit trail is empty: nothing to anchor", file=sys.stderr)
        return 1
    print(head.to_json())
    return 0
