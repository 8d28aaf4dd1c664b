"""Where encrypted evidence files live: ``DATA_DIR/evidence/<random name>``.

A file is written under ``.partial/`` first and moved into place (an atomic rename on the
same file system) only once its database row is committed, so an interrupted upload never
leaves a half-stored item. Only ciphertext is ever written here.
"""

from __future__ import annotations

import logging
import os
import secrets
import time
from pathlib import Path

from django.conf import settings

logger = logging.getLogger(__name__)

PARTIAL = ".partial"


def root() -> Path:
    path = Path(settings.DATA_DIR) / "evidence"
    path.mkdir(exist_ok=True, mode=0o700)
    (path / PARTIAL).mkdir(exist_ok=True, mode=0o700)
    return path


def new_name() -> str:
    return secrets.token_hex(16)


def final_path(name: str) -> Path:
    if not name or not all(c in "0123456789abcdef" for c in name):
        raise ValueError("not a storage name")
    return root() / name


def partial_path(name: str) -> Path:
    return root() / PARTIAL / f"{final_path(name).name}.part"


def open_partial(name: str) -> int:
    """A new private (mode 600) file descriptor for the partial file; fails if it exists."""
    return os.open(partial_path(name), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)


def promote(name: str) -> None:
    """Move the partial file into place (called on commit)."""
    try:
        os.replace(partial_path(name), final_path(name))
    except OSError:
        # The row is committed but its file is not where it should be: verification will
        # report the item, and the partial file is kept for an operator to inspect.
        logger.exception("evidence file %s could not be moved into place", name)


def discard_partial(name: str) -> None:
    partial_path(name).unlink(missing_ok=True)


def sweep_partials(*, older_than_seconds: int = 6 * 3600) -> int:
    """Delete partial files left by uploads whose transaction was rolled back or killed."""
    cutoff = time.time() - older_than_seconds
    removed = 0
    for path in (root() / PARTIAL).glob("*.part"):
        if path.stat().st_mtime < cutoff:
            path.unlink(missing_ok=True)
            removed += 1
    return removed
