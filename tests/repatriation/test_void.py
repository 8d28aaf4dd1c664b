"""A stage entered by mistake is voided with a reason: kept in the history, audited, counted
nowhere, and the stages it had passed over can be recorded again (a later stage recorded
first used to lock five earlier ones as "skipped" for good)."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.repatriation.test_services import record
from waspada.audit.models import AuditEvent
from waspada.repatriation import selectors
from waspada.repatriation.models import Repatriation, StageEntry
from waspada.repatriation.services import repatriation_stage_void, stage_void_reason


def test_voiding_a_later_stage_frees_the_skipped_ones(people):
    record(people.assigned, people.case, "embassy_shelter", "2024-01-12")
    wrong = record(people.assigned, people.case, "departure", "2024-01-20")
    assert "travel_documents" in [s.code for s in selectors.summary(people.case).skipped]
    with pytest.raises(ValidationError):
        record(people.assigned, people.case, "travel_documents", "2024-01-21")

    repatriation_stage_void(actor=people.assigned, entry=wrong, reason="Salah pilih tahap")

    summary = selectors.summary(people.case)
    assert [e.stage for e in summary.entries] == ["embassy_shelter"]
    assert [s.code for s in summary.skipped] == ["in_destination"]  # before the first stage
    assert Repatriation.objects.get().current_stage == "embassy_shelter"
    record(people.assigned, people.case, "travel_documents", "2024-01-21")
    record(people.assigned, people.case, "departure", "2024-01-25")  # the same stage again
    # the history keeps the voided entry with its reason, sealed
    voided = selectors.voided_entries(people.case)
    assert [(e.stage, e.voided_by) for e in voided] == [("departure", people.assigned)]
    assert "Salah" not in voided[0].sealed_void_reason
    assert stage_void_reason(voided[0]) == "Salah pilih tahap"
    assert StageEntry.all_objects.count() == 4 and StageEntry.objects.count() == 3
    event = AuditEvent.objects.get(action="repatriation.stage.voided")
    assert event.details["stage"] == "departure" and "Salah" not in str(event.details)


def test_a_reason_is_required_and_only_recorders_may_void(people):
    entry = record(people.assigned, people.case, "embassy_shelter", "2024-01-12")
    with pytest.raises(ValidationError) as caught:
        repatriation_stage_void(actor=people.assigned, entry=entry, reason="  ")
    assert list(caught.value.message_dict) == ["reason"]
    with pytest.raises(PermissionDenied):
        repatriation_stage_void(actor=people.outsider, entry=entry, reason="x")
    assert StageEntry.objects.count() == 1


def test_the_case_tab_voids_with_a_reason_and_shows_the_history(client, people):
    entry = record(people.assigned, people.case, "departure", "2024-01-20")
    client.force_login(people.assigned)
    url = f"/perlindungan/kasus/{people.case.code}/pemulangan/tahap/{entry.pk}/batalkan/"
    tab = client.get(f"/perlindungan/kasus/{people.case.code}/?tab=pemulangan").text
    assert url in tab
    refused = client.post(url, {"reason": ""}, follow=True)
    assert "Tuliskan mengapa" in refused.text
    done = client.post(url, {"reason": "Tercatat di kasus yang salah"}, follow=True)
    assert "dibatalkan" in done.text and "Tercatat di kasus yang salah" in done.text
    assert not StageEntry.objects.exists()
