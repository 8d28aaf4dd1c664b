"""Writing and verifying the audit trail.

``record`` is called inside services, in the same transaction as the change it describes, so
an event exists exactly when its change was committed. Rows are chained: each row's hash covers
its own fields and the previous row's hash, so editing, inserting or deleting a row breaks the
chain at that point and ``verify`` names it.

The hash is an HMAC under the audit key (``WASPADA_AUDIT_KEY``), kept outside the database:
someone who can write the database but not read the key cannot recompute it. Rows written
before the chain was keyed keep their plain SHA-256 (``chain`` 1); the first keyed row covers
their last hash, so they cannot be rewritten either without breaking it, and signed anchors
outside the database (``anchors``) record where keyed rows begin, so a chain rewritten whole
with plain hashes is caught too.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.db import connection, transaction
from django.db.models import GenericIPAddressField
from django.http import HttpRequest
from django.utils.translation import gettext as _

from waspada.audit import anchors
from waspada.audit.anchors import Anchor
from waspada.audit.models import AuditEvent

logger = logging.getLogger(__name__)

GENESIS = "0" * 64
PLAIN, KEYED = 1, 2  # AuditEvent.chain: how the row's hash was computed
# Arbitrary constant identifying the audit chain's advisory lock on PostgreSQL.
_PG_LOCK_KEY = 7_242_001
# Keys that would carry personal data or secrets; the audit payload must never hold them.
FORBIDDEN_DETAIL_KEYS = frozenset(
    {
        "name", "full_name", "username", "email", "phone", "nik", "passport", "address",
        "password", "token", "text", "narrative", "date_of_birth", "dob",
    }
)  # fmt: skip


class AuditDetailError(ValueError):
    """Raised when an audit payload would carry personal data or a secret."""


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    checked: int
    bad_seq: int | None = None
    bad_id: int | None = None
    reason: str = ""


def anchor() -> Anchor | None:
    """The current head of the chain (unsigned); None while it is empty."""
    return anchors.head()


def client_ip(request: HttpRequest | None) -> str | None:
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def _canonical(
    *,
    seq: int,
    created_at: datetime,
    actor_id: int | None,
    organisation_id: int | None,
    action: str,
    object_type: str,
    object_id: str,
    ip: str | None,
    details: Mapping[str, Any],
) -> str:
    payload = {
        "seq": seq,
        "created_at": created_at.astimezone(UTC).isoformat(timespec="microseconds"),
        "actor_id": actor_id,
        "organisation_id": organisation_id,
        "action": action,
        "object_type": object_type,
        "object_id": object_id,
        "ip": ip,
        "details": details,
    }
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _normalise_ip(ip: str | None) -> str | None:
    # Store and hash the same text: the database field normalises IPv6 notation.
    return GenericIPAddressField().to_python(ip) or None if ip else None


def _chain_hash(prev_hash: str, canonical: str, chain: int = KEYED) -> str:
    if chain == PLAIN:  # rows written before the chain was keyed
        return hashlib.sha256((prev_hash + canonical).encode("utf-8")).hexdigest()
    return anchors.keyed_mac("waspada-audit-v2", prev_hash + canonical)


def _write_anchor(reason: str) -> None:
    if reason == "daily" and not anchors.anchor_due():
        return  # another write of the same transaction or process anchored meanwhile
    try:
        anchors.anchor_write(reason=reason)
    except OSError:  # the change is committed; the next audited write tries again
        logger.exception("the audit anchor file cannot be written")


def _check_details(details: Mapping[str, Any]) -> None:
    for key, value in details.items():
        if key.lower() in FORBIDDEN_DETAIL_KEYS:
            raise AuditDetailError(f"audit details must not carry {key!r}")
        if isinstance(value, Mapping):
            _check_details(value)


def record(
    action: str,
    *,
    actor: Any = None,
    obj: Any = None,
    object_type: str = "",
    object_id: str | int = "",
    request: HttpRequest | None = None,
    ip: str | None = None,
    details: Mapping[str, Any] | None = None,
) -> AuditEvent:
    """Append one event to the chain and return it.

    ``actor`` is a user (or None for the system / an anonymous client); ``obj`` a model
    instance whose type and primary key are recorded. ``details`` must hold no personal data:
    known personal keys are refused with ``AuditDetailError``.
    """
    clean_details = dict(details or {})
    _check_details(clean_details)
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or obj.pk
    actor_id = getattr(actor, "pk", None) if getattr(actor, "is_authenticated", False) else None
    organisation_id = getattr(actor, "organisation_id", None) if actor_id else None
    ip = _normalise_ip(ip or client_ip(request))
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_PG_LOCK_KEY])
        last = AuditEvent.objects.order_by("-seq").only("seq", "hash", "chain").first()
        seq = last.seq + 1 if last else 1
        prev_hash = last.hash if last else GENESIS
        created_at = datetime.now(UTC)
        canonical = _canonical(
            seq=seq,
            created_at=created_at,
            actor_id=actor_id,
            organisation_id=organisation_id,
            action=action,
            object_type=object_type,
            object_id=str(object_id),
            ip=ip,
            details=clean_details,
        )
        if last is None or last.chain == PLAIN:
            # The first keyed row: anchor it at once, so that where keyed rows begin is known
            # outside the database (a chain downgraded to plain hashes then fails to verify).
            transaction.on_commit(lambda: _write_anchor("keyed"))
        elif anchors.anchor_due():
            transaction.on_commit(lambda: _write_anchor("daily"))
        return AuditEvent.objects.create(
            seq=seq,
            created_at=created_at,
            actor_id=actor_id,
            organisation_id=organisation_id,
            action=action,
            object_type=object_type,
            object_id=str(object_id),
            ip=ip,
            details=clean_details,
            prev_hash=prev_hash,
            hash=_chain_hash(prev_hash, canonical),
            chain=KEYED,
        )


def _rows() -> Iterator[AuditEvent]:
    return AuditEvent.objects.order_by("seq").iterator(chunk_size=2000)


def verify(anchor: Anchor | None = None) -> VerifyResult:
    """Walk the whole chain; report the first row that was altered, inserted or deleted.

    Keyed rows must carry the HMAC only the audit key gives; plain rows may only come before
    them. With ``anchor`` (a head exported earlier) also report rows deleted from the end, a
    chain rewritten from some row on, and plain rows where the anchor says keyed rows begin
    (a chain rewritten whole with plain hashes)."""
    prev_hash = GENESIS
    expected_seq = 1
    checked = 0
    keyed_seen = False
    keyed_from = anchor.keyed_from if anchor is not None else None
    for row in _rows():
        if anchor is not None and row.seq == anchor.seq and row.hash != anchor.hash:
            return VerifyResult(
                False, checked, row.seq, row.pk,
                _("tidak cocok dengan jangkar yang diekspor (rantai ditulis ulang)"),
            )  # fmt: skip
        if row.seq != expected_seq:
            return VerifyResult(
                False, checked, row.seq, row.pk,
                _("baris %(first)d–%(last)d sebelum baris ini hilang (dihapus)")
                % {"first": expected_seq, "last": row.seq - 1},
            )  # fmt: skip
        if row.prev_hash != prev_hash:
            return VerifyResult(
                False, checked, row.seq, row.pk,
                _("tidak menyambung ke baris sebelumnya (ada baris yang disisipkan atau dihapus)"),
            )  # fmt: skip
        if row.chain not in (PLAIN, KEYED):
            return VerifyResult(False, checked, row.seq, row.pk, _("versi rantai tidak dikenal"))
        if row.chain == PLAIN and (keyed_seen or (keyed_from and row.seq >= keyed_from)):
            return VerifyResult(
                False, checked, row.seq, row.pk,
                _("hash tanpa kunci di bagian rantai yang berkunci (ditulis ulang tanpa kunci "
                  "audit)"),
            )  # fmt: skip
        keyed_seen = keyed_seen or row.chain == KEYED
        canonical = _canonical(
            seq=row.seq,
            created_at=row.created_at,
            actor_id=row.actor_id,
            organisation_id=row.organisation_id,
            action=row.action,
            object_type=row.object_type,
            object_id=row.object_id,
            ip=row.ip,
            details=row.details,
        )
        if not hmac.compare_digest(_chain_hash(prev_hash, canonical, row.chain), row.hash):
            return VerifyResult(False, checked, row.seq, row.pk, _("isinya telah diubah"))
        prev_hash = row.hash
        expected_seq += 1
        checked += 1
    if anchor is not None and checked < anchor.seq:
        return VerifyResult(
            False, checked, expected_seq, None,
            _("baris %(first)d–%(last)d yang tercatat di jangkar hilang (dihapus dari ujung)")
            % {"first": expected_seq, "last": anchor.seq},
        )  # fmt: skip
    return VerifyResult(True, checked)


@dataclass(frozen=True)
class LatestVerifyResult:
    result: VerifyResult
    anchor: Anchor | None
    forged_anchors: int  # lines of the anchor file that do not authenticate

    @property
    def ok(self) -> bool:
        return self.result.ok and not self.forged_anchors


def verify_latest(path: Path | None = None) -> LatestVerifyResult:
    """``verify`` against the latest authentic anchor of ``path`` (default: the anchor file
    that is written automatically). A line of that file that does not authenticate under the
    audit key is itself a sign of tampering. ValueError when ``path`` holds no anchor."""
    found = anchors.latest(path)
    return LatestVerifyResult(verify(found.anchor), found.anchor, found.forged)
