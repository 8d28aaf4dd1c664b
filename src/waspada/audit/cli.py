"""``waspada audit``: verify the chain against its latest anchor, write an anchor."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any


def add_parsers(subparsers: Any, setup: Any) -> None:
    audit = subparsers.add_parser("audit", help="audit trail").add_subparsers(
        dest="audit_command", metavar="ACTION", required=True
    )
    verify = audit.add_parser(
        "verify",
        help="walk the keyed hash chain against the latest anchor; exit 1 naming the first "
        "altered row",
    )
    verify.add_argument(
        "--anchor", metavar="FILE",
        help="anchors to compare with (default: the anchor file written automatically, "
        "$WASPADA_AUDIT_ANCHORS)",
    )  # fmt: skip
    verify.set_defaults(func=lambda args: _verify(args, setup))
    audit.add_parser(
        "anchor",
        help="append the chain's head (signed) to the anchor file and print it as JSON",
    ).set_defaults(func=lambda args: _anchor(args, setup))


def verify_report(path: Path | None = None) -> int:
    """Verify against the latest anchor of ``path`` and print the outcome; the exit code."""
    from waspada.audit.anchors import anchor_file
    from waspada.audit.services import verify_latest

    source = path or anchor_file()
    if path is not None and not path.is_file():
        print(f"waspada: cannot read the anchor file: {path} does not exist", file=sys.stderr)
        return 2
    try:
        outcome = verify_latest(path)
    except OSError as exc:
        print(f"waspada: cannot read the anchor file: {exc.strerror}", file=sys.stderr)
        return 2
    except ValueError as exc:
        print(f"waspada: {source} is not an anchor: {exc}", file=sys.stderr)
        return 2
    result, anchor = outcome.result, outcome.anchor
    if outcome.forged_anchors:
        print(
            f"Audit anchors FORGED: {outcome.forged_anchors} line(s) of {source} do not "
            "authenticate under the audit key.",
            file=sys.stderr,
        )
    if not result.ok:
        print(
            f"Audit trail BROKEN at event seq={result.bad_seq} (id={result.bad_id}): "
            f"{result.reason}. {result.checked} events before it are intact.",
            file=sys.stderr,
        )
        return 1
    if anchor is None:
        print(
            f"warning: no anchor in {source}: rows deleted from the end, and a chain rewritten "
            "whole with unkeyed hashes, cannot be detected.",
            file=sys.stderr,
        )
    against = f", up to the anchor's seq={anchor.seq}" if anchor else ""
    print(f"Audit trail intact: {result.checked} events checked{against}.")
    return 1 if outcome.forged_anchors else 0


def _verify(args: argparse.Namespace, setup: Any) -> int:
    setup()
    return verify_report(Path(args.anchor) if args.anchor else None)


def _anchor(args: argparse.Namespace, setup: Any) -> int:
    setup()
    from waspada.audit.anchors import anchor_write

    written = anchor_write(reason="manual")
    if written is None:
        print("waspada: the audit trail is empty: nothing to anchor", file=sys.stderr)
        return 1
    print(written.to_json())
    return 0
