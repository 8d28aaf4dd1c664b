"""Keep the dashboard's statistics rows current (``reports.facts``).

Connected in ``ReportsConfig.ready``: a saved case, a saved person (sex, age, province), a
saved or deleted consent decision (consent to de-identified statistics), a saved or deleted
repatriation stage (the arrival date), and ``cases_changed`` (changes made
with ``QuerySet.update``) refresh the rows of the cases concerned.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from waspada.cases.models import Case, Consent, Person
from waspada.cases.signals import cases_changed
from waspada.repatriation.models import Repatriation, StageEntry
from waspada.reports import facts


@receiver(post_save, sender=Case, dispatch_uid="reports.facts.case")
def _case_saved(sender: Any, instance: Case, raw: bool = False, **kwargs: Any) -> None:
    if not raw:  # fixtures loaded with loaddata are rebuilt as a whole
        facts.refresh([instance.pk])


@receiver(post_save, sender=Person, dispatch_uid="reports.facts.person")
def _person_saved(sender: Any, instance: Person, raw: bool = False, **kwargs: Any) -> None:
    if not raw:
        facts.refresh(instance.cases.values_list("pk", flat=True))


def _deleting_cases(origin: object) -> bool:
    """Whether a deletion started from cases (their rows go with them)."""
    if isinstance(origin, QuerySet):
        return origin.model is Case
    return isinstance(origin, Case)


@receiver(post_save, sender=Consent, dispatch_uid="reports.facts.consent_saved")
@receiver(post_delete, sender=Consent, dispatch_uid="reports.facts.consent_deleted")
def _consent_changed(
    sender: Any, instance: Consent, raw: bool = False, origin: object = None, **kwargs: Any
) -> None:
    if raw or _deleting_cases(origin):
        return
    facts.refresh([instance.case_id])


@receiver(post_save, sender=StageEntry, dispatch_uid="reports.facts.stage_saved")
@receiver(post_delete, sender=StageEntry, dispatch_uid="reports.facts.stage_deleted")
def _stage_changed(
    sender: Any, instance: StageEntry, raw: bool = False, origin: object = None, **kwargs: Any
) -> None:
    # A stage deleted because its case is being deleted: refreshing would re-create the row
    # of a case that is about to disappear.
    if raw or _deleting_cases(origin):
        return
    facts.refresh(
        Repatriation.objects.filter(pk=instance.repatriation_id).values_list("case_id", flat=True)
    )


@receiver(cases_changed, dispatch_uid="reports.facts.cases_changed")
def _cases_changed(sender: Any, case_ids: list[int], **kwargs: Any) -> None:
    facts.refresh(case_ids)
