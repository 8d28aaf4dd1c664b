"""What duty officers do with a report: open it, claim it, write notes and messages to the
reporter, and close it as a case, a referral, intelligence, a duplicate or not actionable.

Every step is audited inside the service, with codes and ids only. The first step that the
reporter can see (claiming, a message, closing) is the report's *first response*, measured
against the priority's target. Acting on a report nobody has claimed claims it for the
actor's organisation; a report claimed or closed by another organisation cannot be changed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from waspada.accounts.models import User
from waspada.accounts.permissions import Perm, can
from waspada.audit import services as audit
from waspada.cases import services as case_services
from waspada.cases.models import Case
from waspada.evidence import services as evidence
from waspada.lapor import files
from waspada.lapor.models import (
    Outcome,
    PublicReport,
    ReportAttachment,
    ReportMessage,
    ReportStatus,
)
from waspada.lapor.services import context, normalise_code
from waspada.privacy import crypto
from waspada.privacy import services as privacy
from waspada.referrals.models import ServiceOffering

MESSAGE_MAX = 2000


def can_act(user: Any, report: PublicReport) -> bool:
    """Duty officers of the handling organisation, or of any while nobody has claimed it."""
    if not can(user, Perm.LAPOR_TRIAGE):
        return False
    return report.organisation_id in (None, user.organisation_id)


def _require_open(actor: User, report: PublicReport) -> None:
    if not can_act(actor, report):
        raise PermissionDenied
    if report.status == ReportStatus.CLOSED:
        raise ValidationError({"status": [_("Laporan ini sudah ditutup.")]})


def _responded(report: PublicReport, now: Any) -> list[str]:
    if report.first_response_at is None:
        report.first_response_at = now
        return ["first_response_at"]
    return []


def _claim(actor: User, report: PublicReport, request: HttpRequest | None) -> None:
    """Claim inside the caller's transaction (no-op when the actor's organisation has it)."""
    if report.organisation_id == actor.organisation_id and report.claimed_by_id:
        return
    now = timezone.now()
    report.organisation_id = actor.organisation_id
    report.claimed_by = actor
    report.claimed_at = now
    report.status = ReportStatus.IN_PROGRESS
    changed = ["organisation", "claimed_by", "claimed_at", "status", *_responded(report, now)]
    report.save(update_fields=changed)
    audit.record("lapor.report.claimed", actor=actor, obj=report, request=request,
                 details={"code": report.tracking_code})  # fmt: skip


def report_open(
    *, viewer: User, report: PublicReport, request: HttpRequest | None = None
) -> dict[str, Any] | None:
    """The report's personal fields for a duty officer (the read is audited); None once
    erased."""
    if not can(viewer, Perm.LAPOR_TRIAGE):
        raise PermissionDenied
    audit.record("lapor.report.viewed", actor=viewer, obj=report, request=request,
                 details={"code": report.tracking_code})  # fmt: skip
    opened = privacy.open_sealed(report.data_key, report.sealed, context=context(report))
    return opened if isinstance(opened, dict) else None


def report_claim(
    *, actor: User, report: PublicReport, request: HttpRequest | None = None
) -> PublicReport:
    """Take the report for the actor (and their organisation); a colleague may take over."""
    _require_open(actor, report)
    with transaction.atomic():
        report.claimed_by_id = None  # force: the actor takes it even within their organisation
        _claim(actor, report, request)
    return report


def _message(
    *,
    actor: User,
    report: PublicReport,
    body: str,
    to_reporter: bool,
    request: HttpRequest | None,
) -> ReportMessage:
    _require_open(actor, report)
    body = body.strip()
    if not body:
        raise ValidationError({"body": [_("Tulis pesannya dulu.")]})
    if len(body) > MESSAGE_MAX:
        raise ValidationError({"body": [_("Paling banyak %(n)d karakter.") % {"n": MESSAGE_MAX}]})
    with transaction.atomic():
        _claim(actor, report, request)
        message = ReportMessage.objects.create(
            report=report, to_reporter=to_reporter, sealed="", author=actor
        )
        message.sealed = privacy.seal(
            report.data_key, {"body": body}, context=f"lapor.message:{message.pk}"
        )
        message.save(update_fields=["sealed"])
        if to_reporter:
            fields = _responded(report, timezone.now())
            if fields:
                report.save(update_fields=fields)
        audit.record(
            "lapor.report.message_sent" if to_reporter else "lapor.report.note_added",
            actor=actor, obj=report, request=request,
            details={"code": report.tracking_code, "message": message.pk},
        )  # fmt: skip
    return message


def report_note(
    *, actor: User, report: PublicReport, body: str, request: HttpRequest | None = None
) -> ReportMessage:
    """An internal note, for staff only."""
    return _message(actor=actor, report=report, body=body, to_reporter=False, request=request)


def report_message(
    *, actor: User, report: PublicReport, body: str, request: HttpRequest | None = None
) -> ReportMessage:
    """A message the reporter reads on the status page (no staff name is shown there)."""
    return _message(actor=actor, report=report, body=body, to_reporter=True, request=request)


@dataclass(frozen=True)
class Note:
    body: str
    to_reporter: bool
    author: str
    created_at: Any


def thread(report: PublicReport) -> list[Note]:
    """Notes and messages, oldest first (callers checked access)."""
    found = []
    for message in report.messages.select_related("author"):
        opened = privacy.open_sealed(
            report.data_key, message.sealed, context=f"lapor.message:{message.pk}"
        )
        body = opened.get("body", "") if isinstance(opened, dict) else ""
        author = message.author.get_full_name() or message.author.username if message.author else ""
        found.append(Note(body, message.to_reporter, author, message.created_at))
    return found


def _close(
    actor: User,
    report: PublicReport,
    outcome: Outcome,
    request: HttpRequest | None,
    *,
    fields: tuple[str, ...] = (),
    details: Mapping[str, Any] | None = None,
) -> None:
    _claim(actor, report, request)
    now = timezone.now()
    report.status = ReportStatus.CLOSED
    report.outcome = outcome
    report.closed_by = actor
    report.closed_at = now
    changed = ["status", "outcome", "closed_by", "closed_at", *fields, *_responded(report, now)]
    report.save(update_fields=changed)
    audit.record("lapor.report.closed", actor=actor, obj=report, request=request,
                 details={"code": report.tracking_code, "outcome": str(outcome),
                          **(details or {})})  # fmt: skip


def report_close_intelligence(
    *, actor: User, report: PublicReport, request: HttpRequest | None = None
) -> PublicReport:
    """Keep the report as recruitment intelligence: its recruiter contacts stay indexed and
    searchable (until the intelligence module takes them over)."""
    _require_open(actor, report)
    with transaction.atomic():
        _close(actor, report, Outcome.INTELLIGENCE, request,
               details={"contacts": report.contacts.count()})  # fmt: skip
    return report


def report_close_duplicate(
    *, actor: User, report: PublicReport, of_code: str, request: HttpRequest | None = None
) -> PublicReport:
    """The same matter as an earlier report (linked)."""
    _require_open(actor, report)
    original = PublicReport.objects.filter(tracking_code=normalise_code(of_code)).first()
    if original is None or original.pk == report.pk:
        raise ValidationError({"duplicate_of": [_("Tulis kode laporan lain yang ada.")]})
    with transaction.atomic():
        report.duplicate_of = original
        _close(actor, report, Outcome.DUPLICATE, request, fields=("duplicate_of",),
               details={"duplicate_of": original.tracking_code})  # fmt: skip
    return report


def report_close_not_actionable(
    *, actor: User, report: PublicReport, reason: str, request: HttpRequest | None = None
) -> PublicReport:
    """Nothing can be done; the reason (which may describe people) is sealed."""
    _require_open(actor, report)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": [_("Tulis alasannya.")]})
    if len(reason) > MESSAGE_MAX:
        raise ValidationError({"reason": [_("Paling banyak %(n)d karakter.") % {"n": MESSAGE_MAX}]})
    with transaction.atomic():
        report.sealed_close_reason = privacy.seal(
            report.data_key, {"reason": reason}, context=f"lapor.close:{report.pk}"
        )
        _close(actor, report, Outcome.NOT_ACTIONABLE, request, fields=("sealed_close_reason",))
    return report


def close_reason(report: PublicReport) -> str:
    if not report.sealed_close_reason:
        return ""
    opened = privacy.open_sealed(
        report.data_key, report.sealed_close_reason, context=f"lapor.close:{report.pk}"
    )
    return str(opened.get("reason", "")) if isinstance(opened, dict) else ""


def report_refer(
    *,
    actor: User,
    report: PublicReport,
    offering: ServiceOffering,
    request: HttpRequest | None = None,
) -> PublicReport:
    """Refer the report to an organisation of the service directory (an embassy, KP2MI, the
    police…): that organisation's duty officers can then read it."""
    _require_open(actor, report)
    if not offering.is_active or not offering.organisation.is_active:
        raise ValidationError({"offering": [_("Pilih layanan yang aktif dari direktori.")]})
    if offering.organisation_id == actor.organisation_id:
        raise ValidationError({"offering": [_("Pilih organisasi lain.")]})
    with transaction.atomic():
        report.referred_to_id = offering.organisation_id
        report.referred_service = offering.service_type
        _close(actor, report, Outcome.REFERRAL, request,
               fields=("referred_to", "referred_service"),
               details={"to_organisation_id": offering.organisation_id,
                        "service_type": offering.service_type})  # fmt: skip
    return report


