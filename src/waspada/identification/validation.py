"""Field-level validation of interview answers and decisions, shared by pages, API and services.

Every problem is reported against its field, all at once, before anything is written.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from waspada.identification import facts, indicators
from waspada.identification.models import DecidedStatus

MAX_TEXT = 10_000
EARLIEST = date(2000, 1, 1)


def _date(value: Any, errors: dict[str, list[str]]) -> date:
    if value in (None, ""):
        return timezone.localdate()
    try:
        day = value if isinstance(value, date) else date.fromisoformat(str(value))
    except ValueError:
        errors["interviewed_on"] = [_("Tanggal tidak valid (format TTTT-BB-HH).")]
        return timezone.localdate()
    if day > timezone.localdate():
        errors["interviewed_on"] = [_("Tanggal tidak boleh di masa depan.")]
    elif day < EARLIEST:
        errors["interviewed_on"] = [_("Tanggal wawancara tidak mungkin.")]
    return day


def _text(value: Any, field: str, errors: dict[str, list[str]]) -> str:
    text = str(value or "").strip()
    if len(text) > MAX_TEXT:
        errors[field] = [
            _("Teks terlalu panjang (paling banyak %(max)d karakter).") % {"max": MAX_TEXT}
        ]
    return text


def validate_interview(data: Mapping[str, Any]) -> dict[str, Any]:
    """Cleaned ``interviewed_on`` (default today), code lists per set (known codes only, in
    the reference order, without repeats), ``summary``, ``recruiter_contacts``, and the
    interview's ``facts`` (clear) and ``sealed`` facts (``identification.facts``); or
    ValidationError per field."""
    errors: dict[str, list[str]] = {}
    clean: dict[str, Any] = {"interviewed_on": _date(data.get("interviewed_on"), errors)}
    for set_code in indicators.SETS:
        given = data.get(set_code) or []
        if isinstance(given, str) or not all(isinstance(code, str) for code in given):
            errors[set_code] = [_("Harus berupa daftar kode.")]
            continue
        known = indicators.codes(set_code)
        unknown = [code for code in given if code not in known]
        if unknown:
            errors[set_code] = [
                _("Pilihan tidak dikenal: %(value)s") % {"value": ", ".join(unknown)}
            ]
        clean[set_code] = [code for code in known if code in given]
    clean["summary"] = _text(data.get("summary"), "summary", errors)
    clean["recruiter_contacts"] = _text(
        data.get("recruiter_contacts"), "recruiter_contacts", errors
    )
    clean.update(facts.validate_facts(data, errors))
    if errors:
        raise ValidationError(errors)
    return clean


def validate_decision(*, status: str, reason: str) -> tuple[DecidedStatus, str]:
    errors: dict[str, list[str]] = {}
    if status not in DecidedStatus.values:
        errors["status"] = [_("Pilih status dari daftar.")]
    text = _text(reason, "reason", errors)
    if not text and "reason" not in errors:
        errors["reason"] = [_("Alasan keputusan wajib diisi.")]
    if errors:
        raise ValidationError(errors)
    return DecidedStatus(status), text
