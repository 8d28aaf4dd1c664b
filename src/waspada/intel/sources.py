"""What each source says: the identifiers an offer, a report, a case, an identification
interview or a legal case names.

Texts go through the screening engine's extraction (``extract``); structured contact fields
(a report's, a case's or an interview's "recruiter contacts", a suspect's identifiers) through
``normalise``, with extraction for lines that are not one identifier alone. A legal case's
source is its suspects' identifiers and the descriptions of its evidence items together.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from django.utils import timezone

from waspada.cases.models import Case
from waspada.cases.services import case_recruiter_contacts
from waspada.evidence.models import EvidenceItem
from waspada.evidence.services import item_sealed
from waspada.identification.models import Interview
from waspada.identification.services import interview_recruiter_contacts
from waspada.intel.extract import identifiers_in
from waspada.intel.models import SourceKind
from waspada.intel.normalise import Identifier, identify_many
from waspada.intel.services import Source
from waspada.lapor.models import PublicReport, ReportKind
from waspada.lapor.services import context as report_context
from waspada.legal.models import LegalCase
from waspada.legal.records import suspect_identifiers
from waspada.prevention.models import SharedOffer
from waspada.privacy import services as privacy


def _distinct(items: list[Identifier]) -> list[Identifier]:
    out: list[Identifier] = []
    for item in items:
        if all((o.kind, o.value) != (item.kind, item.value) for o in out):
            out.append(item)
    return out


def _public_key(kind: SourceKind, client_index: str, pk: int) -> str:
    # Without a known client address a public submission is not independent of others.
    return f"client:{client_index}" if client_index else f"public:{kind}:unknown"


def offer_source(offer: SharedOffer) -> Source:
    return Source(
        SourceKind.OFFER,
        offer.pk,
        None,
        timezone.localdate(offer.created_at),
        _public_key(SourceKind.OFFER, offer.client_index, offer.pk),
        identifiers_in(offer.text),
    )


def report_source(report: PublicReport) -> Source:
    opened: Any = privacy.open_sealed(
        report.data_key, report.sealed, context=report_context(report)
    )
    found: list[Identifier] = []
    if isinstance(opened, dict):
        for item in opened.get("recruiter_contacts") or []:
            found += identify_many(str(item.get("text") or ""), identifiers_in)
        if report.kind == ReportKind.SUSPICIOUS_OFFER:  # the recruiter's own words
            found += identifiers_in(str(opened.get("description") or ""))
    return Source(
        SourceKind.REPORT,
        report.pk,
        report.organisation_id,
        timezone.localdate(report.created_at),
        _public_key(SourceKind.REPORT, report.client_index, report.pk),
        _distinct(found),
    )


def case_seen_on(case: Case) -> date:
    """The date a case's sightings carry: when the person was recruited, else registered."""
    return case.recruited_on or timezone.localdate(case.created_at)


def case_source(case: Case, contacts: str | None = None) -> Source:
    text = case_recruiter_contacts(case) if contacts is None else contacts
    return Source(
        SourceKind.CASE,
        case.pk,
        case.organisation_id,
        case_seen_on(case),
        f"staff:case:{case.pk}",
        identify_many(text, identifiers_in),
        case.destination_country,
    )


def interview_source(interview: Interview, contacts: str | None = None) -> Source:
    text = interview_recruiter_contacts(interview) if contacts is None else contacts
    return Source(
        SourceKind.INTERVIEW,
        interview.pk,
        interview.case.organisation_id,
        interview.interviewed_on,
        f"staff:interview:{interview.pk}",
        identify_many(text, identifiers_in),
    )


def legal_source(legal_case: LegalCase) -> Source:
    """The suspects' identifiers and what the evidence descriptions name (free text, through
    the extraction), as one source."""
    found: list[Identifier] = []
    for suspect in legal_case.suspects.select_related("data_key"):
        found += identify_many(suspect_identifiers(suspect), identifiers_in)
    items = EvidenceItem.objects.filter(legal_case=legal_case).select_related("data_key")
    for item in items.order_by("pk"):
        # Free text; a line that is one identifier alone ("BCA 123…") is read as such.
        found += identify_many(item_sealed(item).description, identifiers_in)
    return Source(
        SourceKind.LEGAL_CASE,
        legal_case.pk,
        legal_case.organisation_id,
        legal_case.police_report_date or timezone.localdate(legal_case.created_at),
        f"staff:legal_case:{legal_case.pk}",
        _distinct(found),
    )


def count_sources() -> int:
    return (
        SharedOffer.objects.count()
        + PublicReport.objects.filter(erased_at__isnull=True).count()
        + Case.objects.count()
        + Interview.objects.count()
        + LegalCase.objects.count()
    )


def all_sources(batch: int = 500) -> Iterator[Source]:
    """Every source in the database, read in batches (for ``intel rebuild``)."""
    for offer in SharedOffer.objects.order_by("pk").iterator(chunk_size=batch):
        yield offer_source(offer)
    reports = PublicReport.objects.filter(erased_at__isnull=True).select_related("data_key")
    for report in reports.order_by("pk").iterator(chunk_size=batch):
        yield report_source(report)
    cases = Case.objects.select_related("person__data_key").order_by("pk")
    for case in cases.iterator(chunk_size=batch):
        yield case_source(case)
    interviews = Interview.objects.select_related("case__person__data_key").order_by("pk")
    for interview in interviews.iterator(chunk_size=batch):
        yield interview_source(interview)
    for legal_case in LegalCase.objects.order_by("pk").iterator(chunk_size=batch):
        yield legal_source(legal_case)
