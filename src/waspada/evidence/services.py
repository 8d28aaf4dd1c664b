"""Writes on evidence: upload, open, download, hand-over, verification.

Every handling of an item adds a custody event and an audit event in the same transaction.
Audit details carry the case code, never file names, descriptions or recipients.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from waspada.audit import services as audit
from waspada.cases.models import Case
from waspada.evidence import filetypes, storage
from waspada.evidence.models import CustodyAction, CustodyEvent, EvidenceItem
from waspada.evidence.selectors import can_manage_case, can_manage_item
from waspada.evidence.validation import FileSample, validate_handover, validate_upload
from waspada.legal.models import LegalCase
from waspada.legal.selectors import can_manage_legal_case
from waspada.privacy import crypto
from waspada.privacy import services as privacy
from waspada.privacy import stream_cipher as vault
from waspada.privacy.models import DataKey


class Upload(Protocol):
    """What the services need of an uploaded file (Django's ``UploadedFile`` fits)."""

    @property
    def name(self) -> str | None: ...
    @property
    def size(self) -> int | None: ...
    def read(self, size: int = ..., /) -> bytes: ...
    def seek(self, offset: int, whence: int = ..., /) -> int: ...
    def chunks(self, chunk_size: int | None = ...) -> Iterator[bytes]: ...


class EvidenceUnavailable(Exception):
    """The stored file is missing or cannot be decrypted (verification will report it)."""


def _item_context(item: EvidenceItem) -> str:
    return f"evidence.item:{item.pk}"


def _event_context(event: CustodyEvent) -> str:
    return f"evidence.custody:{event.pk}"


def _raw_key(data_key: DataKey) -> bytes:
    return privacy.unwrap(data_key)


def _custody(
    item: EvidenceItem,
    action: CustodyAction,
    actor: Any,
    *,
    institution: str = "",
    ok: bool | None = None,
    details: Mapping[str, Any] | None = None,
) -> CustodyEvent:
    return CustodyEvent.objects.create(
        item=item,
        action=action,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        institution=institution,
        ok=ok,
        details=dict(details or {}),
    )


def item_upload(
    *,
    actor: Any,
    upload: Upload | None,
    kind: str,
    description: str = "",
    legal_case: LegalCase | None = None,
    case: Case | None = None,
    request: HttpRequest | None = None,
) -> EvidenceItem:
    """Validate, hash and encrypt an upload into the vault, attached to exactly one of
    ``legal_case`` or ``case``.

    Refused files, or none (``upload`` None), raise ValidationError (fields ``file``,
    ``kind``, ``description``) before anything is written. The file is streamed chunk by
    chunk (never wholly in memory), its SHA-256 computed on the plaintext, and only ciphertext
    written; it becomes visible under its final name only once the row is committed, so a
    failure leaves no half-stored item.
    """
    if (legal_case is None) == (case is None):
        raise ValueError("evidence belongs to exactly one legal case or one victim's case")
    if legal_case is not None and not can_manage_legal_case(actor, legal_case):
        raise PermissionDenied
    if case is not None and not can_manage_case(actor, case):
        raise PermissionDenied
    return _store(
        actor=actor,
        upload=upload,
        kind=kind,
        description=description,
        legal_case=legal_case,
        case=case,
        request=request,
    )


def _store(
    *,
    actor: Any,
    upload: Upload | None,
    kind: str,
    description: str,
    legal_case: LegalCase | None,
    case: Case | None,
    request: HttpRequest | None,
) -> EvidenceItem:
    """``item_upload`` without the permission check (also used by the demo loader)."""
    owner = legal_case if legal_case is not None else case
    assert owner is not None
    sample = None
    if upload is not None:
        upload.seek(0)
        file_name = os.path.basename((upload.name or "").replace("\\", "/"))[:255]
        sample = FileSample(file_name, upload.size, upload.read(filetypes.HEAD_BYTES))
        upload.seek(0)
    detected = validate_upload(file=sample, kind=kind, description=description)
    assert upload is not None and sample is not None  # the validator requires a file
    original = sample.name
    name = storage.new_name()
    try:
        with transaction.atomic():
            data_key = privacy.data_key_create()
            with os.fdopen(storage.open_partial(name), "wb") as out:
                sha256, size = vault.encrypt_stream(
                    _raw_key(data_key), name, upload.chunks(vault.CHUNK_BYTES), out
                )
                out.flush()
                os.fsync(out.fileno())
            if size == 0:
                raise ValidationError({"file": [_("Berkas kosong.")]})
            item = EvidenceItem.objects.create(
                legal_case=legal_case,
                case=case,
                organisation_id=owner.organisation_id,
                kind=kind,
                content_type=detected.content_type,
                extension=filetypes.extension(original),
                size=size,
                sha256=sha256,
                data_key=data_key,
                storage_name=name,
                uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
            )
            item.sealed = privacy.seal(
                data_key,
                {"file_name": original, "description": description.strip()},
                context=_item_context(item),
            )
            item.save(update_fields=["sealed"])
            _custody(item, CustodyAction.UPLOADED, actor,
                     details={"sha256": sha256, "size": size})  # fmt: skip
            audit.record("evidence.item.uploaded", actor=actor, obj=item, request=request,
                         details={"case": owner.code, "sha256": sha256, "size": size,
                                  "content_type": detected.content_type})  # fmt: skip
            transaction.on_commit(lambda: storage.promote(name))
    except BaseException:
        storage.discard_partial(name)
        raise
    return item


@dataclass(frozen=True)
class Opened:
    """An item's sealed fields; ``erased`` once its key was destroyed."""

    file_name: str
    description: str
    erased: bool = False


def item_sealed(item: EvidenceItem) -> Opened:
    """Decrypt the item's file name and description (callers checked ``can_manage_item``)."""
    opened = privacy.open_sealed(item.data_key, item.sealed, context=_item_context(item))
    if not isinstance(opened, dict):
        return Opened("", "", erased=True)
    return Opened(opened.get("file_name", ""), opened.get("description", ""))


def item_view(*, actor: Any, item: EvidenceItem, request: HttpRequest | None = None) -> Opened:
    """Open the item's page: its sealed fields, recorded as a ``viewed`` custody event."""
    if not can_manage_item(actor, item):
        raise PermissionDenied
    with transaction.atomic():
        _custody(item, CustodyAction.VIEWED, actor)
        audit.record("evidence.item.viewed", actor=actor, obj=item, request=request,
                     details={"case": item.case_code})  # fmt: skip
    return item_sealed(item)


def decrypted_chunks(item: EvidenceItem) -> Iterator[bytes]:
    """The item's plaintext chunk by chunk. The file is opened now (``EvidenceUnavailable``
    if missing or its key is gone); a chunk failing to authenticate later raises
    ``crypto.CryptoError`` from the iterator."""
    try:
        key = _raw_key(item.data_key)
        source = open(storage.final_path(item.storage_name), "rb")  # noqa: SIM115
    except (OSError, crypto.CryptoError) as exc:
        raise EvidenceUnavailable(str(exc)) from None

    def generate() -> Iterator[bytes]:
        with source:
            yield from vault.decrypt_stream(key, item.storage_name, source)

    return generate()


class Download:
    """The decrypted chunks of a download, recording in the chain of custody what happened:
    ``downloaded`` once the last chunk was handed over; ``download_failed`` with the problem
    (``unreadable``: a chunk does not decrypt; ``interrupted``: closed before the end, e.g.
    the client went away) and the bytes sent. Django closes a streamed response's content
    when the response ends, so ``close`` sees every unfinished download."""

    def __init__(
        self, item: EvidenceItem, actor: Any, chunks: Iterator[bytes], request: HttpRequest | None
    ) -> None:
        self._item, self._actor, self._chunks, self._request = item, actor, chunks, request
        self._sent = 0
        self._recorded = False

    def __iter__(self) -> Download:
        return self

    def __next__(self) -> bytes:
        try:
            chunk = next(self._chunks)
        except StopIteration:
            self._record(problem="")
            raise
        except crypto.CryptoError:
            self._record(problem="unreadable")
            raise
        self._sent += len(chunk)
        return chunk

    def close(self) -> None:
        if not self._recorded:
            self._record(problem="interrupted")
        close = getattr(self._chunks, "close", None)
        if close is not None:
            close()

    def _record(self, *, problem: str) -> None:
        if self._recorded:
            return
        self._recorded = True
        item, actor = self._item, self._actor
        details: dict[str, Any] = {"case": item.case_code}
        with transaction.atomic():
            if problem:
                _custody(item, CustodyAction.DOWNLOAD_FAILED, actor,
                         details={"problem": problem, "sent": self._sent})  # fmt: skip
                details["problem"] = problem
                action = "evidence.item.download_failed"
            else:
                _custody(item, CustodyAction.DOWNLOADED, actor)
                action = "evidence.item.downloaded"
            audit.record(action, actor=actor, obj=item, request=self._request, details=details)


def item_content(*, actor: Any, item: EvidenceItem, request: HttpRequest | None = None) -> Download:
    """The decrypted content for download (``EvidenceUnavailable`` when the file is missing
    or its key gone). The custody and audit events are written as the download ends, saying
    whether the whole file was delivered (see ``Download``)."""
    if not can_manage_item(actor, item):
        raise PermissionDenied
    return Download(item, actor, decrypted_chunks(item), request)


def item_handover(
    *,
    actor: Any,
    item: EvidenceItem,
    data: Mapping[str, Any],
    request: HttpRequest | None = None,
) -> CustodyEvent:
    """Record that the item (or a copy) was handed to a person of an institution, and why.

    The institution stays in clear; the recipient's name and the reason are sealed.
    """
    if not can_manage_item(actor, item):
        raise PermissionDenied
    clean = validate_handover(data)
    with transaction.atomic():
        event = _custody(item, CustodyAction.HANDED_OVER, actor, institution=clean["institution"])
        event.sealed = privacy.seal(
            item.data_key,
            {"recipient": clean["recipient"], "reason": clean["reason"]},
            context=_event_context(event),
        )
        event.save(update_fields=["sealed"])
        audit.record("evidence.item.handed_over", actor=actor, obj=item, request=request,
                     details={"case": item.case_code, "custody_event": event.pk})  # fmt: skip
    return event


def item_erased(item: EvidenceItem) -> bool:
    """True once the item's key was destroyed (erasure): unreadable by design, for good."""
    return item.data_key.destroyed_at is not None or not item.data_key.wrapped


def item_check(item: EvidenceItem) -> str:
    """Re-hash the decrypted content: "" when it matches, else ``missing``, ``unreadable``
    (does not decrypt: altered, truncated or key gone) or ``mismatch`` (hash differs)."""
    try:
        chunks = decrypted_chunks(item)
    except EvidenceUnavailable:
        path_exists = storage.final_path(item.storage_name).exists()
        return "unreadable" if path_exists else "missing"
    digest, size = hashlib.sha256(), 0
    try:
        for chunk in chunks:
            digest.update(chunk)
            size += len(chunk)
    except crypto.CryptoError:
        return "unreadable"
    if digest.hexdigest() != item.sha256 or size != item.size:
        return "mismatch"
    return ""


def item_verify(*, actor: Any, item: EvidenceItem, request: HttpRequest | None = None) -> str:
    """Verify one item and record the result (custody and audit); returns ``item_check``'s
    answer. ``actor`` None is the system (``waspada evidence verify``)."""
    if actor is not None and not can_manage_item(actor, item):
        raise PermissionDenied
    problem = item_check(item)
    now: datetime = timezone.now()
    with transaction.atomic():
        EvidenceItem.objects.filter(pk=item.pk).update(
            last_verified_at=now, last_verified_ok=not problem
        )
        item.last_verified_at, item.last_verified_ok = now, not problem
        _custody(item, CustodyAction.VERIFIED, actor, ok=not problem,
                 details={"problem": problem} if problem else {})  # fmt: skip
        audit.record("evidence.item.verified", actor=actor, obj=item, request=request,
                     details={"case": item.case_code, "ok": not problem,
                              "problem": problem})  # fmt: skip
    return problem


@dataclass(frozen=True)
class CustodyRow:
    event: CustodyEvent
    recipient: str
    reason: str


def custody_log(item: EvidenceItem) -> list[CustodyRow]:
    """The chain of custody with hand-over details opened (callers checked access)."""
    from waspada.evidence.selectors import custody_for

    rows = []
    for event in custody_for(item):
        recipient = reason = ""
        if event.sealed:
            opened = privacy.open_sealed(item.data_key, event.sealed,
                                         context=_event_context(event))  # fmt: skip
            if isinstance(opened, dict):
                recipient, reason = opened.get("recipient", ""), opened.get("reason", "")
        rows.append(CustodyRow(event, recipient, reason))
    return rows


def items_of_person_destroy(*, person: Any) -> int:
    """Destroy the data keys of every evidence item attached to the person's cases (part of
    the person's erasure; the ciphertext stays, unreadable). Returns how many were destroyed."""
    items = EvidenceItem.objects.filter(case__person=person).select_related("data_key")
    destroyed = 0
    for item in items:
        privacy.data_key_destroy(item.data_key)
        destroyed += 1
    return destroyed
