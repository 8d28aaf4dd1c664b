"""Erasing a person reaches the public report that became their case."""

from __future__ import annotations

import pytest

from waspada.audit.models import AuditEvent
from waspada.cases.services import case_erase
from waspada.lapor import files, services, triage
from waspada.lapor.models import PublicReport
from waspada.privacy import services as privacy

pytestmark = pytest.mark.django_db


def test_erasing_the_case_erases_the_report_it_came_from(
    sos_data, duty, django_capture_on_commit_callbacks
):
    from tests.lapor.test_files import png_with_text, upload

    with django_capture_on_commit_callbacks(execute=True):
        report = services.report_submit(
            data=sos_data, uploads=[upload("a.png", png_with_text())]
        ).report
    other = services.report_submit(data=sos_data).report
    triage.report_message(actor=duty, report=report, body="Kami menghubungi Anda")
    with django_capture_on_commit_callbacks(execute=True):
        case = triage.report_convert_to_case(
            actor=duty,
            report=report,
            data=triage.case_prefill(report, triage.report_open(viewer=duty, report=report)),
        )
    storage = report.attachments.get().storage_name
    with django_capture_on_commit_callbacks(execute=True):
        case_erase(actor=None, case=case)
    erased = PublicReport.objects.get(pk=report.pk)
    assert erased.erased_at is not None and erased.sealed == ""
    assert erased.person_phone_index == "" and erased.person_name_birth_index == ""
    assert privacy.open_sealed(erased.data_key, "x", context="y") is privacy.ERASED
    assert services.messages_for_reporter(erased) == []
    assert not files.final_path(storage).exists()
    assert (erased.kind, erased.priority, erased.country) == ("sos", "urgent", "KH")
    assert AuditEvent.objects.filter(action="lapor.report.erased").count() == 1
    # a report that did not become this case is untouched
    assert PublicReport.objects.get(pk=other.pk).erased_at is None
