"""The one validator of a victim's case, called by the services for the pages and the API.

It is the source of truth for every rule of the input (required, lengths, formats, choices,
dates): the form only parses and displays, the API schema only describes the shape. Every
problem is reported against the field it concerns, all at once, and nothing is written while
any remains (services validate before opening a transaction).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from waspada import regions
from waspada.cases import reference

_NIK = re.compile(r"^\d{16}$")
_PASSPORT = re.compile(r"^[A-Z0-9]{6,9}$")
_PHONE = re.compile(r"^\+?[\d\s().-]{7,20}$")

# Journey dates in the order they must happen.
JOURNEY = ("recruited_on", "departed_on", "arrived_on", "exited_on", "returned_on")
# The longest text each free-text field takes (the form shows it as the input's maxlength).
TEXT_LIMITS = {
    "full_name": 200, "aliases": 200, "address": 500, "family_contact": 300,
    "province_of_origin": 80, "regency_of_origin": 80, "destination_city": 80, "compound": 120,
    "narrative": 10_000, "recruiter_contacts": 2000, "recruitment_place": 120,
    "recruiter_agency": 200, "recruiter_licence": 60,
}  # fmt: skip
# Single choices and multiple choices checked against the reference lists (list, field).
SINGLE_CHOICES = (
    ("scam_typologies", "scam_typology"),
    ("recruitment_channels", "recruitment_channel"),
    ("recruiter_relations", "recruiter_relation"),
    ("education", "education"),
    ("recruiter_kinds", "recruiter_kind"),
    ("case_sources", "case_source"),
)
MULTIPLE_CHOICES = (
    ("exploitation_types", "exploitation_types"),
    ("means_of_control", "means_of_control"),
    ("recruitment_channels", "recruitment_channels"),
    ("exploitation_platforms", "exploitation_platforms"),
    ("vulnerabilities", "vulnerabilities"),
)


def as_date(value: Any) -> date | None:
    """A date from a date or an ISO string; None when empty or invalid."""
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        return None


def _origin(data: Mapping[str, Any], clean: dict[str, Any], err: Any) -> None:
    """Province and regency of origin as Kemendagri codes: a code, a name or a common short
    form ("jabar") is accepted and stored as the code; anything else is a field error."""
    province = ""
    if "province_of_origin" in data:
        text = str(data.get("province_of_origin") or "").strip()
        province = (regions.province_code_for(text) or "") if text else ""
        if text and not province:
            err("province_of_origin", _("Provinsi %(value)s tidak dikenal: pilih dari daftar.")
                % {"value": text[:80]})  # fmt: skip
        clean["province_of_origin"] = province or text
    if "regency_of_origin" in data:
        text = str(data.get("regency_of_origin") or "").strip()
        regency = (regions.regency_code_for(text, province) or "") if text else ""
        if text and not regency:
            err("regency_of_origin", _("Kabupaten/kota %(value)s tidak dikenal di provinsi ini: "
                                       "pilih dari daftar.") % {"value": text[:80]})  # fmt: skip
        clean["regency_of_origin"] = regency or text
        if regency and not province and "province_of_origin" in data:
            clean["province_of_origin"] = regions.regency_province(regency) or ""


def _facts(data: Mapping[str, Any], clean: dict[str, Any], err: Any) -> None:
    """The recruitment facts that depend on each other: the main channel is one of the
    channels; a licensed P3MI is named; a licence number belongs to a licensed P3MI only;
    transit countries are known ISO codes, each once."""
    main = data.get("recruitment_channel")
    channels = data.get("recruitment_channels")
    if "recruitment_channels" in data and main and not isinstance(channels, str):
        channels = list(channels or [])
        if main not in channels:
            clean["recruitment_channels"] = [main, *channels]
    kind = data.get("recruiter_kind") or ""
    if kind == "p3mi" and not str(data.get("recruiter_agency") or "").strip():
        err("recruiter_agency", _("Tulis nama P3MI yang merekrut."))
    licence = str(data.get("recruiter_licence") or "").strip()
    if licence and kind != "p3mi":
        err("recruiter_licence", _("Nomor izin hanya diisi bila perekrutnya P3MI berizin."))
    if "transit_countries" in data:
        given = data.get("transit_countries") or []
        if isinstance(given, str):
            given = [part for part in re.split(r"[,\s;]+", given) if part]
        codes = [str(code).strip().upper() for code in given]
        unknown = [code for code in codes if not reference.is_country(code)]
        if unknown:
            err("transit_countries", _("Kode negara %(code)s tidak dikenal.")
                % {"code": ", ".join(unknown)})  # fmt: skip
        clean["transit_countries"] = list(dict.fromkeys(codes))


def validate_case_fields(data: Mapping[str, Any]) -> dict[str, Any]:
    """Return cleaned values of the given fields or raise ValidationError({field: [msg]})."""
    errors: dict[str, list[str]] = {}
    clean: dict[str, Any] = dict(data)

    def err(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    nik = str(data.get("nik") or "").replace(" ", "").replace(".", "").replace("-", "")
    if nik and not _NIK.match(nik):
        err("nik", _("NIK harus 16 angka (sekarang %(n)d).") % {"n": len(nik)})
    if "nik" in data:
        clean["nik"] = nik
    passport = str(data.get("passport_number") or "").replace(" ", "").upper()
    if passport and not _PASSPORT.match(passport):
        err("passport_number", _("Nomor paspor harus 6–9 huruf atau angka."))
    if "passport_number" in data:
        clean["passport_number"] = passport
    phone = str(data.get("phone") or "").strip()
    if phone and not _PHONE.match(phone):
        err("phone", _("Nomor telepon hanya boleh berisi angka, spasi, +, - dan tanda kurung."))
    if "full_name" in data and not str(data.get("full_name") or "").strip():
        err("full_name", _("Nama lengkap wajib diisi."))
    for field, limit in TEXT_LIMITS.items():
        length = len(str(data.get(field) or "").strip())
        if length > limit:
            err(field, _("Paling banyak %(limit)d karakter (sekarang %(n)d).")
                % {"limit": limit, "n": length})  # fmt: skip
    if "sex" in data and data.get("sex") not in reference.codes("sex"):
        err("sex", _("Pilih jenis kelamin dari daftar."))

    today = timezone.localdate()
    if "birth_date" in data and data.get("birth_date") not in (None, ""):
        birth = as_date(data["birth_date"])
        if birth is None:
            err("birth_date", _("Tanggal lahir tidak valid (format TTTT-BB-HH)."))
        elif birth > today or birth.year < 1900:
            err("birth_date", _("Tanggal lahir tidak mungkin."))
        else:
            clean["birth_date"] = birth

    _origin(data, clean, err)

    country = str(data.get("destination_country") or "").upper()
    if country and not reference.is_country(country):
        err("destination_country", _("Kode negara %(code)s tidak dikenal.") % {"code": country})
    if "destination_country" in data:
        clean["destination_country"] = country

    for list_name, field in SINGLE_CHOICES:
        value = data.get(field)
        if value and value not in reference.codes(list_name):
            err(field, _("Pilihan tidak dikenal: %(value)s") % {"value": value})
    for list_name, field in MULTIPLE_CHOICES:
        values = data.get(field) or []
        if isinstance(values, str):
            err(field, _("Harus berupa daftar kode."))
            continue
        unknown = [v for v in values if v not in reference.codes(list_name)]
        if unknown:
            err(field, _("Pilihan tidak dikenal: %(value)s") % {"value": ", ".join(unknown)})
    _facts(data, clean, err)

    previous: tuple[str, date] | None = None
    for field in JOURNEY:
        raw = data.get(field)
        if raw in (None, ""):
            continue
        value = as_date(raw)
        if value is None:
            err(field, _("Tanggal tidak valid (format TTTT-BB-HH)."))
            continue
        if value > today:
            err(field, _("Tanggal tidak boleh di masa depan."))
        if previous and value < previous[1]:
            err(field, _("Tanggal ini lebih awal dari tanggal sebelumnya dalam perjalanan."))
        previous = (field, value)
        clean[field] = value

    if errors:
        raise ValidationError(errors)
    return clean


def nik_warnings(data: Mapping[str, Any]) -> list[str]:
    """What the NIK says that disagrees with the regency list, the date of birth or the sex.
    Warnings for the caseworker to check and confirm, never a refusal: a NIK issued before a
    regency was split, or a date corrected later, is still the person's NIK."""
    nik = str(data.get("nik") or "").replace(" ", "").replace(".", "").replace("-", "")
    findings = regions.nik_check(
        nik, birth_date=as_date(data.get("birth_date")), sex=str(data.get("sex") or "")
    )
    messages = []
    for finding in findings:
        if finding.field == "region":
            messages.append(_("Kode wilayah NIK (%(code)s) tidak ada di daftar kabupaten/kota "
                              "Kemendagri.") % {"code": finding.expected})  # fmt: skip
        elif finding.field == "sex" and finding.expected == "female":
            messages.append(_("Menurut NIK, orang ini perempuan (tanggal lahir + 40)."))
        elif finding.field == "sex":
            messages.append(_("Menurut NIK, orang ini laki-laki."))
        else:
            messages.append(_("Tanggal lahir menurut NIK: %(date)s (HH-BB-TT).")
                            % {"date": finding.expected})  # fmt: skip
    return messages
