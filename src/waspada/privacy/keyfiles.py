"""Running processes pick up a rotated key ring without a restart.

Settings read the master keys once at start-up. ``waspada keys rotate --generate`` (another
process) then writes a new current key and moves the old one to the previous keys, and
re-wraps every data key under the new one. A web process that kept its start-up key ring
could not unwrap those keys any more, and would keep wrapping new ones under the old key.

So the key ring's files (``settings.MASTER_KEY_FILES``) are watched: each use of the key ring
compares their ``stat`` (two system calls, a few microseconds) with what was loaded, and
re-reads them when they changed. A data key wrapped under an unknown key id also forces a
re-read (``keyring(reload=True)``), for files replaced without a visible ``stat`` change.
Keys given in the environment itself cannot change in a running process: rotating those needs
a restart, as documented.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path

from waspada.privacy.crypto import CryptoError, Keyring, split_key_list

logger = logging.getLogger(__name__)

Texts = tuple[str, tuple[str, ...]]  # current key, previous keys (base64 text)
Paths = tuple[Path | None, Path | None]
Signature = tuple[tuple[int, int, int] | None, ...]


@dataclass(frozen=True)
class _Loaded:
    base: Texts  # what the settings said when this was loaded
    signature: Signature
    texts: Texts | None  # from the files; None: the settings are current


_state: _Loaded | None = None


def _signature(paths: Paths) -> Signature:
    marks: list[tuple[int, int, int] | None] = []
    for path in paths:
        try:
            info = os.stat(path) if path is not None else None
        except OSError:
            info = None
        marks.append((info.st_mtime_ns, info.st_size, info.st_ino) if info else None)
    return tuple(marks)


def _read(paths: Paths, base: Texts) -> Texts:
    """The key ring in the files; raises OSError or CryptoError while they are unreadable."""
    current_path, previous_path = paths
    current = base[0]
    if current_path is not None:
        current = current_path.read_text(encoding="utf-8").strip()
    previous = base[1]
    if previous_path is not None:
        previous = (
            tuple(split_key_list(previous_path.read_text(encoding="utf-8")))
            if previous_path.exists()
            else ()
        )
    Keyring.from_text(current, previous)  # validates every key
    return current, previous


def current_texts(base: Texts, paths: Paths, *, reload: bool = False) -> Texts:
    """The newest key ring: the settings' ``base``, or the files when they changed since.

    Settings changed in the process (a test, or the rotating command itself) win over files
    read earlier. A file caught half-written is ignored until the next use.
    """
    global _state
    state = _state
    signature = _signature(paths)
    if state is None or state.base != base:
        # First use (the files may have been rotated since start-up) or new settings.
        state = _Loaded(base, (), None) if state is None else _Loaded(base, signature, None)
    if reload or signature != state.signature:
        try:
            texts = _read(paths, base)
        except (OSError, CryptoError) as exc:
            # Tried again when the files change once more (or a key id is unknown).
            logger.warning("the master key files cannot be read (%s); keeping the key ring",
                           type(exc).__name__)  # fmt: skip
            state = _Loaded(base, signature, state.texts)
        else:
            if state.signature and texts != (state.texts or base):
                logger.info("master keys changed on disk: key ring reloaded")
            state = _Loaded(base, signature, None if texts == base else texts)
    _state = state
    return state.texts or base
