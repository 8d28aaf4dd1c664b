"""Two clearly synthetic evidence files on the first demo legal case (idempotent)."""

from __future__ import annotations

import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from waspada.accounts.models import User
from waspada.accounts.roles import Role
from waspada.evidence.models import EvidenceItem, EvidenceKind
from waspada.evidence.services import _store
from waspada.legal.models import LegalCase

RECEIPT = (
    "CONTOH / SAMPLE - DATA FIKTIF\n"
    "Bukti transfer (contoh)\n"
    "Tanggal: 2023-01-10\n"
    "Dari: Rekening contoh 0000-0000-01\n"
    "Ke: PT Contoh Rekrutmen Fiktif, rekening 0000-0000-99\n"
    "Jumlah: Rp 7.500.000\n"
    "Berita: biaya pendaftaran kerja admin luar negeri (contoh)\n"
)


def _png(width: int = 120, height: int = 200) -> bytes:
    """A small synthetic "chat screenshot": grey bubbles on white, no text, no person."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = bytearray()
    for y in range(height):
        rows.append(0)
        bubble = (y // 20) % 3 != 2
        left = (y // 20) % 2 == 0
        for x in range(width):
            inside = bubble and (10 <= x < 80 if left else 40 <= x < 110)
            rows += bytes((200, 220, 200) if inside else (255, 255, 255))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(bytes(rows)))
        + chunk(b"IEND", b"")
    )


def demo_evidence_load() -> int:
    """Attach the two files to the first legal case unless it already holds evidence."""
    legal_case = LegalCase.objects.order_by("pk").first()
    if legal_case is None or EvidenceItem.objects.filter(legal_case=legal_case).exists():
        return 0
    actor = (
        User.objects.filter(organisation_id=legal_case.organisation_id, role=Role.LEGAL_OFFICER)
        .order_by("pk")
        .first()
    )
    files = [
        ("contoh-tangkapan-layar-chat.png", _png(), EvidenceKind.CHAT_SCREENSHOT,
         "Tangkapan layar percakapan rekrutmen (contoh, fiktif)"),
        ("contoh-bukti-transfer.txt", RECEIPT.encode(), EvidenceKind.TRANSFER_RECEIPT,
         "Bukti transfer biaya pendaftaran (contoh, fiktif)"),
    ]  # fmt: skip
    with transaction.atomic():
        for name, content, kind, description in files:
            _store(
                actor=actor,
                upload=SimpleUploadedFile(name, content),
                kind=kind,
                description=description,
                legal_case=legal_case,
                case=None,
                request=None,
            )
    return len(files)
