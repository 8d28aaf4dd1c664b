"""The erasure ledger: every destroyed data key, recorded in a file outside the database.

Erasure destroys a person's data key in the database. Restoring a backup taken before the
erasure would bring the key back, and with it the person's data. So each destruction is
also appended to this ledger (``WASPADA_ERASURE_LEDGER``, by default next to the keys in the
data folder, mode 600), which a restore re-applies (``waspada backup restore``).

One line of JSON per destroyed key: ``{"seq", "at", "data_key", "prev", "mac"}``, where
``mac`` is an HMAC under the audit key over the entry and the previous entry's ``mac`` (so
lines cannot be removed, reordered or forged unnoticed by anyone without the key). Entries
name data keys by their id only: no personal data. The line is written and synced *inside*
the erasure's transaction, before it commits: if it cannot be written the erasure fails, and
an erasure rolled back after its line was written is re-applied by a restore all the same (it
was asked for by an administrator: erring on the side of the person).
"""

from __future__ import annotations

import base64
import fcntl
import hashlib
import hmac
import json
import os
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings

GENESIS = "0" * 64


@dataclass(frozen=True)
class Entry:
    seq: int
    at: str
    data_key: int
    prev: str
    mac: str = ""

    def expected_mac(self) -> str:
        fields = {k: v for k, v in asdict(self).items() if k != "mac"}
        message = "waspada-erasure-ledger\x1f" + json.dumps(fields, sort_keys=True)
        key = settings.AUDIT_KEY.strip()
        raw = base64.urlsafe_b64decode(key + "=" * (-len(key) % 4))
        return hmac.new(raw, message.encode(), hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class Ledger:
    entries: list[Entry]
    problem: str = ""  # "" when every line is authentic and chained

    @property
    def head(self) -> Entry | None:
        return self.entries[-1] if self.entries else None


def ledger_file() -> Path:
    return Path(settings.ERASURE_LEDGER_FILE)


def _parse(text: str) -> Ledger:
    entries: list[Entry] = []
    prev = GENESIS
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            entry = Entry(int(data["seq"]), str(data["at"]), int(data["data_key"]),
                          str(data["prev"]), str(data["mac"]))  # fmt: skip
        except (ValueError, TypeError, KeyError):
            return Ledger(entries, f"line {number} is not a ledger entry")
        if entry.seq != len(entries) + 1 or entry.prev != prev:
            return Ledger(entries, f"line {number} does not follow the line before it")
        if not hmac.compare_digest(entry.mac, entry.expected_mac()):
            return Ledger(entries, f"line {number} does not authenticate under the audit key")
        entries.append(entry)
        prev = entry.mac
    return Ledger(entries)


def ledger_read(path: Path | None = None) -> Ledger:
    """The entries of the ledger (empty when the file does not exist), checked line by line;
    ``problem`` names the first line that is malformed, out of order or not authentic."""
    try:
        text = (path or ledger_file()).read_text(encoding="utf-8")
    except FileNotFoundError:
        return Ledger([])
    return _parse(text)


def ledger_append(data_key_id: int) -> Entry:
    """Record that the data key ``data_key_id`` was destroyed. Appends from several
    processes are serialised by a lock on the file; the line is synced before returning."""
    fd = os.open(ledger_file(), os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        with os.fdopen(os.dup(fd), "r", encoding="utf-8") as current:
            current.seek(0)
            last = _parse(current.read()).head
        entry = Entry(
            seq=last.seq + 1 if last else 1,
            at=datetime.now(UTC).isoformat(timespec="seconds"),
            data_key=data_key_id,
            prev=last.mac if last else GENESIS,
        )
        entry = Entry(**{**asdict(entry), "mac": entry.expected_mac()})
        os.write(fd, (json.dumps(asdict(entry), sort_keys=True) + "\n").encode())
        os.fsync(fd)
    finally:
        os.close(fd)
    return entry
