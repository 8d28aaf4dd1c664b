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


def new_name() -> str:
    return secrets.token_hex(16)


class FileStore:
    """A private folder of the data folder holding encrypted files named by hex digits. A
    file is written to ``.partial/`` first and moved into place when its row commits, so a
    rolled-back upload leaves no file in the store. Evidence and public reports' attachments
    each have one (and backups take both)."""

    def __init__(self, folder: str) -> None:
        self.folder = folder

    def root(self) -> Path:
        path = Path(settings.DATA_DIR) / self.folder
        path.mkdir(exist_ok=True, mode=0o700)
        (path / PARTIAL).mkdir(exist_ok=True, mode=0o700)
        return path

    def final_path(self, name: str) -> Path:
        if not name or not all(c in "0123456789abcdef" for c in name):
            raise ValueError("not a storage name")
        return self.root() / name

    def partial_path(self, name: str) -> Path:
        return self.root() / PARTIAL / f"{self.final_path(name).name}.part"

    def open_partial(self, name: str) -> int:
        """A new private (mode 600) file descriptor for the partial file; fails if it exists."""
        return os.open(self.partial_path(name), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)

    def promote(self, name: str) -> None:
        """Move the partial file into place (called on commit)."""
        try:
            os.replace(self.partial_path(name), self.final_path(name))
        except OSError:
            # The row is committed but its file is not where it should be: verification will
            # report it, and the partial file is kept for an operator to inspect.
            logger.exception("%s file %s could not be moved into place", self.folder, name)

    def discard_partial(self, name: str) -> None:
        self.partial_path(name).unlink(missing_ok=True)

    def sweep_partials(self, *, older_than_seconds: int = 6 * 3600) -> int:
        """Delete partial files left by uploads whose transaction was rolled back or killed."""
        cutoff = time.time() - older_than_seconds
        removed = 0
        for path in (self.root() / PARTIAL).glob("*.part"):
            if path.stat().st_mtime < cutoff:
                path.unlink(missing_ok=True)
                removed += 1
        return removed

    def is_empty(self) -> bool:
        return not any(entry.name != PARTIAL for entry in self.root().iterdir())


EVIDENCE = FileStore("evidence")
root = EVIDENCE.root
final_path = EVIDENCE.final_path
partial_path = EVIDENCE.partial_path
open_partial = EVIDENCE.open_partial
promote = EVIDENCE.promote
discard_partial = EVIDENCE.discard_partial
sweep_partials = EVIDENCE.sweep_partials
