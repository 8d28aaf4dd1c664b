"""Receiving public reports and letting their reporters check on them.

A report is validated whole before anything is written; its personal fields are sealed under
a data key of its own, its files cleaned and encrypted under the same key, its recruiter
contacts indexed for matching, and one audit event recorded without any of its content (and
without the reporter's address: a family reporting a relative should not be traceable
through the audit trail). The reporter gets a tracking code and a 6-digit PIN; only a keyed
digest of the PIN is kept.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from waspada import ratelimit
from waspada.audit import services as audit
from waspada.cases.codes import ALPHABET, new_code
from waspada.lapor import contacts, files, priority, reference
from waspada.lapor.models import (
    Channel,
    ContactKind,
    PublicReport,
    ReportAttachment,
    ReportContact,
    ReportKind,
)
from waspada.lapor.validation import validate_report
from waspada.privacy import crypto
from waspada.privacy import services as privacy
from waspada.screening import ScreeningError, screen

CODE_PREFIX = "LPR"
PIN_DIGITS = 6
LOCK_MINUTES = 60
# Sealed in the report: everything a person typed that could identify someone.
SEALED_FIELDS = (
    "person_name", "person_age", "person_birth_year", "person_sex", "person_phone",
    "person_contacts", "city", "place", "landmark", "location_link", "since", "description",
    "reporter_name", "reporter_contact", "reporter_relation", "recruiter_contacts", "company",
)  # fmt: skip
INDEXED_CONTACTS: dict[str, str] = {
    ContactKind.PHONE: "phone", ContactKind.ACCOUNT: "account", ContactKind.EMAIL: "email",
}  # fmt: skip


def context(report: PublicReport) -> str:
    return f"lapor.report:{report.pk}"


def _keyed(purpose: str, text: str) -> str:
    key = crypto.parse_master_key(settings.INDEX_KEY, name="WASPADA_INDEX_KEY")
    return hmac.new(key, f"lapor-{purpose}\x1f{text}".encode(), hashlib.sha256).hexdigest()


def pin_digest(code: str, pin: str) -> str:
    return _keyed("pin", f"{code}\x1f{pin}")


_CODE_SHAPE = re.compile(rf"^{CODE_PREFIX}(\d{{4}})([{ALPHABET}]{{6}})$")


def normalise_code(text: str) -> str:
    """A tracking code as typed ("lpr 2026 7f3k9q", "LPR-2026-7F3K9O") in its stored form:
    case, spaces and dashes do not matter; O reads as 0 and I or L as 1."""
    squeezed = re.sub(r"[^0-9A-Za-z]", "", text).upper()
    if squeezed.startswith(CODE_PREFIX):
        body = squeezed[len(CODE_PREFIX) :].translate(str.maketrans("OIL", "011"))
        squeezed = CODE_PREFIX + body
    match = _CODE_SHAPE.match(squeezed)
    return f"{CODE_PREFIX}-{match[1]}-{match[2]}" if match else text.strip().upper()[:20]


@dataclass(frozen=True)
class Submitted:
    """What the reporter is shown once. ``pin`` is empty when the same form had already
    been sent (``repeated``): the PIN was shown the first time and cannot be shown again."""

    report: PublicReport
    tracking_code: str
    pin: str
    repeated: bool = False


def _indexes(clean: Mapping[str, Any]) -> dict[str, str]:
    name = clean.get("person_name") or ""
    year = clean.get("person_birth_year")
    return {
        "person_phone_index": privacy.index("phone", clean.get("person_phone") or ""),
        "person_name_index": privacy.index("name", name),
        "person_name_birth_index": privacy.index("name", name, extra=str(year)) if year else "",
    }


def _contact_rows(report: PublicReport, recruiter: Iterable[Mapping[str, str]]) -> None:
    rows, seen = [], set()
    for item in recruiter:
        kind, text = item["kind"], item["text"]
        if kind in INDEXED_CONTACTS:
            row = ReportContact(
                report=report, kind=kind, value_index=privacy.index(INDEXED_CONTACTS[kind], text)
            )
        else:
            row = ReportContact(report=report, kind=kind, value=contacts.normalised(kind, text))
        key = (row.kind, row.value_index, row.value)
        if (row.value_index or row.value) and key not in seen:
            seen.add(key)
            rows.append(row)
    ReportContact.objects.bulk_create(rows)


def extracted_contacts(text: str) -> list[dict[str, str]]:
    """Phones, handles, links, e-mail addresses and companies the screening engine finds in
    an offer's text (the recruiter's own words), as recruiter contacts."""
    try:
        entities = screen(text).entities
    except ScreeningError:
        return []
    found = [{"kind": "phone", "text": item["number"]} for item in entities.get("phones", [])]
    for key, kind in (("handles", "handle"), ("links", "link"), ("emails", "email")):
        found += [{"kind": kind, "text": item["text"]} for item in entities.get(key, [])]
    found += [{"kind": "company", "text": item["name"]} for item in entities.get("companies", [])]
    return found


def _clean_files(uploads: Iterable[files.Upload]) -> list[files.CleanFile]:
    uploads = list(uploads)
    if len(uploads) > files.MAX_FILES:
        raise ValidationError(
            {"files": [_("Paling banyak %(n)d berkas per laporan.") % {"n": files.MAX_FILES}]}
        )
    return [files.clean_upload(upload) for upload in uploads]


def _validate(
    data: Mapping[str, Any], uploads: Iterable[files.Upload]
) -> tuple[dict[str, Any], list[files.CleanFile]]:
    """Both the fields and the files, so that every problem is reported at once."""
    errors: dict[str, list[str]] = {}
    clean: dict[str, Any] = {}
    cleaned: list[files.CleanFile] = []
    try:
        clean = validate_report(data)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    try:
        cleaned = _clean_files(uploads)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    return clean, cleaned


def _store_files(report: PublicReport, cleaned: list[files.CleanFile]) -> list[str]:
    key = crypto.unwrap_key(report.data_key.wrapped, privacy.keyring())
    names = []
    for clean_file in cleaned:
        name = files.new_name()
        names.append(name)
        sha256, size = files.write_partial(name, key, clean_file.content)
        attachment = ReportAttachment.objects.create(
            report=report,
            content_type=clean_file.content_type,
            extension=clean_file.extension,
            size=size,
            sha256=sha256,
            storage_name=name,
        )
        attachment.sealed = privacy.seal(
            report.data_key,
            {"file_name": clean_file.original_name},
            context=f"lapor.attachment:{attachment.pk}",
        )
        attachment.save(update_fields=["sealed"])
        transaction.on_commit(lambda name=name: files.promote(name))  # type: ignore[misc]
    return names


def _create(
    clean: Mapping[str, Any], *, channel: str, pin: str, submission: str | None
) -> PublicReport:
    assessed = priority.assess(
        kind=clean["kind"],
        situations=clean["situations"],
        age=clean["person_age"],
        urgent=reference.urgent_situations(),
    )
    data_key = privacy.data_key_create()
    for attempt in range(5):  # a clash of 6 random characters is rare; retry rather than fail
        code = new_code(CODE_PREFIX)
        try:
            with transaction.atomic():
                return PublicReport.objects.create(
                    tracking_code=code,
                    kind=clean["kind"],
                    channel=channel,
                    priority=assessed.level,
                    priority_rank=assessed.rank,
                    priority_reasons=list(assessed.reasons),
                    situations=clean["situations"],
                    country=clean["country"],
                    reporter_province=clean["reporter_province"],
                    seen_on=clean["seen_on"],
                    anonymous=clean["anonymous"],
                    data_key=data_key,
                    pin_digest=pin_digest(code, pin),
                    submission_digest=submission,
                    **_indexes(clean),
                )
        except IntegrityError:
            if submission and PublicReport.objects.filter(submission_digest=submission).exists():
                raise
            if attempt == 4:
                raise
    raise AssertionError("unreachable")


def report_submit(
    *,
    data: Mapping[str, Any],
    uploads: Iterable[files.Upload] = (),
    channel: str = Channel.WEB,
    submission_token: str = "",
    client: str = "",
) -> Submitted:
    """Receive a report from the public. Raises ValidationError naming each bad field
    (``files`` for attachments) before anything is written.

    ``submission_token`` is the form's one-time token: sent again, it returns the report made
    the first time (``repeated``) instead of making a second one.
    """
    clean, cleaned = _validate(data, uploads)
    submission = _keyed("submission", submission_token) if submission_token else None
    if submission:
        earlier = PublicReport.objects.filter(submission_digest=submission).first()
        if earlier is not None:
            return Submitted(earlier, earlier.tracking_code, "", repeated=True)
    pin = "".join(secrets.choice("0123456789") for _ in range(PIN_DIGITS))
    names: list[str] = []
    try:
        with transaction.atomic():
            report = _create(clean, channel=channel, pin=pin, submission=submission)
            report.client_index = privacy.index("client", client) if client else ""
            personal = {field: clean.get(field) for field in SEALED_FIELDS}
            report.sealed = privacy.seal(report.data_key, personal, context=context(report))
            report.save(update_fields=["sealed", "client_index"])
            recruiter = list(clean["recruiter_contacts"])
            if report.kind == ReportKind.SUSPICIOUS_OFFER:
                recruiter += extracted_contacts(clean["description"])
            _contact_rows(report, recruiter)
            names = _store_files(report, cleaned)
            audit.record(
                "lapor.report.submitted",
                obj=report,
                details={
                    "kind": report.kind,
                    "priority": report.priority,
                    "channel": channel,
                    "attachments": len(cleaned),
                },
            )
    except IntegrityError:
        for name in names:
            files.discard(name)
        earlier = PublicReport.objects.filter(submission_digest=submission).first()
        if submission and earlier is not None:  # the same form, sent twice at once
            return Submitted(earlier, earlier.tracking_code, "", repeated=True)
        raise
    except BaseException:
        for name in names:
            files.discard(name)
        raise
    return Submitted(report, report.tracking_code, pin)


def submission_allowed(client: str) -> bool:
    """Count one report from ``client``; False once it sent more than the hourly limit."""
    limit = int(getattr(settings, "WASPADA_LAPOR_RATE_PER_HOUR", 20))
    return not ratelimit.rate_limited("lapor-submit", client, limit=limit, window_seconds=3600)


class TooManyAttempts(Exception):
    """Too many wrong codes or PINs from this client, or for this code: wait (``until``)."""

    def __init__(self, until: datetime | None = None) -> None:
        super().__init__("too many attempts")
        self.until = until


class NotFound(Exception):
    """No report with this code and PIN (which of the two was wrong is not said)."""


def _client_failures_limit() -> int:
    return int(getattr(settings, "WASPADA_LAPOR_STATUS_FAILURES_PER_HOUR", 20))


def report_for_reporter(*, code: str, pin: str, client: str) -> PublicReport:
    """The report whose code and PIN these are, for its reporter's status page.

    Wrong answers count against the client (``WASPADA_LAPOR_STATUS_FAILURES_PER_HOUR``) and,
    when the code exists, against the code: after ``WASPADA_LAPOR_PIN_ATTEMPTS`` wrong PINs in
    a row it is locked for an hour, even for the right PIN. Raises ``NotFound`` or
    ``TooManyAttempts``.
    """
    if ratelimit.hits("lapor-pin", client, window_seconds=3600) >= _client_failures_limit():
        raise TooManyAttempts()
    stored = normalise_code(code)
    report = PublicReport.objects.filter(tracking_code=stored).first()
    now = timezone.now()
    if report is not None and report.pin_locked_until and report.pin_locked_until > now:
        ratelimit.hit("lapor-pin", client, window_seconds=3600)
        raise TooManyAttempts(report.pin_locked_until)
    pin = re.sub(r"\s", "", pin)
    if report is not None and hmac.compare_digest(report.pin_digest, pin_digest(stored, pin)):
        if report.pin_failures:
            PublicReport.objects.filter(pk=report.pk).update(pin_failures=0)
        return report
    ratelimit.hit("lapor-pin", client, window_seconds=3600)
    if report is not None:
        _pin_failed(report, now)
    raise NotFound


def _pin_failed(report: PublicReport, now: datetime) -> None:
    allowed = int(getattr(settings, "WASPADA_LAPOR_PIN_ATTEMPTS", 5))
    with transaction.atomic():
        PublicReport.objects.filter(pk=report.pk).update(pin_failures=F("pin_failures") + 1)
        failures = PublicReport.objects.values_list("pin_failures", flat=True).get(pk=report.pk)
        locked = failures >= allowed
        if locked:
            PublicReport.objects.filter(pk=report.pk).update(
                pin_failures=0, pin_locked_until=now + timedelta(minutes=LOCK_MINUTES)
            )
        audit.record("lapor.report.pin_failed", obj=report, details={"locked": locked})


@dataclass(frozen=True)
class ReporterMessage:
    body: str
    sent_at: datetime


def messages_for_reporter(report: PublicReport) -> list[ReporterMessage]:
    """The messages staff left for the reporter (nothing else of the report)."""
    found = []
    for message in report.messages.filter(to_reporter=True).select_related("report__data_key"):
        opened = privacy.open_sealed(
            report.data_key, message.sealed, context=f"lapor.message:{message.pk}"
        )
        if isinstance(opened, dict):
            found.append(ReporterMessage(opened.get("body", ""), message.created_at))
    return found
