"""Export of the organisation's own cases as CSV or XLSX, for its supervisors.

Only cases the organisation owns are exported, never those it sees through a referral, a
transfer's read period or a repatriation stage. Statistical fields are exported with their
labels; the personal fields (decrypted) only when the supervisor gives a reason, which is
kept in the audit trail, and each person's data read is audited as on the case page.
Each export is audited (``imports.cases.exported``), never its content.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from waspada import downloads, regions
from waspada.accounts.models import User
from waspada.accounts.permissions import Perm, can
from waspada.audit import services as audit
from waspada.cases import reference
from waspada.cases.models import PERSONAL_FIELDS, Case, CaseStatus
from waspada.cases.services import person_personal_data
from waspada.privacy import services as privacy

REASON_MIN, REASON_MAX = 10, 300
PROGRESS_EVERY = 500  # rows between two progress updates of a background export


@dataclass(frozen=True)
class ExportRequest:
    fmt: str = "csv"
    status: str = ""
    year: int | None = None
    personal: bool = False
    reason: str = ""


def validate_export(data: ExportRequest) -> ExportRequest:
    """The request, cleaned; or ValidationError naming each bad field."""
    errors: dict[str, list[str]] = {}
    if data.fmt not in downloads.FORMATS:
        errors["fmt"] = [_("Pilih CSV atau XLSX.")]
    if data.status and data.status not in CaseStatus.values:
        errors["status"] = [_("Pilih status dari daftar.")]
    if data.year is not None and not 2000 <= data.year <= timezone.localdate().year:
        errors["year"] = [_("Tahun tidak mungkin.")]
    reason = " ".join(data.reason.split())
    if data.personal and len(reason) < REASON_MIN:
        errors["reason"] = [
            _("Data pribadi hanya diekspor dengan alasan (paling sedikit %(n)d karakter).")
            % {"n": REASON_MIN}
        ]
    elif len(reason) > REASON_MAX:
        errors["reason"] = [_("Paling banyak %(limit)d karakter (sekarang %(n)d).")
                            % {"limit": REASON_MAX, "n": len(reason)}]  # fmt: skip
    if errors:
        raise ValidationError(errors)
    return ExportRequest(data.fmt, data.status, data.year, data.personal, reason)


def own_cases(actor: User, data: ExportRequest) -> QuerySet[Case]:
    """The cases the actor's organisation owns, with the chosen filters."""
    if actor.organisation_id is None:
        return Case.objects.none()
    cases = Case.objects.filter(organisation_id=actor.organisation_id)
    if data.status:
        cases = cases.filter(status=data.status)
    if data.year:
        cases = cases.filter(created_at__year=data.year)
    return cases.select_related("person", "person__data_key").order_by("created_at", "pk")


def _labels(list_name: str, codes: list[str]) -> str:
    return "; ".join(reference.label(list_name, code) for code in codes or [])


def _one(list_name: str, code: str) -> str:
    return reference.label(list_name, code) if code else ""


def _day(value: date | None) -> str:
    return value.isoformat() if value else ""


COLUMNS = (
    ("code", "Kode"), ("registered", "Didaftarkan"), ("status", "Status"),
    ("trafficking_status", "Status korban"),
    ("also_suspect", "Korban sekaligus terlapor/tersangka"),
    ("sex", "Jenis kelamin"), ("age", "Usia saat identifikasi"), ("deceased", "Meninggal dunia"),
    ("province", "Provinsi asal"), ("regency", "Kabupaten/kota asal"), ("education", "Pendidikan"),
    ("case_source", "Kasus diterima dari"), ("destination_country", "Negara tujuan"),
    ("destination_city", "Kota tujuan"), ("compound", "Kompleks / lokasi"),
    ("transit_countries", "Negara transit"), ("recruitment_place", "Tempat perekrutan"),
    ("recruitment_channels", "Saluran perekrutan"),
    ("recruiter_relation", "Hubungan dengan perekrut"),
    ("recruiter_kind", "Jenis perekrut"), ("recruiter_agency", "Nama P3MI / agen"),
    ("recruiter_licence", "Nomor izin P3MI"), ("exploitation_types", "Jenis eksploitasi"),
    ("scam_typology", "Tipologi penipuan"), ("exploitation_platforms", "Platform eksploitasi"),
    ("means_of_control", "Cara pengendalian"), ("vulnerabilities", "Kerentanan"),
    ("recruited_on", "Direkrut"), ("departed_on", "Berangkat"), ("arrived_on", "Tiba"),
    ("exited_on", "Keluar / diselamatkan"), ("returned_on", "Kembali ke rumah"),
)  # fmt: skip
# The column headers are the same in every language (a file is read back by scripts), in
# Indonesian like the import's headers; the personal columns follow, when asked for.
PERSONAL_COLUMNS = (
    ("full_name", "Nama lengkap"), ("aliases", "Nama lain"), ("nik", "NIK"),
    ("passport_number", "Nomor paspor"), ("birth_date", "Tanggal lahir"),
    ("phone", "Telepon"), ("address", "Alamat"), ("family_contact", "Kontak keluarga"),
)  # fmt: skip
assert {name for name, _header in PERSONAL_COLUMNS} <= set(PERSONAL_FIELDS)


def _channels(case: Case) -> list[str]:
    main = [case.recruitment_channel] if case.recruitment_channel else []
    return list(case.recruitment_channels or main)


