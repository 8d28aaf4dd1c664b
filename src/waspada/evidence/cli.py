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
            "Each check is recorded in the item's chain of custody. Items whose key was "
            "destroyed (erased with a victim's personal data) cannot be read by design: they "
            "are skipped and counted."
        ),
    )
    verify.add_argument("--quiet", action="store_true", help="no progress lines")
    verify.set_defaults(func=lambda args: verify_command(args, setup))


def verify_command(args: argparse.Namespace, setup: Any) -> int:
    setup()
    from waspada.evidence.models import EvidenceItem
    from waspada.evidence.services import item_erased, item_verify
    from waspada.evidence.storage import sweep_partials

    items = EvidenceItem.objects.select_related("legal_case", "case", "data_key").order_by("pk")
    checked = bad = erased = 0
    last_progress = time.monotonic()
    for item in items.iterator(chunk_size=200):
        if item_erased(item):
            erased += 1  # unreadable by design, for good: no sign of tampering
            continue
        checked += 1
        problem = item_verify(actor=None, item=item)
        if problem:
            bad += 1
            print(f"BAD item {item.pk} (case {item.case_code}): {problem}")
        if not args.quiet and time.monotonic() - last_progress >= PROGRESS_SECONDS:
            print(f"... {checked} checked, {bad} bad, {erased} erased", file=sys.stderr)
            last_progress = time.monotonic()
    sweep_partials()
    skipped = (
        f"{erased} erased item{'' if erased == 1 else 's'} skipped "
        f"({'its key was' if erased == 1 else 'their keys were'} destroyed: "
        "unreadable by design)"
    )
    if bad:
        print(f"{bad} of {checked} evidence items FAILED verification; {skipped}.",
              file=sys.stderr)  # fmt: skip
        return 1
    print(f"All {checked} evidence items verified: content matches the stored SHA-256.")
    if erased:
        print(f"{skipped[0].upper()}{skipped[1:]}.")
    return 0
