"""Export of one legal case's evidence: a ZIP streamed on request, never stored.

The bundle holds the decrypted files under ``files/``, ``manifest.json`` (name, size, type,
stored SHA-256 and the SHA-256 recomputed while exporting) and ``custody.csv`` (the chain of
custody of every item, including this export).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import zipfile
from collections.abc import Iterator
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from waspada.audit import services as audit
from waspada.evidence import services
from waspada.evidence.models import CustodyAction, EvidenceItem
from waspada.evidence.selectors import items_for_legal_case
from waspada.legal.models import LegalCase
from waspada.legal.selectors import can_manage_legal_case
from waspada.privacy import crypto

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


class _Sink(io.RawIOBase):
    """An unseekable buffer zipfile writes into and the generator drains."""

    def __init__(self) -> None:
        self.buffer = bytearray()

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        self.buffer += data
        return len(data)

    def drain(self) -> bytes:
        data = bytes(self.buffer)
        self.buffer.clear()
        return data


def _member_name(item: EvidenceItem, file_name: str) -> str:
    safe = _UNSAFE.sub("_", file_name).strip("._") or f"item.{item.extension}"
    return f"files/{item.pk:06d}-{safe[:100]}"


def legal_case_export(
    *, actor: Any, legal_case: LegalCase, request: HttpRequest | None = None
) -> Iterator[bytes]:
    """Record the export (audit, and an ``exported`` custody event on every item), then
    return the ZIP's bytes as an iterator. Only ``can_manage_legal_case`` users may export."""
    if not can_manage_legal_case(actor, legal_case):
        raise PermissionDenied
    items = list(items_for_legal_case(legal_case))
    with transaction.atomic():
        for item in items:
            services._custody(item, CustodyAction.EXPORTED, actor)
        audit.record("evidence.export.created", actor=actor, obj=legal_case, request=request,
                     details={"case": legal_case.code, "items": [i.pk for i in items]})  # fmt: skip
    return _bundle(legal_case, items)


def _bundle(legal_case: LegalCase, items: list[EvidenceItem]) -> Iterator[bytes]:
    sink = _Sink()
    manifest: list[dict[str, Any]] = []
    with zipfile.ZipFile(sink, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
        for item in items:
            opened = services.item_sealed(item)
            member = _member_name(item, opened.file_name)
            digest, problem = hashlib.sha256(), ""
            with bundle.open(member, "w", force_zip64=True) as dest:
                try:
                    for chunk in services.decrypted_chunks(item):
                        digest.update(chunk)
                        dest.write(chunk)
                        yield sink.drain()
                except (services.EvidenceUnavailable, crypto.CryptoError):
                    problem = "unreadable"
            if not problem and digest.hexdigest() != item.sha256:
                problem = "mismatch"
            manifest.append(
                {
                    "id": item.pk,
                    "path": member,
                    "original_name": opened.file_name,
                    "description": opened.description,
                    "kind": item.kind,
                    "content_type": item.content_type,
                    "size": item.size,
                    "sha256": item.sha256,
                    "sha256_at_export": "" if problem == "unreadable" else digest.hexdigest(),
                    "intact": not problem,
                    "uploaded_at": item.uploaded_at.isoformat(),
                }
            )
            yield sink.drain()
        header = {
            "legal_case": legal_case.code,
            "exported_at": timezone.now().isoformat(),
            "items": manifest,
        }
        bundle.writestr("manifest.json", json.dumps(header, ensure_ascii=False, indent=2))
        bundle.writestr("custody.csv", _custody_csv(items))
    yield sink.drain()


def _cell(value: Any) -> Any:
    """Keep spreadsheets from running typed-in text as a formula (CSV injection)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _custody_csv(items: list[EvidenceItem]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["item_id", "at", "action", "actor", "institution", "recipient",
                     "reason", "ok"])  # fmt: skip
    for item in items:
        for row in services.custody_log(item):
            event = row.event
            writer.writerow([_cell(v) for v in (
                item.pk, event.at.isoformat(), event.action,
                event.actor.get_username() if event.actor else "system",
                event.institution, row.recipient, row.reason,
                "" if event.ok is None else ("yes" if event.ok else "no"),
            )])  # fmt: skip
    return out.getvalue()
