"""The one validator of legal-case input (the case, a stage change, charges, suspects and
hearings), called by the services for the pages and the API alike.

It holds every rule of the input (required, lengths, numbers, dates, choices, the stage
workflow): the forms only parse and display (their ``maxlength`` comes from the tables below)
and the API schemas only describe the shape. Every problem is reported against the field it
concerns, all at once; services call these before writing anything.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from waspada.cases import reference as case_reference
from waspada.cases.validation import as_date
from waspada.legal import reference, stages
from waspada.legal.models import Stage, SuspectRole, Verdict
from waspada.validation import FieldErrors

if TYPE_CHECKING:
    from waspada.legal.models import LegalCase

TEXT_LIMITS = {
    "title": 200, "police_report_number": 80, "police_unit": 120, "court": 120,
    "legal_aid_provider": 200, "lawyer": 200, "notes": 4000,
}  # fmt: skip
DATE_FIELDS = (
    "police_report_date", "verdict_date", "restitution_requested_on",
    "restitution_awarded_on", "restitution_paid_on",
)  # fmt: skip
AMOUNT_FIELDS = (
    "sentence_months", "fine_idr", "restitution_requested_idr",
    "restitution_awarded_idr", "restitution_paid_idr",
)  # fmt: skip
BOOL_FIELDS = ("lpsk_requested", "lpsk_granted")
CONSISTENCY_FIELDS = (*DATE_FIELDS, *AMOUNT_FIELDS, "verdict")
LEGAL_CASE_FIELDS = (*TEXT_LIMITS, *DATE_FIELDS, *AMOUNT_FIELDS, *BOOL_FIELDS, "verdict")
SUSPECT_LIMITS = {"full_name": 200, "aliases": 200, "identifiers": 500}
STAGE_LIMITS = {"reason": 2000}
HEARING_LIMITS = {"court": 120, "agenda": 160}
MAX_SENTENCE_MONTHS = 1200  # a life sentence is recorded as "other"; this only stops typos
MAX_AMOUNT_IDR = 10**15  # a thousand trillion rupiah: anything above is a typing mistake
# A whole number, with or without dots between thousands (``1.500.000``, as written in Indonesia).
_WHOLE = re.compile(r"^-?(\d+|\d{1,3}(\.\d{3})+)$", re.ASCII)


def _past_date(errors: FieldErrors, field: str, raw: Any) -> date | None:
    value = as_date(raw)
    if value is None:
        errors.add(field, _("Tanggal tidak valid (format TTTT-BB-HH)."))
    elif value > timezone.localdate():
        errors.add(field, _("Tanggal tidak boleh di masa depan."))
    return value


def _amount(errors: FieldErrors, field: str, raw: Any) -> int | None:
    if isinstance(raw, bool) or not (isinstance(raw, int) or _WHOLE.match(str(raw).strip())):
        errors.add(field, _("Isi dengan angka bulat."))
        return None
    value = int(str(raw).strip().replace(".", ""))
    if value < 0:
        errors.add(field, _("Tidak boleh negatif."))
    elif field == "sentence_months" and value > MAX_SENTENCE_MONTHS:
        errors.add(field, _("Lama pidana tidak masuk akal."))
    elif value > MAX_AMOUNT_IDR:
        errors.add(field, _("Jumlah terlalu besar. Periksa lagi angkanya."))
    return value


def validate_legal_case_fields(
    data: Mapping[str, Any], *, creating: bool = False, current: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """Cleaned values of the given fields, or ValidationError({field: [message]}).

    ``current`` holds the case's stored values, so that a change of one field is checked for
    consistency against the others it does not change (a verdict date against the police
    report date already recorded)."""
    errors = FieldErrors()
    clean: dict[str, Any] = {}
    if (creating or "title" in data) and not str(data.get("title") or "").strip():
        errors.add("title", _("Judul wajib diisi."))
    for field, limit in TEXT_LIMITS.items():
        if field in data:
            text = str(data.get(field) or "").strip()
            if len(text) > limit:
                errors.add(field, _("Paling banyak %(n)d karakter.") % {"n": limit})
            clean[field] = text
    for field in DATE_FIELDS:
        if field in data:
            raw = data.get(field)
            clean[field] = None if raw in (None, "") else _past_date(errors, field, raw)
    for field in AMOUNT_FIELDS:
        if field in data:
            raw = data.get(field)
            clean[field] = None if raw in (None, "") else _amount(errors, field, raw)
    for field in BOOL_FIELDS:
        if field in data:
            clean[field] = bool(data.get(field))
    if "verdict" in data:
        verdict = str(data.get("verdict") or "")
        if verdict not in Verdict.values:
            errors.add("verdict", _("Pilih putusan dari daftar."))
        clean["verdict"] = verdict
    if clean.get("lpsk_granted") and "lpsk_requested" in clean and not clean["lpsk_requested"]:
        errors.add("lpsk_granted", _("Perlindungan LPSK hanya dapat diberikan jika dimohonkan."))
    _check_consistency(errors, clean, current or {})
    errors.raise_if_any()
    return clean


def _check_consistency(
    errors: FieldErrors, clean: Mapping[str, Any], current: Mapping[str, Any]
) -> None:
    """Refuse combinations that cannot happen in a real case. A rule is checked only when the
    input touches one of its fields, so an old record is not blocked by a field not edited;
    each message names the other field involved."""
    merged = {**current, **clean}

    def touched(*fields: str) -> bool:
        return any(field in clean for field in fields)

    def before(later: str, earlier: str, message: str) -> None:
        a, b = merged.get(later), merged.get(earlier)
        if a is not None and b is not None and a < b and touched(later, earlier):
            errors.add(later, message)

    before(
        "verdict_date",
        "police_report_date",
        _("Tanggal putusan lebih awal dari tanggal laporan polisi. Periksa kedua tanggal."),
    )
    before(
        "restitution_awarded_on",
        "restitution_requested_on",
        _("Restitusi diputus sebelum dimohonkan. Periksa tanggal permohonan dan tanggal putusan."),
    )
    before(
        "restitution_paid_on",
        "restitution_awarded_on",
        _("Restitusi dibayar sebelum diputus. Periksa tanggal putusan dan tanggal pembayaran."),
    )
    verdict = merged.get("verdict") or ""
    for field in ("sentence_months", "fine_idr"):
        if merged.get(field) and touched(field, "verdict"):
            if verdict == Verdict.ACQUITTED:
                errors.add(
                    field, _("Putusan bebas / lepas tidak disertai pidana penjara atau denda.")
                )
            elif verdict == Verdict.NONE:
                errors.add(field, _("Pidana hanya dicatat setelah ada putusan. Pilih putusannya."))
    if merged.get("verdict_date") and not verdict and touched("verdict_date", "verdict"):
        errors.add("verdict", _("Tanggal putusan diisi: pilih juga putusannya."))
    awarded_on = merged.get("restitution_awarded_on")
    awarded = merged.get("restitution_awarded_idr")
    paid_on, paid = merged.get("restitution_paid_on"), merged.get("restitution_paid_idr")
    if (paid_on or paid) and not (awarded_on or awarded) and touched(
        "restitution_paid_on", "restitution_paid_idr", "restitution_awarded_on",
        "restitution_awarded_idr",
    ):  # fmt: skip
        errors.add(
            "restitution_paid_idr" if paid else "restitution_paid_on",
            _(
                "Restitusi dicatat dibayar, tetapi belum ada putusan restitusi "
                "(tanggal atau jumlah)."
            ),
        )
    over = awarded is not None and paid is not None and paid > awarded
    if over and touched("restitution_paid_idr", "restitution_awarded_idr"):
        errors.add("restitution_paid_idr", _("Restitusi dibayar melebihi yang diputus."))


def validate_charge(data: Mapping[str, Any]) -> dict[str, Any]:
    errors = FieldErrors()
    entry = reference.article(str(data.get("article_key") or ""))
    if entry is None:
        errors.add("article_key", _("Pilih pasal dari daftar."))
    raw = data.get("offence_date")
    offence_date = None if raw in (None, "") else _past_date(errors, "offence_date", raw)
    errors.raise_if_any()
    return {"entry": entry, "offence_date": offence_date}


def validate_suspect(data: Mapping[str, Any]) -> dict[str, Any]:
    errors = FieldErrors()
    clean = {field: str(data.get(field) or "").strip() for field in
             ("full_name", "aliases", "nationality", "identifiers")}  # fmt: skip
    if not clean["full_name"]:
        errors.add("full_name", _("Nama tersangka wajib diisi."))
    for field, limit in SUSPECT_LIMITS.items():
        if len(clean[field]) > limit:
            errors.add(field, _("Paling banyak %(n)d karakter.") % {"n": limit})
    nationality = clean["nationality"].upper()
    if nationality and not case_reference.is_country(nationality):
        errors.add("nationality", _("Kode negara %(code)s tidak dikenal.") % {"code": nationality})
    clean["nationality"] = nationality
    role = str(data.get("role") or "")
    if role not in SuspectRole.values:
        errors.add("role", _("Pilih peran dari daftar."))
    clean["role"] = role
    errors.raise_if_any()
    return clean


def validate_hearing(data: Mapping[str, Any]) -> dict[str, Any]:
    errors = FieldErrors()
    raw = data.get("scheduled_at")
    scheduled: datetime | None
    if isinstance(raw, datetime):
        scheduled = raw
    else:
        try:
            scheduled = parse_datetime(str(raw or "").strip()) if raw else None
        except ValueError:  # well formed but not a moment that exists (a 13th month)
            scheduled = None
    if scheduled is None:
        errors.add("scheduled_at", _("Tanggal dan jam sidang wajib diisi (TTTT-BB-HH JJ:MM)."))
    else:
        if timezone.is_naive(scheduled):
            scheduled = timezone.make_aware(scheduled)
        if timezone.localdate(scheduled) < timezone.localdate():
            errors.add(
                "scheduled_at",
                _("Sidang yang dijadwalkan tidak bisa di tanggal yang sudah lewat."),
            )
    clean: dict[str, Any] = {"scheduled_at": scheduled}
    for field, message in (
        ("court", _("Pengadilan wajib diisi.")),
        ("agenda", _("Agenda sidang wajib diisi.")),
    ):
        text = str(data.get(field) or "").strip()
        if not text:
            errors.add(field, message)
        elif len(text) > HEARING_LIMITS[field]:
            errors.add(field, _("Paling banyak %(n)d karakter.") % {"n": HEARING_LIMITS[field]})
        clean[field] = text
    errors.raise_if_any()
    return clean


def validate_stage_change(legal_case: LegalCase, data: Mapping[str, Any]) -> dict[str, str]:
    """``to_stage`` (a move the workflow allows from the case's stage) and ``reason``
    (required); every field the target stage still needs is named too (``court``,
    ``verdict``, ``charges``…), with the message that it must be filled in first."""
    errors = FieldErrors()
    to_stage = str(data.get("to_stage") or "")
    reason = str(data.get("reason") or "").strip()
    allowed = to_stage in Stage.values and stages.is_allowed(legal_case.stage, to_stage)
    if not allowed:
        errors.add("to_stage", _("Perpindahan tahap ini tidak diizinkan."))
    limit = STAGE_LIMITS["reason"]
    if not reason:
        errors.add("reason", _("Tuliskan alasan perpindahan tahap."))
    elif len(reason) > limit:
        errors.add("reason", _("Paling banyak %(n)d karakter.") % {"n": limit})
    if allowed:
        for field in stages.missing_fields(legal_case, to_stage):
            errors.add(field, _("Wajib diisi sebelum pindah ke tahap ini."))
    errors.raise_if_any()
    return {"to_stage": to_stage, "reason": reason}
