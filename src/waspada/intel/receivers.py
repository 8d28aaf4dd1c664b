"""Sources push their sightings when saved; connected from ``IntelConfig.ready()``.

Each receiver runs inside the source's own transaction, so a sighting exists exactly when its
source was committed. Deleting or erasing a source forgets its sightings (the audit remains).
"""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save
from django.urls import reverse

from waspada.cases.models import Case
from waspada.cases.signals import person_erased, recruiter_contacts_saved
from waspada.evidence.models import EvidenceItem
from waspada.identification.models import Interview
from waspada.identification.signals import recruiter_contacts_saved as interview_contacts_saved
from waspada.intel import aggregates, selectors, services, sources
from waspada.intel.models import Alert, SourceKind
from waspada.intel.signals import alert_raised
from waspada.lapor.models import PublicReport
from waspada.lapor.signals import report_erased
from waspada.legal.models import LegalCase, Suspect
from waspada.notifications.models import Kind
from waspada.notifications.services import notify
from waspada.prevention import extensions
from waspada.prevention.models import SharedOffer


def on_offer_saved(sender: Any, *, instance: SharedOffer, created: bool, **kwargs: Any) -> None:
    if created:
        services.source_index(sources.offer_source(instance))


def on_report_saved(sender: Any, *, instance: PublicReport, **kwargs: Any) -> None:
    # The report is created first and sealed just after (the ciphertext is bound to its id).
    if instance.sealed and "sealed" in (kwargs.get("update_fields") or ()):
        services.source_index(sources.report_source(instance))


def on_recruiter_contacts(sender: Any, *, case: Case, contacts: str, **kwargs: Any) -> None:
    services.source_index(sources.case_source(case, contacts))


def on_case_saved(sender: Any, *, instance: Case, created: bool, **kwargs: Any) -> None:
    # The destination country is kept per cluster: follow a change made without the
    # recruiter contacts (a new case has no sightings yet; its contacts bring the country).
    fields = kwargs.get("update_fields")
    if not created and (fields is None or "destination_country" in fields):
        aggregates.source_country_set(
            kind=SourceKind.CASE, source_id=instance.pk, country=instance.destination_country
        )
    # The same for the date its sightings carry (the recruitment date orders the timeline).
    if not created and (fields is None or "recruited_on" in fields):
        aggregates.source_seen_on_set(
            kind=SourceKind.CASE, source_id=instance.pk, seen_on=sources.case_seen_on(instance)
        )


def on_interview_contacts(
    sender: Any, *, interview: Interview, contacts: str, **kwargs: Any
) -> None:
    services.source_index(sources.interview_source(interview, contacts))


def on_evidence_saved(sender: Any, *, instance: EvidenceItem, **kwargs: Any) -> None:
    # The description is sealed just after the row is created (bound to its id).
    legal_case = instance.legal_case
    if legal_case is not None and "sealed" in (kwargs.get("update_fields") or ()):
        services.source_index(sources.legal_source(legal_case))


def on_evidence_deleted(sender: Any, *, instance: EvidenceItem, **kwargs: Any) -> None:
    if instance.legal_case_id is None:
        return
    legal_case = LegalCase.objects.filter(pk=instance.legal_case_id).first()
    if legal_case is not None:
        services.source_index(sources.legal_source(legal_case))


def on_suspect_saved(sender: Any, *, instance: Suspect, **kwargs: Any) -> None:
    if instance.sealed:
        services.source_index(sources.legal_source(instance.legal_case))


def on_person_erased(sender: Any, *, case: Case, **kwargs: Any) -> None:
    """The person's key is gone: every case of that person (one person may have several),
    their interviews and the reports turned into them stop being sources."""
    case_ids = list(Case.objects.filter(person_id=case.person_id).values_list("pk", flat=True))
    for pk in case_ids:
        services.source_forget(kind=SourceKind.CASE, source_id=pk)
    for pk in Interview.objects.filter(case_id__in=case_ids).values_list("pk", flat=True):
        services.source_forget(kind=SourceKind.INTERVIEW, source_id=pk)
    for pk in PublicReport.objects.filter(case_id__in=case_ids).values_list("pk", flat=True):
        services.source_forget(kind=SourceKind.REPORT, source_id=pk)


def on_report_erased(sender: Any, *, report: PublicReport, **kwargs: Any) -> None:
    services.source_forget(kind=SourceKind.REPORT, source_id=report.pk)


def on_alert_raised(sender: Any, *, alert: Alert, **kwargs: Any) -> None:
    """Tell the watcher in the notification list (and by e-mail, as they chose): the cluster's
    number and a link only, never an identifier."""
    notify(
        users=[alert.user],
        kind=Kind.ALERT,
        params={"code": f"JR-{alert.cluster_id}"},
        link=reverse("intel:cluster", args=[alert.cluster_id]),
        key=f"intel-alert-{alert.pk}",
    )


def on_deleted(sender: Any, *, instance: Any, **kwargs: Any) -> None:
    kind = {
        SharedOffer: SourceKind.OFFER,
        PublicReport: SourceKind.REPORT,
        Case: SourceKind.CASE,
        LegalCase: SourceKind.LEGAL_CASE,
        Interview: SourceKind.INTERVIEW,
    }[type(instance)]
    services.source_forget(kind=kind, source_id=instance.pk)


def connect() -> None:
    uid = "waspada.intel"
    post_save.connect(on_offer_saved, sender=SharedOffer, dispatch_uid=uid)
    post_save.connect(on_report_saved, sender=PublicReport, dispatch_uid=uid)
    post_save.connect(on_suspect_saved, sender=Suspect, dispatch_uid=uid)
    post_save.connect(on_case_saved, sender=Case, dispatch_uid=uid)
    recruiter_contacts_saved.connect(on_recruiter_contacts, dispatch_uid=uid)
    interview_contacts_saved.connect(on_interview_contacts, dispatch_uid=uid)
    post_save.connect(on_evidence_saved, sender=EvidenceItem, dispatch_uid=uid)
    post_delete.connect(on_evidence_deleted, sender=EvidenceItem, dispatch_uid=uid)
    person_erased.connect(on_person_erased, dispatch_uid=uid)
    report_erased.connect(on_report_erased, dispatch_uid=uid)
    alert_raised.connect(on_alert_raised, dispatch_uid=uid)
    for model in (SharedOffer, PublicReport, Case, LegalCase, Interview):
        post_delete.connect(on_deleted, sender=model, dispatch_uid=f"{uid}.{model.__name__}")
    extensions.register_contact_check(selectors.reported_spans)