SITUATION_CONTROL = {
    "confined": "confinement",
    "violence": "violence",
    "ransom": "ransom",
    "passport_taken": "passport_confiscated",
}


def case_prefill(report: PublicReport, opened: Mapping[str, Any]) -> dict[str, Any]:
    """The case registration's fields filled from what the report holds."""
    sex = opened.get("person_sex") or ""
    narrative = [str(opened.get("description") or "")]
    for label, key in (
        (_("Sejak"), "since"),
        (_("Patokan"), "landmark"),
        (_("Tautan lokasi"), "location_link"),
        (_("Kontak lain"), "person_contacts"),
        (_("Perkiraan tahun lahir"), "person_birth_year"),
    ):
        if opened.get(key):
            narrative.append(f"{label}: {opened[key]}")
    narrative.append(_("Dari laporan publik %(code)s.") % {"code": report.tracking_code})
    family = ""
    if opened.get("reporter_relation") == "family":
        family = " · ".join(
            str(value) for value in (opened.get("reporter_name"), opened.get("reporter_contact"))
            if value
        )  # fmt: skip
    return {
        "full_name": opened.get("person_name") or "",
        "sex": sex if sex in ("female", "male") else "unknown" if sex else "",
        "phone": opened.get("person_phone") or "",
        "family_contact": family,
        "destination_country": report.country,
        "destination_city": opened.get("city") or "",
        "compound": opened.get("place") or "",
        "means_of_control": [
            SITUATION_CONTROL[code] for code in report.situations if code in SITUATION_CONTROL
        ],
        "exploitation_types": (
            ["forced_criminality_scam"] if "forced_scam" in report.situations else []
        ),
        "narrative": "\n".join(narrative),
    }