def _row(case: Case) -> list[Any]:
    person = case.person
    yes = _("ya")
    values = {
        "code": case.code, "registered": timezone.localdate(case.created_at).isoformat(),
        "status": CaseStatus(case.status).label, "trafficking_status":
        case.get_trafficking_status_display() if case.trafficking_status else "",
        "also_suspect": yes if case.also_suspect else "", "sex": _one("sex", person.sex),
        "age": person.age_at_identification, "deceased": yes if person.deceased else "",
        "province": regions.province_name(person.province_of_origin) or person.province_of_origin,
        "regency": regions.regency_name(person.regency_of_origin) or person.regency_of_origin,
        "education": _one("education", person.education),
        "case_source": _one("case_sources", case.case_source),
        "destination_country": reference.country_name(case.destination_country)
        if case.destination_country else "",
        "destination_city": case.destination_city, "compound": case.compound,
        "transit_countries": "; ".join(reference.country_name(c) for c in case.transit_countries),
        "recruitment_place": case.recruitment_place,
        "recruitment_channels": _labels("recruitment_channels", _channels(case)),
        "recruiter_relation": _one("recruiter_relations", case.recruiter_relation),
        "recruiter_kind": _one("recruiter_kinds", case.recruiter_kind),
        "recruiter_agency": case.recruiter_agency, "recruiter_licence": case.recruiter_licence,
        "exploitation_types": _labels("exploitation_types", case.exploitation_types),
        "scam_typology": _one("scam_typologies", case.scam_typology),
        "exploitation_platforms": _labels("exploitation_platforms", case.exploitation_platforms),
        "means_of_control": _labels("means_of_control", case.means_of_control),
        "vulnerabilities": _labels("vulnerabilities", case.vulnerabilities),
        "recruited_on": _day(case.recruited_on), "departed_on": _day(case.departed_on),
        "arrived_on": _day(case.arrived_on), "exited_on": _day(case.exited_on),
        "returned_on": _day(case.returned_on),
    }  # fmt: skip
    return [values[name] for name, _header in COLUMNS]


def _personal(actor: User, case: Case, request: HttpRequest | None) -> list[Any]:
    # The same audited read as the case page's "show personal data" (cases.person.viewed).
    opened = person_personal_data(viewer=actor, case=case, request=request)
    if opened is privacy.ERASED or not isinstance(opened, dict):
        return [_("(dihapus)")] + [""] * (len(PERSONAL_COLUMNS) - 1)
    return [str(opened.get(name) or "") for name, _header in PERSONAL_COLUMNS]


def _rows(
    cases: QuerySet[Case],
    personal: bool,
    actor: User,
    request: HttpRequest | None,
    on_progress: Callable[[int], None] | None = None,
) -> Iterator[list[Any]]:
    yield [header for _name, header in COLUMNS] + (
        [header for _name, header in PERSONAL_COLUMNS] if personal else []
    )
    for done, case in enumerate(cases.iterator(chunk_size=500), start=1):
        row = _row(case)
        if personal:
            row += _personal(actor, case, request)
        yield row
        if on_progress is not None and done % PROGRESS_EVERY == 0:
            on_progress(done)


def _may_export(actor: User) -> None:
    if not actor.is_active or not can(actor, Perm.PROTECTION_APPROVE):
        raise PermissionDenied
    if actor.organisation_id is None:
        raise PermissionDenied


def _details(clean: ExportRequest) -> dict[str, Any]:
    return {"format": clean.fmt, "status": clean.status, "year": clean.year,
            "personal": clean.personal}  # fmt: skip


def export_file(
    *,
    actor: User,
    clean: ExportRequest,
    request: HttpRequest | None = None,
    on_progress: Callable[[int], None] | None = None,
    audit_details: dict[str, Any] | None = None,
) -> downloads.ExportFile:
    """Write the file of an already validated request and audit it (``imports.cases.exported``
    with the filters, the number of rows and ``audit_details``)."""
    _may_export(actor)
    rows = list(_rows(own_cases(actor, clean), clean.personal, actor, request, on_progress))
    stamp = timezone.localdate().isoformat()
    exported = downloads.table_file(f"kasus-{stamp}.{clean.fmt}", clean.fmt, rows,
                                    sheet_name=_("Kasus"))  # fmt: skip
    details = {**_details(clean), "rows": len(rows) - 1, **(audit_details or {})}
    audit.record("imports.cases.exported", actor=actor, obj=None, request=request,
                 details=details)  # fmt: skip
    return exported


def cases_export(
    *, actor: User, data: ExportRequest, request: HttpRequest | None = None
) -> downloads.ExportFile:
    """The organisation's own cases as a CSV or XLSX file, made at once (the API). Supervisors
    only; personal fields only with a reason. Audited with the filters, the number of rows
    and, when personal data was exported, the reason (each person's data read is audited as on
    the case page)."""
    _may_export(actor)
    clean = validate_export(data)
    reason = {"reason": clean.reason} if clean.personal else {}
    return export_file(actor=actor, clean=clean, request=request, audit_details=reason)


def export_requested(
    *, actor: User, data: ExportRequest, request: HttpRequest | None = None
) -> tuple[ExportRequest, int]:
    """Validate a request to be made later (by a background job) and audit it now, with its
    reason (``imports.cases.export_requested``): the reason is kept in the audit trail only,
    never in the job's parameters. Returns the clean request and the audit event's number."""
    _may_export(actor)
    clean = validate_export(data)
    details = {**_details(clean), "reason": clean.reason} if clean.personal else _details(clean)
    event = audit.record("imports.cases.export_requested", actor=actor, obj=None,
                         request=request, details=details)  # fmt: skip
    return clean, event.seq
