"""Field-level validation of a public report (shared by the pages, the API and the service).

Every problem is reported against its field, all at once, and nothing is written while any
remains. Messages are written for the public: plain words, what to do.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from waspada.campaigns import reference as campaign_reference
from waspada.cases import reference as case_reference
from waspada.lapor import contacts, reference
from waspada.lapor.models import ReportKind
from waspada.validation import FieldErrors

DESCRIPTION_MAX = 5000
SHORT_MAX = 200
LINK_MAX = 500
MAX_RECRUITER_CONTACTS = 20
SEXES = ("female", "male", "unknown")

# Free-text fields and their longest length.
TEXT_FIELDS: dict[str, int] = {
    "person_name": SHORT_MAX,
    "person_contacts": SHORT_MAX,
    "city": 120,
    "place": SHORT_MAX,
    "landmark": SHORT_MAX,
    "location_link": LINK_MAX,
    "since": 100,
    "reporter_name": SHORT_MAX,
    "reporter_contact": SHORT_MAX,
    "company": SHORT_MAX,
}


def _text(data: Mapping[str, Any], field: str) -> str:
    value = data.get(field)
    return "" if value is None else str(value).strip()


def _int(data: Mapping[str, Any], field: str, errors: FieldErrors, message: str) -> int | None:
    value = data.get(field)
    if value in (None, ""):
        return None
    try:
        return int(str(value).strip())
    except ValueError:
        errors.add(field, message)
        return None


def validate_report(data: Mapping[str, Any]) -> dict[str, Any]:
    """Cleaned report fields, or ValidationError({field: [message]}) naming every problem."""
    errors = FieldErrors()
    clean: dict[str, Any] = {field: _text(data, field) for field in TEXT_FIELDS}
    kind = _text(data, "kind")
    if kind not in ReportKind.values:
        errors.add("kind", _("Pilih jenis laporan: sos, suspicious_offer atau other."))
    clean["kind"] = kind
    description = _text(data, "description")
    if not description:
        errors.add("description", _("Ceritakan dulu apa yang terjadi, walau singkat."))
    elif len(description) > DESCRIPTION_MAX:
        errors.add(
            "description",
            _("Cerita terlalu panjang: paling banyak %(max)d karakter (sekarang %(n)d).")
            % {"max": DESCRIPTION_MAX, "n": len(description)},
        )
    clean["description"] = description
    for field, limit in TEXT_FIELDS.items():
        if len(clean[field]) > limit:
            errors.add(field, _("Paling banyak %(max)d karakter.") % {"max": limit})

    phone = _text(data, "person_phone")
    if phone and not contacts.is_phone(phone):
        errors.add(
            "person_phone",
            _(
                "Ini bukan nomor telepon: tulis angka saja, boleh diawali + "
                "(contoh 0812 3456 7890)."
            ),
        )
    clean["person_phone"] = phone

    this_year = timezone.localdate().year
    age = _int(data, "person_age", errors, _("Umur harus berupa angka."))
    if age is not None and not 0 <= age <= 120:
        errors.add("person_age", _("Umur harus antara 0 dan 120 tahun."))
        age = None
    birth_year = _int(data, "person_birth_year", errors, _("Tahun lahir harus berupa angka."))
    if birth_year is not None and not this_year - 120 <= birth_year <= this_year:
        errors.add(
            "person_birth_year",
            _("Tahun lahir harus antara %(first)d dan %(last)d.")
            % {"first": this_year - 120, "last": this_year},
        )
        birth_year = None
    if age is None and birth_year is not None:
        age = this_year - birth_year
    if birth_year is None and age is not None:
        birth_year = this_year - age  # approximate: used for matching, give or take a year
    clean["person_age"], clean["person_birth_year"] = age, birth_year

    sex = _text(data, "person_sex")
    if sex and sex not in SEXES:
        errors.add("person_sex", _("Pilih jenis kelamin dari daftar."))
    clean["person_sex"] = sex

    country = _text(data, "country").upper()
    if country and not case_reference.is_country(country):
        errors.add(
            "country",
            _("Kode negara %(code)s tidak dikenal (pakai kode dua huruf, misalnya KH).")
            % {"code": country},
        )
    clean["country"] = country

    situations = [str(code) for code in (data.get("situations") or [])]
    unknown = [code for code in situations if code not in reference.codes("situations")]
    if unknown:
        errors.add(
            "situations", _("Pilihan tidak dikenal: %(codes)s") % {"codes": ", ".join(unknown)}
        )
    clean["situations"] = [c for c in reference.codes("situations") if c in situations]

    clean["anonymous"] = bool(data.get("anonymous"))
    if clean["anonymous"]:
        clean["reporter_name"] = clean["reporter_contact"] = ""  # not kept when anonymous
    contact = clean["reporter_contact"]
    looks_numeric = contact and "@" not in contact and not any(ch.isalpha() for ch in contact)
    if looks_numeric and not contacts.is_phone(contact):
        errors.add(
                "reporter_contact",
                _("Ini bukan nomor telepon: tulis angka saja, boleh diawali + "
                  "(contoh 0812 3456 7890), atau alamat surel."),
            )  # fmt: skip
    for field, list_name in (("reporter_relation", "relations"), ("seen_on", "seen_on")):
        value = _text(data, field)
        if value and value not in reference.codes(list_name):
            errors.add(field, _("Pilih dari daftar."))
        clean[field] = value
    province = _text(data, "reporter_province")
    if province and province not in campaign_reference.codes("provinces"):
        errors.add("reporter_province", _("Pilih provinsi dari daftar."))
    clean["reporter_province"] = province

    recruiter = _recruiter_contacts(data.get("recruiter_contacts"), errors)
    company = clean["company"]
    if company and not any(item["kind"] == "company" for item in recruiter):
        recruiter.append({"kind": "company", "text": company})
    clean["recruiter_contacts"] = recruiter
    errors.raise_if_any()
    return clean


def _recruiter_contacts(raw: Any, errors: FieldErrors) -> list[dict[str, str]]:
    """Each contact as ``{"kind", "text"}``. Items are strings (the kind is guessed) or
    ``(kind, text)`` pairs from a form field that says what it holds."""
    if isinstance(raw, str):
        raw = raw.splitlines()
    found: list[dict[str, str]] = []
    for item in raw or []:
        kind, text = item if isinstance(item, tuple | list) else ("", item)
        text = str(text).strip()
        if not text:
            continue
        if len(text) > contacts.MAX_LENGTH:
            errors.add(
                "recruiter_contacts",
                _("Setiap kontak paling banyak %(max)d karakter.") % {"max": contacts.MAX_LENGTH},
            )
            continue
        found.append({"kind": kind or contacts.classify(text), "text": text})
    if len(found) > MAX_RECRUITER_CONTACTS:
        errors.add(
            "recruiter_contacts",
            _("Paling banyak %(max)d kontak perekrut.") % {"max": MAX_RECRUITER_CONTACTS},
        )
    return found
