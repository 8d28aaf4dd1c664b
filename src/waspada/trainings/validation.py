"""Field-level validation shared by the pages, the API, the CSV import and the services.

Every problem is reported against the field it concerns, all at once; services validate
before opening a transaction, so nothing is written while any problem remains.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from waspada.cases.validation import as_date
from waspada.trainings import reference
from waspada.validation import FieldErrors

TRAINING_FIELDS = (
    "title", "topic", "start_date", "end_date", "province", "city",
    "target_institution_types", "notes",
)  # fmt: skip
PARTICIPANT_FIELDS = (
    "institution_type", "institution_name", "role", "sex", "attended", "pre_score", "post_score",
)  # fmt: skip
MAX_LENGTHS = {
    "title": 200, "province": 80, "city": 80, "notes": 5000,
    "institution_name": 200, "role": 120, "certificate_name": 200,
}  # fmt: skip
_TENTH = Decimal("0.1")


def as_score(value: Any) -> Decimal | None:
    """A score from a number or a text (``87,5`` or ``87.5``), rounded to one decimal.

    Raises ValueError when the value is not a number from 0 to 100; None when empty."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise ValueError(value)
    try:
        number = Decimal(str(value).strip().replace(",", "."))
    except InvalidOperation as exc:
        raise ValueError(value) from exc
    if not number.is_finite() or number < 0 or number > 100:
        raise ValueError(value)
    return number.quantize(_TENTH, rounding=ROUND_HALF_UP)


def _text(data: Mapping[str, Any], field: str, clean: dict[str, Any], errors: FieldErrors) -> None:
    value = str(data.get(field) or "").strip()
    if len(value) > MAX_LENGTHS[field]:
        errors.add(
            field,
            _("Paling banyak %(limit)d karakter (sekarang %(n)d).")
            % {"limit": MAX_LENGTHS[field], "n": len(value)},
        )
    clean[field] = value


def validate_training(data: Mapping[str, Any]) -> dict[str, Any]:
    """Cleaned values of every training field, or ValidationError({field: [message]})."""
    errors = FieldErrors()
    clean: dict[str, Any] = {}
    for field in ("title", "province", "city", "notes"):
        _text(data, field, clean, errors)
    if not clean["title"]:
        errors.add("title", _("Judul wajib diisi."))
    topic = str(data.get("topic") or "")
    if topic not in reference.codes("topics"):
        errors.add("topic", _("Pilih topik dari daftar."))
    clean["topic"] = topic
    for field, missing in (
        ("start_date", _("Tanggal mulai wajib diisi.")),
        ("end_date", _("Tanggal selesai wajib diisi.")),
    ):
        raw = data.get(field)
        value = as_date(raw)
        if raw in (None, ""):
            errors.add(field, missing)
        elif value is None:
            errors.add(field, _("Tanggal tidak valid (format TTTT-BB-HH)."))
        elif not 2000 <= value.year <= 2100:
            errors.add(field, _("Tahun harus antara 2000 dan 2100."))
        clean[field] = value
    if clean["start_date"] and clean["end_date"] and clean["end_date"] < clean["start_date"]:
        errors.add("end_date", _("Tanggal selesai tidak boleh sebelum tanggal mulai."))
    targets = list(data.get("target_institution_types") or [])
    unknown = [t for t in targets if t not in reference.codes("institution_types")]
    if unknown:
        errors.add(
            "target_institution_types",
            _("Pilihan tidak dikenal: %(value)s") % {"value": ", ".join(map(str, unknown))},
        )
    clean["target_institution_types"] = [
        code for code in reference.codes("institution_types") if code in targets
    ]
    errors.raise_if_any()
    return clean


def validate_participant(data: Mapping[str, Any]) -> dict[str, Any]:
    """Cleaned values of every participant field (plus ``certificate_name`` when given),
    or ValidationError({field: [message]})."""
    errors = FieldErrors()
    clean: dict[str, Any] = {}
    for field in ("institution_name", "role"):
        _text(data, field, clean, errors)
    institution_type = str(data.get("institution_type") or "")
    if institution_type not in reference.codes("institution_types"):
        errors.add("institution_type", _("Pilih jenis instansi dari daftar."))
    clean["institution_type"] = institution_type
    sex = str(data.get("sex") or "")
    if sex not in reference.codes("sex"):
        errors.add("sex", _("Pilih jenis kelamin dari daftar."))
    clean["sex"] = sex
    attended = data.get("attended", True)
    if not isinstance(attended, bool):
        errors.add("attended", _("Isi hadir dengan ya atau tidak."))
    clean["attended"] = attended
    for field in ("pre_score", "post_score"):
        try:
            clean[field] = as_score(data.get(field))
        except ValueError:
            errors.add(field, _("Nilai harus angka dari 0 sampai 100."))
    if "certificate_name" in data:
        _text(data, "certificate_name", clean, errors)
    errors.raise_if_any()
    return clean
