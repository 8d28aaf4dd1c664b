"""``waspada evidence verify``: re-hash every stored evidence file."""

from __future__ import annotations

import argparse
import sys
import time
from typing import Any

PROGRESS_SECONDS = 5.0


def add_parsers(subparsers: Any, setup: Any) -> None:
    evidence = subparsers.add_parser("evidence", help="the evidence vault")
    actions = evidence.add_subparsers(dest="evidence_command", metavar="ACTION", required=True)
    verify = actions.add_parser(
        "verify",
        help="decrypt and re-hash every stored item; exit 1 if any does not match",
        description=(
            "Decrypt and re-hash every evidence item, compare with the SHA-256 stored at "
            "upload, and print one line per item that is missing, unreadable or altered. "
            "Each check is recorded in the item's chain of custody."
        ),
    )
    verify.add_argument("--quiet", action="store_true", help="no progress lines")
    verify.set_defaults(func=lambda args: verify_command(args, setup))


def verify_command(args: argparse.Namespace, setup: Any) -> int:
    setup()
    from waspada.evidence.models import EvidenceItem
    from waspada.evidence.services import item_verify
    from waspada.evidence.storage import sweep_partials

    items = EvidenceItem.objects.select_related("legal_case", "case", "data_key").order_by("pk")
    total = items.count()
    bad = 0
    last_progress = time.monotonic()
    for done, item in enumerate(items.iterator(chunk_size=200), start=1):
        problem = item_verify(actor=None, item=item)
        if problem:
            bad += 1
            print(f"BAD item {item.pk} (case {item.case_code}): {problem}")
        if not args.quiet and time.monotonic() - last_progress >= PROGRESS_SECONDS:
            print(f"... {done}/{total} checked, {bad} bad", file=sys.stderr)
            last_progress = time.monotonic()
    sweep_partials()
    if bad:
        print(f"{bad} of {total} evidence items FAILED verification.", file=sys.stderr)
        return 1
    print(f"All {total} evidence items verified: content matches the stored SHA-256.")
    return 0
