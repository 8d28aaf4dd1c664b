"""Field-level validation shared by the pages, the API and the services.

Every problem is reported against the field it concerns, all at once; services validate
before opening a transaction, so nothing is written while any problem remains.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _

from waspada.accounts.models import Organisation
from waspada.campaigns import reference
from waspada.cases.validation import as_date
from waspada.validation import INT64_MAX, FieldErrors

CAMPAIGN_FIELDS = (
    "title", "channel", "province", "regency", "start_date", "end_date", "audience_type",
    "people_reached", "reached_female", "reached_male", "materials",
)  # fmt: skip
MAX_LENGTHS = {"title": 200, "regency": 80, "materials": 300}
MAX_PEOPLE = 100_000_000  # more than any campaign could reach: a typing mistake


def as_count(value: Any) -> int | None:
    """A whole number of people from an int or a text (``1.250`` or ``1250``); None when
    empty. Raises ValueError when it is not a whole number from 0 up."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int):
        number = value
    else:
        text = str(value).strip().replace(".", "").replace(" ", "")
        if not text.isdigit():
            raise ValueError(value)
        number = int(text)
    if not 0 <= number <= MAX_PEOPLE:
        raise ValueError(value)
    return number


def _texts(data: Mapping[str, Any], clean: dict[str, Any], errors: FieldErrors) -> None:
    for field, limit in MAX_LENGTHS.items():
        value = str(data.get(field) or "").strip()
        if len(value) > limit:
            errors.add(
                field,
                _("Paling banyak %(limit)d karakter (sekarang %(n)d).")
                % {"limit": limit, "n": len(value)},
            )
        clean[field] = value
    if not clean["title"]:
        errors.add("title", _("Judul wajib diisi."))


def _choices(data: Mapping[str, Any], clean: dict[str, Any], errors: FieldErrors) -> None:
    for field, list_name, message in (
        ("channel", "channels", _("Pilih saluran dari daftar.")),
        ("audience_type", "audience_types", _("Pilih jenis sasaran dari daftar.")),
        ("province", "provinces", _("Pilih provinsi dari daftar.")),
    ):
        value = str(data.get(field) or "")
        if value not in reference.codes(list_name):
            errors.add(field, message)
        clean[field] = value


def _dates(data: Mapping[str, Any], clean: dict[str, Any], errors: FieldErrors) -> None:
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
            value = None
        clean[field] = value
    if clean["start_date"] and clean["end_date"] and clean["end_date"] < clean["start_date"]:
        errors.add("end_date", _("Tanggal selesai tidak boleh sebelum tanggal mulai."))


def _reach(data: Mapping[str, Any], clean: dict[str, Any], errors: FieldErrors) -> None:
    for field in ("people_reached", "reached_female", "reached_male"):
        try:
            clean[field] = as_count(data.get(field))
        except ValueError:
            errors.add(field, _("Isi dengan bilangan bulat, 0 atau lebih."))
            clean[field] = None
    total = clean["people_reached"]
    if total is None and "people_reached" not in errors.errors:
        errors.add("people_reached", _("Jumlah orang terjangkau wajib diisi."))
    if total is None:
        return
    for field in ("reached_female", "reached_male"):
        if clean[field] is not None and clean[field] > total:
            errors.add(field, _("Tidak boleh lebih dari jumlah orang terjangkau."))
    female, male = clean["reached_female"], clean["reached_male"]
    if female is not None and male is not None and female + male > total:
        errors.add("reached_male", _("Perempuan ditambah laki-laki melebihi jumlah total."))


def _partners(data: Mapping[str, Any], clean: dict[str, Any], errors: FieldErrors) -> None:
    raw = list(data.get("partners") or [])
    ids: list[int] = []
    for item in raw:
        pk = getattr(item, "pk", item)
        try:
            number = int(pk)
        except (TypeError, ValueError):
            number = 0
        if not 1 <= number <= INT64_MAX:  # beyond what the database's ids can hold
            errors.add("partners", _("Organisasi mitra tidak dikenal."))
            return
        ids.append(number)
    found = set(
        Organisation.objects.filter(pk__in=ids, is_active=True).values_list("pk", flat=True)
    )
    if set(ids) - found:
        errors.add("partners", _("Organisasi mitra tidak dikenal."))
    clean["partners"] = sorted(set(ids))


def validate_campaign(data: Mapping[str, Any]) -> dict[str, Any]:
    """Cleaned values of every campaign field plus ``partners`` (a sorted list of
    organisation ids), or ValidationError({field: [message]})."""
    errors = FieldErrors()
    clean: dict[str, Any] = {}
    _texts(data, clean, errors)
    _choices(data, clean, errors)
    _dates(data, clean, errors)
    _reach(data, clean, errors)
    _partners(data, clean, errors)
    errors.raise_if_any()
    return clean
