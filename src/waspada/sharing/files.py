"""Release files: written atomically (a temporary file in the same folder, fsynced, renamed
into place), so an interrupted export leaves nothing behind, and hashed as they are written."""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from django.conf import settings

CHUNK = 1 << 20


@dataclass(frozen=True)
class Written:
    path: Path
    sha256: str
    size: int


def release_dir() -> Path:
    folder = Path(settings.SHARING_RELEASE_DIR)
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    return folder


@contextlib.contextmanager
def atomic_file(target: Path) -> Iterator[IO[bytes]]:
    """Yield a binary handle; on success the file appears at ``target`` whole, on any error
    (including KeyboardInterrupt) the temporary file is removed and nothing appears."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, 0o600)
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
        raise


def digest(path: Path) -> Written:
    sha = hashlib.sha256()
    size = 0
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            sha.update(chunk)
            size += len(chunk)
    return Written(path, sha.hexdigest(), size)


def remove_leftovers(target: Path, *, keep: Path | None = None) -> int:
    """Remove the hidden files earlier attempts at ``target`` left behind when their process
    was killed (no ``finally`` runs then): ``.NAME.*`` next to it, except ``keep``. Call it
    while holding the lock of the one attempt that may place ``target`` (the release row's);
    an attempt still running elsewhere has lost that race and fails when its file is gone.
    Returns how many were removed."""
    removed = 0
    # an attempt file ".NAME.<token>.attempt" and its own temporary "..NAME.<token>.attempt…"
    leftovers = [
        *target.parent.glob(f".{target.name}.*"),
        *target.parent.glob(f"..{target.name}.*"),
    ]
    for leftover in leftovers:
        if leftover == keep:
            continue
        with contextlib.suppress(FileNotFoundError):
            leftover.unlink()
            removed += 1
    return removed


def remove(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        path.unlink()
