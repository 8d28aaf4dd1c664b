"""Keep the dashboard's statistics rows current (``reports.facts``).

Connected in ``ReportsConfig.ready``: a saved case, a saved person (sex, age, province), a
saved or deleted repatriation stage (the arrival date), and ``cases_changed`` (changes made
with ``QuerySet.update``) refresh the rows of the cases concerned.
"""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from waspada.cases.models import Case, Person
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


@receiver(post_save, sender=StageEntry, dispatch_uid="reports.facts.stage_saved")
@receiver(post_delete, sender=StageEntry, dispatch_uid="reports.facts.stage_deleted")
def _stage_changed(sender: Any, instance: StageEntry, raw: bool = False, **kwargs: Any) -> None:
    if not raw:
        # The repatriation may be going too (a case being deleted): then there is nothing to do.
        facts.refresh(
            Repatriation.objects.filter(pk=instance.repatriation_id).values_list(
                "case_id", flat=True
            )
        )


@receiver(cases_changed, dispatch_uid="reports.facts.cases_changed")
def _cases_changed(sender: Any, case_ids: list[int], **kwargs: Any) -> None:
    facts.refresh(case_ids)
