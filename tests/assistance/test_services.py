"""Services of the plan, follow-ups and services delivered: validation, rules, locking, audit."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.assistance.conftest import make_overdue, today_plus
from waspada.assistance import services
from waspada.assistance.models import FollowUp, Goal, ServiceDelivery
from waspada.audit.models import AuditEvent
from waspada.cases.services import ConflictError, case_erase

GOAL_TEXT = "Pemulihan trauma setelah dipukul di kompleks Sihanoukville"


def _goal(cast_, **data):  # type: ignore[no-untyped-def]
    payload = {"description": GOAL_TEXT, "target_date": today_plus(30), **data}
    return services.goal_create(actor=cast_.assigned, case=cast_.case, data=payload)


def _service(cast_, actor=None, **data):  # type: ignore[no-untyped-def]
    payload = {
        "service_type": "medical",
        "status": "completed",
        "started_on": today_plus(-10),
        "ended_on": today_plus(-2),
        "outcome": "achieved",
        "note": "Luka di punggung dirawat",
        "cost_idr": "1.500.000",
        **data,
    }
    return services.service_record(actor=actor or cast_.assigned, case=cast_.case, data=payload)


def test_goal_created_sealed_and_audited(cast_):
    goal = _goal(cast_)
    assert goal.status == "open"
    assert GOAL_TEXT not in goal.sealed_description
    assert "Sihanoukville" not in goal.sealed_description
    event = AuditEvent.objects.get(action="assistance.goal.created")
    assert event.object_id == str(goal.pk)
    assert event.details == {"case": cast_.case.code, "status": "open"}
    texts = services.notes_open(viewer=cast_.assigned, case=cast_.case, items=[goal])
    assert texts == {("goal", goal.pk): GOAL_TEXT}
    viewed = AuditEvent.objects.get(action="assistance.notes.viewed")
    assert viewed.details == {"case": cast_.case.code, "goals": [goal.pk]}


def test_goal_validation_per_field_writes_nothing(cast_):
    with pytest.raises(ValidationError) as exc:
        services.goal_create(
            actor=cast_.assigned,
            case=cast_.case,
            data={"description": "  ", "target_date": "31-12-2025", "status": "maybe"},
        )
    assert set(exc.value.message_dict) == {"description", "target_date", "status"}
    assert not Goal.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="assistance.").exists()


def test_goal_update_with_stale_version_conflicts(cast_):
    goal = _goal(cast_)
    services.goal_update(actor=cast_.supervisor, goal=goal, data={"status": "achieved"}, version=1)
    goal.refresh_from_db()
    assert (goal.status, goal.version) == ("achieved", 2)
    with pytest.raises(ConflictError):
        services.goal_update(
            actor=cast_.assigned, goal=goal, data={"description": "lain", "status": "dropped"},
            version=1,
        )  # fmt: skip
    goal.refresh_from_db()
    assert (goal.status, goal.version) == ("achieved", 2)
    texts = services.notes_open(viewer=cast_.assigned, case=cast_.case, items=[goal])
    assert texts[("goal", goal.pk)] == GOAL_TEXT
    event = AuditEvent.objects.get(action="assistance.goal.updated")
    assert event.details["fields"] == ["status"]
    assert event.actor_id == cast_.supervisor.pk


@pytest.mark.parametrize("who", ["recipient", "outsider", "analyst", "legal"])
def test_plan_is_written_only_by_the_owning_side(cast_, who):
    actor = getattr(cast_, who)
    with pytest.raises(PermissionDenied):
        services.goal_create(actor=actor, case=cast_.case, data={"description": "x"})
    with pytest.raises(PermissionDenied):
        services.follow_up_create(
            actor=actor, case=cast_.case, data={"due_on": today_plus(3), "note": "x"}
        )
    assert not Goal.objects.exists() and not FollowUp.objects.exists()


def test_colleague_not_assigned_cannot_write(cast_):
    # Not assigned, so the case is outside the colleague's scope.
    with pytest.raises(PermissionDenied):
        services.goal_create(actor=cast_.colleague, case=cast_.case, data={"description": "x"})


def test_follow_up_created_and_completed_once(cast_):
    follow_up = services.follow_up_create(
        actor=cast_.assigned,
        case=cast_.case,
        data={"due_on": today_plus(7), "note": "Cek apakah sudah kontrol ke psikolog"},
    )
    assert "psikolog" not in follow_up.sealed_note
    make_overdue(follow_up, days=4)
    services.follow_up_complete(actor=cast_.supervisor, follow_up=follow_up)
    follow_up.refresh_from_db()
    assert follow_up.done_at is not None and follow_up.done_by == cast_.supervisor
    event = AuditEvent.objects.get(action="assistance.follow_up.completed")
    assert event.details == {"case": cast_.case.code, "days_late": 4}
    with pytest.raises(ValidationError) as exc:
        services.follow_up_complete(actor=cast_.assigned, follow_up=follow_up)
    assert "done_at" in exc.value.message_dict
    assert AuditEvent.objects.filter(action="assistance.follow_up.completed").count() == 1


def test_follow_up_validation(cast_):
    with pytest.raises(ValidationError) as exc:
        services.follow_up_create(
            actor=cast_.assigned, case=cast_.case, data={"due_on": today_plus(-1), "note": ""}
        )
    assert set(exc.value.message_dict) == {"due_on", "note"}
    with pytest.raises(ValidationError) as exc:
        services.follow_up_create(
            actor=cast_.assigned, case=cast_.case, data={"due_on": "", "note": "x" * 301}
        )
    assert set(exc.value.message_dict) == {"due_on", "note"}
    assert not FollowUp.objects.exists()


def test_service_recorded_with_cost_and_sealed_note(cast_):
    service = _service(cast_)
    assert service.cost_idr == 1_500_000
    assert service.recorded_by_organisation == cast_.case.organisation
    assert "punggung" not in service.sealed_note
    event = AuditEvent.objects.get(action="assistance.service.recorded")
    assert event.details == {
        "case": cast_.case.code,
        "service_type": "medical",
        "status": "completed",
    }


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"service_type": "massage"}, "service_type"),
        ({"status": "paused"}, "status"),
        ({"outcome": "great"}, "outcome"),
        ({"ended_on": today_plus(-20)}, "ended_on"),  # before the start
        ({"ended_on": today_plus(2)}, "ended_on"),  # in the future
        ({"ended_on": ""}, "ended_on"),  # completed needs an end
        ({"started_on": "", "ended_on": ""}, "started_on"),
        ({"started_on": "2024-02-30"}, "started_on"),
        ({"cost_idr": "-5"}, "cost_idr"),
        ({"cost_idr": "12,5"}, "cost_idr"),
        ({"cost_idr": -1}, "cost_idr"),
        ({"provider_organisation": 999_999}, "provider_organisation"),
    ],
)
def test_service_validation_per_field(cast_, data, field):
    with pytest.raises(ValidationError) as exc:
        _service(cast_, **data)
    assert field in exc.value.message_dict
    assert not ServiceDelivery.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="assistance.").exists()


def test_planned_service_may_start_in_the_future(cast_):
    service = _service(cast_, status="planned", started_on=today_plus(5), ended_on="",
                       outcome="", cost_idr="")  # fmt: skip
    assert service.started_on is not None and service.cost_idr is None


def test_recipient_records_only_its_own_services(cast_):
    service = _service(cast_, actor=cast_.recipient, service_type="legal_aid")
    assert service.provider_organisation == cast_.org_ngo
    assert service.recorded_by_organisation == cast_.org_ngo
    with pytest.raises(ValidationError) as exc:
        _service(cast_, actor=cast_.recipient, provider_organisation=cast_.case.organisation_id)
    assert "provider_organisation" in exc.value.message_dict
    # It may edit what it delivers, not what the owner recorded.
    services.service_update(
        actor=cast_.recipient, service=service, data={"outcome": "partly"}, version=1
    )
    owners = _service(cast_)
    with pytest.raises(PermissionDenied):
        services.service_update(
            actor=cast_.recipient, service=owners, data={"outcome": "partly"}, version=1
        )
    # Notes: the recipient reads its own service's note, never the owner's.
    texts = services.notes_open(viewer=cast_.recipient, case=cast_.case, items=[service, owners])
    assert set(texts) == {("servicedelivery", service.pk)}


@pytest.mark.parametrize("who", ["outsider", "analyst", "legal"])
def test_others_cannot_record_services(cast_, who):
    with pytest.raises(PermissionDenied):
        _service(cast_, actor=getattr(cast_, who))
    assert not ServiceDelivery.objects.exists()


def test_service_update_checks_the_whole_and_locks(cast_):
    service = _service(cast_)
    with pytest.raises(ValidationError) as exc:
        services.service_update(
            actor=cast_.assigned, service=service, data={"started_on": today_plus(-1)}, version=1
        )
    assert "ended_on" in exc.value.message_dict  # the stored end is now before the start
    updated = services.service_update(
        actor=cast_.assigned, service=service, data={"cost_idr": 200_000}, version=1
    )
    assert (updated.cost_idr, updated.version) == (200_000, 2)
    note = services.notes_open(viewer=cast_.assigned, case=cast_.case, items=[updated])
    assert note[("servicedelivery", service.pk)] == "Luka di punggung dirawat"  # kept
    with pytest.raises(ConflictError):
        services.service_update(
            actor=cast_.assigned, service=service, data={"cost_idr": 1}, version=1
        )
    service.refresh_from_db()
    assert service.cost_idr == 200_000
    event = AuditEvent.objects.get(action="assistance.service.updated")
    assert event.details["fields"] == ["cost_idr"]


def test_after_erasure_text_is_gone_and_new_text_refused(cast_):
    goal = _goal(cast_)
    service = _service(cast_, note="")
    case_erase(actor=None, case=cast_.case)
    cast_.case.person.data_key.refresh_from_db()
    texts = services.notes_open(viewer=cast_.assigned, case=cast_.case, items=[goal, service])
    assert texts[("goal", goal.pk)] is None
    assert texts[("servicedelivery", service.pk)] == ""
    with pytest.raises(ValidationError) as exc:
        _goal(cast_)
    assert "description" in exc.value.message_dict
    # Statistical records can still be kept.
    assert _service(cast_, note="").pk
