"""``waspada keys``: master-key status and rotation."""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any


def add_parsers(subparsers: Any, setup: Any) -> None:
    keys = subparsers.add_parser("keys", help="encryption keys of personal data")
    actions = keys.add_subparsers(dest="keys_command", metavar="ACTION", required=True)
    status = actions.add_parser("status", help="how many data keys each master key wraps")
    status.set_defaults(func=lambda args: _status(args, setup))
    rotate = actions.add_parser(
        "rotate",
        help="re-wrap every data key under the current master key (no downtime)",
        description=(
            "Re-wrap every data key under the current master key. With keys from the "
            "environment: set WASPADA_MASTER_KEY to the new key and WASPADA_MASTER_KEY_PREVIOUS "
            "to the old one everywhere, restart, then run this. With keys generated into the "
            "data folder, --generate makes the new key and keeps the old one as previous."
        ),
    )
    rotate.add_argument(
        "--generate",
        action="store_true",
        help="generate a new master key in the data folder first (embedded setups)",
    )
    rotate.set_defaults(func=lambda args: _rotate(args, setup))
    actions.add_parser("generate", help="print a new random master key").set_defaults(
        func=_generate
    )


def _generate(args: argparse.Namespace) -> int:
    from waspada.privacy.crypto import generate_master_key

    print(generate_master_key())
    return 0


def _status(args: argparse.Namespace, setup: Any) -> int:
    setup()
    from django.db.models import Count

    from waspada.privacy.models import DataKey
    from waspada.privacy.services import keyring

    current = keyring().current_id
    print(f"current master key id: {current}")
    rows = (
        DataKey.objects.filter(destroyed_at__isnull=True)
        .values("master_key_id")
        .annotate(n=Count("id"))
        .order_by("master_key_id")
    )
    for row in rows:
        marker = " (current)" if row["master_key_id"] == current else " (needs rotation)"
        print(f"  {row['master_key_id']}: {row['n']} data keys{marker}")
    print(f"  destroyed (erased): {DataKey.objects.filter(destroyed_at__isnull=False).count()}")
    return 0


def _rotate(args: argparse.Namespace, setup: Any) -> int:
    setup()
    from django.conf import settings

    from waspada.audit import services as audit
    from waspada.privacy.services import keys_rotate

    if args.generate:
        if os.environ.get("WASPADA_MASTER_KEY") or os.environ.get("WASPADA_MASTER_KEY_FILE"):
            print(
                "waspada: the master key comes from the environment; set the new key there "
                "(and the old one in WASPADA_MASTER_KEY_PREVIOUS) instead of --generate",
                file=sys.stderr,
            )
            return 2
        _generate_into_data_dir(settings)
    result = keys_rotate()
    audit.record(
        "privacy.keys.rotated",
        details={"rewrapped": result.rewrapped, "key_id": result.current_key_id},
    )
    print(
        f"Re-wrapped {result.rewrapped} data keys under master key {result.current_key_id} "
        f"({result.already_current} already current, {result.destroyed} destroyed)."
    )
    return 0


def _generate_into_data_dir(settings: Any) -> None:
    """Keep the old key as 'previous' and write a new current key, both mode 600."""
    from waspada.config.env import PREVIOUS_KEYS_FILE
    from waspada.privacy.crypto import generate_master_key

    key_dir = settings.DATA_DIR / "keys"
    previous = key_dir / PREVIOUS_KEYS_FILE
    old = settings.MASTER_KEY
    # Each file is replaced whole (never seen half-written by a running server), the
    # previous keys first: a server reading in between still finds the old key.
    earlier = previous.read_text(encoding="utf-8") if previous.exists() else ""
    _replace(previous, earlier + old + "\n")
    new = generate_master_key()
    current = key_dir / "waspada_master_key"
    _replace(current, new + "\n")
    settings.MASTER_KEY = new
    settings.MASTER_KEYS_PREVIOUS = [*settings.MASTER_KEYS_PREVIOUS, old]
    print(f"New master key written to {current}; the old one is kept in {previous}.")


def _replace(path: Any, text: str) -> None:
    tmp = path.with_suffix(".new")
    tmp.unlink(missing_ok=True)
    with open(tmp, "w", encoding="utf-8", opener=_private) as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    tmp.replace(path)


def _private(path: str, flags: int) -> int:
    return os.open(path, flags, 0o600)
