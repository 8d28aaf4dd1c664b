"""Recording stages: order, dates, field errors, sealing, permissions, the case's return date."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from tests.repatriation.conftest import register
from waspada.audit.models import AuditEvent
from waspada.cases.models import Case
from waspada.cases.services import case_erase
from waspada.repatriation.models import Repatriation, StageEntry
from waspada.repatriation.services import repatriation_stage_record, stage_notes_open
from waspada.reports.models import CaseFact

NOTE = "Dewi dijemput dari Sihanoukville oleh staf KBRI"


def record(actor, case, stage, on, **extra):  # type: ignore[no-untyped-def]
    return repatriation_stage_record(
        actor=actor, case=case, data={"stage": stage, "reached_on": on, **extra}
    )


def test_first_stage_creates_the_record_and_is_audited(people, org_iom):
    entry = record(
        people.assigned, people.case, "embassy_shelter", "2024-01-12",
        organisation=org_iom.pk, responsible_party="KBRI Phnom Penh",
        cost_idr="1500000", cost_payer="iom",
    )  # fmt: skip
    repatriation = Repatriation.objects.get(case=people.case)
    assert (repatriation.current_stage, repatriation.started_on) == (
        "embassy_shelter", date(2024, 1, 12),
    )  # fmt: skip
    assert entry.cost_idr == 1_500_000 and entry.organisation == org_iom
    event = AuditEvent.objects.get(action="repatriation.stage.recorded")
    assert event.actor_id == people.assigned.pk
    assert event.object_id == str(entry.pk)
    assert event.details["case"] == people.case.code
    assert event.details["stage"] == "embassy_shelter"
    assert event.details["skipped"] == ["in_destination"]
    assert event.details["cost_idr"] == 1_500_000


def test_note_is_sealed_and_reading_it_is_audited(people):
    entry = record(people.assigned, people.case, "in_destination", "2024-01-11", note=NOTE)
    stored = StageEntry.objects.get(pk=entry.pk).sealed_note
    assert stored and "Sihanoukville" not in stored
    assert AuditEvent.objects.get(action="repatriation.stage.recorded").details["has_note"]
    notes = stage_notes_open(viewer=people.supervisor, case=people.case, entries=[entry])
    assert notes == {entry.pk: NOTE}
    event = AuditEvent.objects.get(action="repatriation.notes.viewed")
    assert event.actor_id == people.supervisor.pk
    assert event.details == {"case": people.case.code, "entries": [entry.pk]}
    assert NOTE not in str(event.details)


def test_every_field_error_at_once_and_nothing_written(people):
    future = (timezone.localdate() + timedelta(days=2)).isoformat()
    cases = [
        ({"stage": "", "reached_on": ""}, {"stage", "reached_on"}),
        ({"stage": "teleport", "reached_on": "2024-13-40"}, {"stage", "reached_on"}),
        ({"stage": "departure", "reached_on": future}, {"reached_on"}),
        ({"stage": "departure", "reached_on": "2024-02-01", "cost_idr": -5,
          "cost_payer": "iom"}, {"cost_idr"}),
        ({"stage": "departure", "reached_on": "2024-02-01", "cost_idr": "12.5"}, {"cost_idr"}),
        ({"stage": "departure", "reached_on": "2024-02-01", "cost_idr": 900}, {"cost_payer"}),
        ({"stage": "departure", "reached_on": "2024-02-01", "cost_payer": "bank"},
         {"cost_payer"}),
        ({"stage": "departure", "reached_on": "2024-02-01", "organisation": 99999},
         {"organisation"}),
        ({"stage": "departure", "reached_on": "2024-02-01", "note": "x" * 2001}, {"note"}),
    ]  # fmt: skip
    for data, fields in cases:
        with pytest.raises(ValidationError) as caught:
            repatriation_stage_record(actor=people.assigned, case=people.case, data=data)
        assert set(caught.value.message_dict) == fields, data
    assert not Repatriation.objects.exists()
    assert not StageEntry.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="repatriation.").exists()


def test_stages_follow_the_order_skipping_allowed(people):
    record(people.assigned, people.case, "travel_documents", "2024-01-20")
    with pytest.raises(ValidationError) as earlier:
        record(people.assigned, people.case, "embassy_shelter", "2024-01-25")
    assert list(earlier.value.message_dict) == ["stage"]
    with pytest.raises(ValidationError) as again:
        record(people.assigned, people.case, "travel_documents", "2024-01-25")
    assert "sudah dicatat" in again.value.message_dict["stage"][0]
    with pytest.raises(ValidationError) as backwards:
        record(people.assigned, people.case, "departure", "2024-01-19")
    assert list(backwards.value.message_dict) == ["reached_on"]
    assert StageEntry.objects.count() == 1
    record(people.assigned, people.case, "departure", "2024-01-20")  # same day is fine
    stages = list(StageEntry.objects.values_list("stage", flat=True))
    assert stages == ["travel_documents", "departure"]
    assert Repatriation.objects.get().current_stage == "departure"


def test_arrival_sets_the_return_date_once_and_nothing_else(people):
    case = people.case
    before = Case.objects.get(pk=case.pk)
    record(people.assigned, case, "arrival", "2024-02-03")
    after = Case.objects.get(pk=case.pk)
    assert after.returned_on == date(2024, 2, 3)
    assert CaseFact.objects.get(case=case).repatriated_year == 2024  # dashboard row
    assert (after.version, after.status, after.updated_at, after.exited_on) == (
        before.version, before.status, before.updated_at, before.exited_on,
    )  # fmt: skip
    event = AuditEvent.objects.get(action="repatriation.case.returned_on_set")
    assert event.details == {"case": case.code, "returned_on": "2024-02-03"}
    assert event.object_id == str(case.pk)


def test_arrival_keeps_an_existing_return_date(people):
    Case.objects.filter(pk=people.case.pk).update(returned_on=date(2024, 2, 1))
    record(people.assigned, people.case, "arrival", "2024-02-05")
    assert Case.objects.get(pk=people.case.pk).returned_on == date(2024, 2, 1)
    assert not AuditEvent.objects.filter(action="repatriation.case.returned_on_set").exists()


def test_arrival_before_the_exit_date_is_refused(people):
    with pytest.raises(ValidationError) as caught:
        record(people.assigned, people.case, "arrival", "2024-01-05")  # exited 2024-01-10
    assert list(caught.value.message_dict) == ["reached_on"]
    assert Case.objects.get(pk=people.case.pk).returned_on is None


@pytest.mark.parametrize("who", ["colleague", "outsider", "analyst", "legal"])
def test_only_the_owner_side_with_manage_may_record(people, who):
    with pytest.raises(PermissionDenied):
        record(getattr(people, who), people.case, "in_destination", "2024-01-11")
    assert not StageEntry.objects.exists()


def test_supervisor_may_record(people):
    assert record(people.supervisor, people.case, "in_destination", "2024-01-11").pk


def test_recipient_records_only_stages_of_its_own_organisation(people, org_iom, org_ngo):
    for organisation in (None, org_iom.pk):
        with pytest.raises(ValidationError) as refused:
            record(people.recipient, people.case, "embassy_shelter", "2024-01-12",
                   organisation=organisation)  # fmt: skip
        assert set(refused.value.message_dict) == {"organisation"}
    assert not StageEntry.objects.exists()
    entry = record(people.recipient, people.case, "embassy_shelter", "2024-01-12",
                   organisation=org_ngo.pk, note="Rumah aman YC")  # fmt: skip
    event = AuditEvent.objects.get(action="repatriation.stage.recorded")
    assert event.details["by_recipient"] is True
    owner_entry = record(people.assigned, people.case, "departure", "2024-01-20", note=NOTE)
    # The recipient reads the note of its own stage only; the owner side reads both.
    entries = [entry, owner_entry]
    assert stage_notes_open(viewer=people.recipient, case=people.case, entries=entries) == {
        entry.pk: "Rumah aman YC"
    }
    assert len(stage_notes_open(viewer=people.assigned, case=people.case, entries=entries)) == 2


def test_notes_of_an_erased_person(people):
    entry = record(people.assigned, people.case, "in_destination", "2024-01-11", note=NOTE)
    case_erase(actor=None, case=people.case)
    case = Case.objects.select_related("person__data_key").get(pk=people.case.pk)
    assert stage_notes_open(viewer=people.assigned, case=case, entries=[entry]) == {entry.pk: None}
    with pytest.raises(ValidationError) as caught:
        record(people.assigned, case, "departure", "2024-01-20", note="baru")
    assert list(caught.value.message_dict) == ["note"]
    assert record(people.assigned, case, "departure", "2024-01-20").pk


def test_readers_outside_the_case_get_no_notes(people):
    entry = record(people.assigned, people.case, "in_destination", "2024-01-11", note=NOTE)
    for who in ("colleague", "outsider", "analyst"):
        with pytest.raises(PermissionDenied):
            stage_notes_open(viewer=getattr(people, who), case=people.case, entries=[entry])
    assert not AuditEvent.objects.filter(action="repatriation.notes.viewed").exists()


def test_other_cases_are_independent(people):
    other = register(people.assigned, country="MM")
    record(people.assigned, people.case, "departure", "2024-01-20")
    record(people.assigned, other, "in_destination", "2024-01-02")
    assert Repatriation.objects.count() == 2
