"""Erasing a public report: its data key is destroyed, so its sealed fields, messages and
files can no longer be read; its blind indexes are cleared and its files deleted. Kind,
priority, country, dates and outcome remain for the statistics."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from waspada.audit import services as audit
from waspada.lapor import files
from waspada.lapor.models import PublicReport
from waspada.lapor.signals import report_erased
from waspada.privacy import services as privacy


def report_erase(*, report: PublicReport, actor: Any = None) -> None:
    with transaction.atomic():
        privacy.data_key_destroy(report.data_key)
        PublicReport.objects.filter(pk=report.pk).update(
            sealed="", sealed_close_reason="", person_phone_index="", person_name_index="",
            person_name_birth_index="", erased_at=timezone.now(),
        )  # fmt: skip
        report_erased.send(sender=PublicReport, report=report)
        names = list(report.attachments.values_list("storage_name", flat=True))
        transaction.on_commit(lambda: _discard(names))
        audit.record("lapor.report.erased", actor=actor, obj=report,
                     details={"code": report.tracking_code})  # fmt: skip


def reports_of_case_erase(*, case: Any) -> int:
    """Erase every report that was turned into this case; returns how many."""
    reports = PublicReport.objects.filter(case=case, erased_at__isnull=True)
    count = 0
    for report in reports.select_related("data_key"):
        report_erase(report=report)
        count += 1
    return count


def _discard(names: list[str]) -> None:
    for name in names:
        files.discard(name)
