"""Anchors: signed heads of the audit chain, kept in a file outside the database.

A chain whose newest rows were deleted is still a valid chain, and a chain rewritten whole
with unkeyed hashes (the scheme of rows written before the chain was keyed) looks like an old
chain. An anchor, a line of JSON ``{"seq", "hash", "keyed_from", "at", "reason", "mac"}``,
records the head at some moment and the first keyed row; ``mac`` is an HMAC under the audit
key, so nobody without the key can forge one. ``verify`` compares the chain with the latest
anchor. Anchors are appended automatically: at the first keyed row, then at the first audited
write of every day (``anchor_due``), at every ``waspada backup create`` and by
``waspada audit anchor``.
"""

from __future__ import annotations

import base64
import fcntl
import hashlib
import hmac
import json
import os
import time
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path

from django.conf import settings

from waspada.audit.models import AuditEvent

DAY_SECONDS = 24 * 3600


@lru_cache(maxsize=2)
def _decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text.strip() + "=" * (-len(text.strip()) % 4))


def audit_key() -> bytes:
    """The key of the chain's HMAC (``WASPADA_AUDIT_KEY``), never stored in the database."""
    return _decode(settings.AUDIT_KEY)


def keyed_mac(domain: str, message: str) -> str:
    """HMAC-SHA256 under the audit key; ``domain`` separates the uses of the one key."""
    return hmac.new(audit_key(), f"{domain}\x1f{message}".encode(), hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class Anchor:
    """The head of the chain (its last ``seq`` and ``hash``) and where keyed rows begin."""

    seq: int
    hash: str
    keyed_from: int | None = None
    at: str = ""
    reason: str = ""
    mac: str = ""

    def _message(self) -> str:
        fields = {k: v for k, v in asdict(self).items() if k != "mac"}
        return json.dumps(fields, sort_keys=True, separators=(",", ":"))

    def signed(self) -> Anchor:
        return replace(self, mac=keyed_mac("waspada-audit-anchor", self._message()))

    @property
    def authentic(self) -> bool:
        return bool(self.mac) and hmac.compare_digest(
            self.mac, keyed_mac("waspada-audit-anchor", self._message())
        )

    def to_json(self) -> str:
        return json.dumps(asdict(self), sort_keys=True)

    @classmethod
    def parse(cls, text: str) -> Anchor:
        """One anchor; raises ValueError naming what is wrong with the text. A signed anchor
        must authenticate; an unsigned ``{"seq", "hash"}`` (exported by older versions) is
        accepted as it is."""
        try:
            data = json.loads(text)
            seq, digest = data["seq"], data["hash"]
        except (ValueError, TypeError, KeyError) as exc:
            raise ValueError('expected {"seq": <number>, "hash": "<64 hex digits>"}') from exc
        if not isinstance(seq, int) or seq < 1:
            raise ValueError("seq must be a positive whole number")
        if not isinstance(digest, str) or len(digest) != 64:
            raise ValueError("hash must be 64 hexadecimal digits")
        keyed_from = data.get("keyed_from")
        if keyed_from is not None and (not isinstance(keyed_from, int) or keyed_from < 1):
            raise ValueError("keyed_from must be a positive whole number")
        anchor = cls(seq, digest, keyed_from, str(data.get("at", "")),
                     str(data.get("reason", "")), str(data.get("mac", "")))  # fmt: skip
        if anchor.mac and not anchor.authentic:
            raise ValueError("its signature does not match this installation's audit key")
        return anchor


@dataclass(frozen=True)
class Latest:
    """The newest authentic anchor of a file, and how many lines were refused."""

    anchor: Anchor | None
    forged: int = 0  # lines that parse but do not authenticate
    torn: int = 0  # lines that do not parse (e.g. a write cut short)


def anchor_file() -> Path:
    return Path(settings.AUDIT_ANCHOR_FILE)


def latest(path: Path | None = None) -> Latest:
    """The newest (last) authentic anchor in ``path`` (default: the anchor file), from a file
    of anchors one a line or a single anchor. ValueError when the file holds no anchor."""
    path = path or anchor_file()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Latest(None)
    if not text.strip():
        return Latest(None)
    found: Anchor | None = None
    forged = torn = 0
    for line in [line for line in text.splitlines() if line.strip()]:
        try:
            found = Anchor.parse(line)  # the last authentic line is the latest anchor
        except ValueError as exc:
            if "signature" in str(exc):
                forged += 1
            else:
                torn += 1
    if found is None and not forged:
        found = Anchor.parse(text)  # one anchor over several lines, or a clear error
        torn = 0
    return Latest(found, forged, torn)


def head() -> Anchor | None:
    """The current head of the chain, unsigned; None while it is empty."""
    row = AuditEvent.objects.order_by("-seq").values_list("seq", "hash").first()
    return Anchor(*row) if row else None


def _keyed_from(previous: Anchor | None) -> int | None:
    if previous is not None and previous.keyed_from is not None:
        return previous.keyed_from
    return (
        AuditEvent.objects.filter(chain__gte=2).order_by("seq").values_list("seq", flat=True)
    ).first()


def anchor_write(*, reason: str) -> Anchor | None:
    """Append the chain's current head, signed, to the anchor file (mode 600); None while
    the chain is empty. Appends from several processes are serialised by a file lock."""
    current = head()
    if current is None:
        return None
    path = anchor_file()
    anchor = replace(
        current,
        keyed_from=_keyed_from(latest(path).anchor),
        at=datetime.now(UTC).isoformat(timespec="seconds"),
        reason=reason,
    ).signed()
    anchor_append(anchor)
    return anchor


def anchor_append(anchor: Anchor) -> None:
    """Append a signed anchor to the anchor file (e.g. a backup's, when it is restored)."""
    fd = os.open(anchor_file(), os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        os.write(fd, (anchor.to_json() + "\n").encode())
        os.fsync(fd)
    finally:
        os.close(fd)


def anchor_due() -> bool:
    """True when the anchor file is missing or was last written more than a day ago."""
    try:
        return time.time() - anchor_file().stat().st_mtime >= DAY_SECONDS
    except OSError:
        return True
