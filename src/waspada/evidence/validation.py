"""The one validator of uploads and hand-overs, called by the services for the pages and the API.

It holds every rule of the input (a file sent and of an accepted type and size, the kind, the
lengths): the forms only parse and display (their ``maxlength`` comes from the tables below)
and the API schemas only describe the shape. Every problem is reported against its field, all
at once; services validate before writing. An oversize file is reported with the code
``too_large`` (the API answers 413 for it).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from waspada.evidence import filetypes
from waspada.evidence.models import EvidenceKind

# The longest text each field takes (the forms show it as the input's maxlength).
UPLOAD_LIMITS = {"description": 2000}
HANDOVER_LIMITS = {"recipient": 200, "institution": 200, "reason": 2000}


class FileSample(NamedTuple):
    """What the validator looks at in a file: its name, size and first bytes."""

    name: str
    size: int | None
    head: bytes


def max_upload_bytes() -> int:
    """``WASPADA_EVIDENCE_MAX_MB`` (default 50) in bytes."""
    return int(getattr(settings, "WASPADA_EVIDENCE_MAX_MB", 50)) * 1024 * 1024


def _refusal(refused: filetypes.Refused) -> str:
    if refused.reason == "forbidden":
        return _(
            "Berkas ini adalah program, skrip atau arsip (%(found)s) dan tidak diterima. "
            "Unggah gambar, PDF, audio, video atau teks."
        ) % {"found": refused.detail}
    if refused.reason == "extension":
        return _(
            "Jenis berkas .%(ext)s tidak diterima. Yang diterima: gambar (PNG, JPEG, WebP, GIF, "
            "HEIC), PDF, audio (MP3, M4A, AAC, OGG, WAV, AMR), video (MP4, 3GP, MOV), TXT, CSV."
        ) % {"ext": refused.detail or "?"}
    if refused.reason == "mismatch":
        return _("Isi berkas tidak sesuai dengan ekstensinya (.%(ext)s).") % {"ext": refused.detail}
    return _("Berkas kosong.")


def validate_upload(*, file: FileSample | None, kind: str, description: str) -> filetypes.FileType:
    """The accepted type of the file (None: none was sent), or ValidationError({field: [...]})
    naming every problem (fields ``file``, ``kind``, ``description``)."""
    errors: dict[str, list[ValidationError]] = {}

    def err(field: str, message: str, code: str = "invalid") -> None:
        errors.setdefault(field, []).append(ValidationError(message, code=code))

    detected: filetypes.FileType | None = None
    limit = max_upload_bytes()
    if file is None:
        err("file", _("Pilih berkas yang akan diunggah."), "required")
    elif file.size is not None and file.size > limit:
        err(
            "file",
            _("Berkas terlalu besar: paling besar %(mb)d MB.") % {"mb": limit // (1024 * 1024)},
            "too_large",
        )
    else:
        try:
            detected = filetypes.detect(file.name, file.head)
        except filetypes.Refused as refused:
            err("file", _refusal(refused), "refused")
    if kind not in EvidenceKind.values:
        err("kind", _("Pilih jenis bukti dari daftar."))
    most = UPLOAD_LIMITS["description"]
    if len(description) > most:
        err("description", _("Keterangan paling panjang %(n)d karakter.") % {"n": most})
    if errors:
        raise ValidationError(errors)
    assert detected is not None
    return detected


def is_too_large(exc: ValidationError) -> bool:
    errors = getattr(exc, "error_dict", {}).get("file", [])
    return any(getattr(error, "code", "") == "too_large" for error in errors)


HANDOVER_FIELDS = ("recipient", "institution", "reason")


def validate_handover(data: Mapping[str, Any]) -> dict[str, str]:
    """Cleaned hand-over fields: recipient (a person), institution and reason, all required."""
    clean = {field: str(data.get(field) or "").strip() for field in HANDOVER_FIELDS}
    errors: dict[str, list[str]] = {}
    limits = HANDOVER_LIMITS
    if not clean["recipient"]:
        errors["recipient"] = [_("Nama penerima wajib diisi.")]
    elif len(clean["recipient"]) > limits["recipient"]:
        errors["recipient"] = [_("Paling banyak %(n)d karakter.") % {"n": limits["recipient"]}]
    if not clean["institution"]:
        errors["institution"] = [_("Instansi penerima wajib diisi.")]
    elif len(clean["institution"]) > limits["institution"]:
        errors["institution"] = [
            _("Instansi paling panjang %(n)d karakter.") % {"n": limits["institution"]}
        ]
    if not clean["reason"]:
        errors["reason"] = [_("Alasan penyerahan wajib diisi.")]
    elif len(clean["reason"]) > limits["reason"]:
        errors["reason"] = [_("Paling banyak %(n)d karakter.") % {"n": limits["reason"]}]
    if errors:
        raise ValidationError(errors)
    return clean