def report_convert_to_case(
    *,
    actor: User,
    report: PublicReport,
    data: Mapping[str, Any],
    consents: Mapping[str, bool] | None = None,
    request: HttpRequest | None = None,
) -> Case:
    """Register a case from the report (``data`` is the registration as the officer checked
    it, usually ``case_prefill``), link it, close the report, and hand its attachments to
    the case's evidence vault. One transaction: all of it or nothing."""
    _require_open(actor, report)
    with transaction.atomic():
        case = case_services.case_register(
            actor=actor, data=data, consents=consents, request=request
        )
        report.case = case
        _close(actor, report, Outcome.CASE, request, fields=("case",),
               details={"case": case.code})  # fmt: skip
        key = crypto.unwrap_key(report.data_key.wrapped, privacy.keyring())
        for attachment in report.attachments.all():
            kind = "document" if attachment.extension == "pdf" else "other"
            evidence.item_upload(
                actor=actor, upload=_AttachmentUpload(report, attachment, key), kind=kind,
                description=_("Lampiran laporan publik %(code)s") % {"code": report.tracking_code},
                case=case, request=request,
            )  # fmt: skip
    return case


class AttachmentUnavailable(Exception):
    """The file is missing or its key was destroyed (erased)."""


def attachment_content(
    *,
    actor: User,
    report: PublicReport,
    attachment: ReportAttachment,
    request: HttpRequest | None = None,
) -> Any:
    """The decrypted file for a duty officer who may see the report (the download is audited)."""
    if not can(actor, Perm.LAPOR_TRIAGE):
        raise PermissionDenied
    try:
        key = crypto.unwrap_key(report.data_key.wrapped, privacy.keyring())
        chunks = files.decrypted(attachment.storage_name, key)
    except (OSError, crypto.CryptoError):
        raise AttachmentUnavailable from None
    audit.record("lapor.attachment.downloaded", actor=actor, obj=attachment, request=request,
                 details={"code": report.tracking_code})  # fmt: skip
    return chunks


def attachment_name(report: PublicReport, attachment: ReportAttachment) -> str:
    """The file name the reporter gave (sealed); a neutral one once erased."""
    opened = privacy.open_sealed(
        report.data_key, attachment.sealed, context=f"lapor.attachment:{attachment.pk}"
    )
    name = opened.get("file_name", "") if isinstance(opened, dict) else ""
    return str(name) or f"lampiran-{attachment.pk}.{attachment.extension}"


class _AttachmentUpload:
    """A decrypted attachment, read like an upload by the evidence vault."""

    def __init__(self, report: PublicReport, attachment: ReportAttachment, key: bytes) -> None:
        self.name = attachment_name(report, attachment)
        self.size = attachment.size
        self._content = b"".join(files.decrypted(attachment.storage_name, key))
        self._position = 0

    def read(self, size: int = -1, /) -> bytes:
        end = len(self._content) if size is None or size < 0 else self._position + size
        piece = self._content[self._position : end]
        self._position += len(piece)
        return piece

    def seek(self, offset: int, whence: int = 0, /) -> int:
        self._position = offset
        return offset

    def chunks(self, chunk_size: int | None = None) -> Any:
        step = chunk_size or 64 * 1024
        for start in range(0, len(self._content), step):
            yield self._content[start : start + step]
