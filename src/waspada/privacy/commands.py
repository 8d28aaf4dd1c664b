"""Bodies of the ``waspada keys`` commands. Imported by ``cli`` only after Django is set up,
so models and services of other apps are imported here at module level."""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from django.conf import settings
from django.db.models import Count

from waspada.audit import services as audit
from waspada.privacy.crypto import PREVIOUS_KEYS_FILE, generate_master_key
from waspada.privacy.models import DataKey
from waspada.privacy.services import keyring, keys_rotate


def status(args: argparse.Namespace) -> int:
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


def rotate(args: argparse.Namespace) -> int:
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
