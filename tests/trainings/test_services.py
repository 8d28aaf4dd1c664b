"""Services: validation per field with nothing written, encryption of names, audit rows."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.trainings.conftest import CERTIFICATE_NAME, PARTICIPANT, TRAINING, add
from waspada.audit.models import AuditEvent
from waspada.privacy import services as privacy
from waspada.trainings import services
from waspada.trainings.models import Participant, Training


def test_create_sets_organiser_data_key_and_audits(cast_t):
    training = services.training_create(actor=cast_t.officer, data=TRAINING)
    assert training.organiser == cast_t.organisation
    assert training.data_key_id is not None
    assert training.target_institution_types == ["police", "labour_office"]
    event = AuditEvent.objects.get(action="trainings.training.created")
    assert (event.actor_id, event.object_id) == (cast_t.officer.pk, str(training.pk))
    assert event.details == {"topic": "victim_identification", "year": 2023}


def test_create_reports_every_bad_field_and_writes_nothing(cast_t):
    bad = {
        **TRAINING,
        "title": " ",
        "topic": "cooking",
        "start_date": "2023-03-09",
        "end_date": "2023-03-07",
        "target_institution_types": ["police", "astronaut"],
    }
    with pytest.raises(ValidationError) as caught:
        services.training_create(actor=cast_t.officer, data=bad)
    errors = caught.value.message_dict
    assert set(errors) == {"title", "topic", "end_date", "target_institution_types"}
    assert "sebelum tanggal mulai" in errors["end_date"][0]
    assert "astronaut" in errors["target_institution_types"][0]
    assert not Training.objects.exists()
    assert not AuditEvent.objects.exists()


def test_missing_and_invalid_dates_are_field_errors(cast_t):
    with pytest.raises(ValidationError) as caught:
        services.training_create(
            actor=cast_t.officer, data={**TRAINING, "start_date": "", "end_date": "2023-13-45"}
        )
    assert set(caught.value.message_dict) == {"start_date", "end_date"}


@pytest.mark.parametrize("who", ["caseworker", "analyst", "admin", "no_role"])
def test_only_manager_roles_create(cast_t, who):
    with pytest.raises(PermissionDenied):
        services.training_create(actor=getattr(cast_t, who), data=TRAINING)
    assert not Training.objects.exists()


@pytest.mark.parametrize("who", ["supervisor", "legal_officer"])
def test_supervisor_and_legal_officer_also_manage(cast_t, who):
    training = services.training_create(actor=getattr(cast_t, who), data=TRAINING)
    assert training.organiser == cast_t.organisation


def test_update_changes_fields_and_audits_which(training, cast_t):
    services.training_update(
        actor=cast_t.supervisor, training=training, data={"city": "Bogor"}, version=1
    )
    training.refresh_from_db()
    assert (training.city, training.version, training.title) == ("Bogor", 2, TRAINING["title"])
    event = AuditEvent.objects.get(action="trainings.training.updated")
    assert event.details == {"fields": ["city"]}


def test_update_with_stale_version_conflicts(training, cast_t):
    services.training_update(actor=cast_t.officer, training=training, data={}, version=1)
    with pytest.raises(services.ConflictError):
        services.training_update(
            actor=cast_t.officer, training=training, data={"city": "Bogor"}, version=1
        )
    training.refresh_from_db()
    assert training.city == "Bandung"


def test_other_organisation_cannot_update(training, cast_t):
    with pytest.raises(PermissionDenied):
        services.training_update(
            actor=cast_t.other_officer, training=training, data={"city": "X"}, version=1
        )


def test_participant_scores_are_rounded_and_audited(training, cast_t):
    participant = add(training, cast_t.officer, pre_score="47,25", post_score=81.04)
    participant.refresh_from_db()
    assert (participant.pre_score, participant.post_score) == (Decimal("47.3"), Decimal("81.0"))
    assert participant.sealed_name == ""
    event = AuditEvent.objects.get(action="trainings.participant.added")
    assert event.details == {"training": training.pk, "has_certificate_name": False}


def test_participant_errors_per_field_and_nothing_written(training, cast_t):
    with pytest.raises(ValidationError) as caught:
        add(
            training, cast_t.officer,
            institution_type="pilot", sex="", pre_score="abc", post_score=101,
            role="x" * 121,
        )  # fmt: skip
    assert set(caught.value.message_dict) == {
        "institution_type", "sex", "pre_score", "post_score", "role",
    }  # fmt: skip
    assert not Participant.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="trainings.participant").exists()


def test_certificate_name_is_encrypted_under_the_training_key(training, cast_t):
    participant = add(training, cast_t.officer, certificate_name=CERTIFICATE_NAME)
    stored = Participant.objects.get(pk=participant.pk)
    assert stored.sealed_name and "Wahyuningsih" not in stored.sealed_name
    opened = privacy.open_sealed(
        training.data_key, stored.sealed_name, context=services.name_context(stored)
    )
    assert opened == {"name": CERTIFICATE_NAME}
    event = AuditEvent.objects.get(action="trainings.participant.added")
    assert event.details["has_certificate_name"] is True
    assert "Wahyuningsih" not in str(event.details)
    privacy.data_key_destroy(training.data_key)  # erasure of every name of the training
    assert privacy.open_sealed(training.data_key, stored.sealed_name, context="x") is (
        privacy.ERASED
    )


def test_update_keeps_replaces_or_removes_the_name(training, cast_t):
    participant = add(training, cast_t.officer, certificate_name=CERTIFICATE_NAME)
    sealed = participant.sealed_name
    services.participant_update(
        actor=cast_t.officer,
        participant=participant,
        data={"certificate_name": "", "role": "Kanit"},
    )
    participant.refresh_from_db()
    assert (participant.sealed_name, participant.role) == (sealed, "Kanit")
    event = AuditEvent.objects.filter(action="trainings.participant.updated").last()
    assert event.details == {"training": training.pk, "fields": ["role"], "certificate_name": ""}
    services.participant_update(
        actor=cast_t.officer, participant=participant, data={"certificate_name": "Sri W."}
    )
    participant.refresh_from_db()
    assert participant.sealed_name not in ("", sealed)
    services.participant_update(
        actor=cast_t.officer, participant=participant, data={}, remove_name=True
    )
    participant.refresh_from_db()
    assert participant.sealed_name == ""
    changes = [
        e.details["certificate_name"]
        for e in AuditEvent.objects.filter(action="trainings.participant.updated").order_by("seq")
    ]
    assert changes == ["", "replaced", "removed"]


def test_participant_update_validates(training, cast_t):
    participant = add(training, cast_t.officer)
    with pytest.raises(ValidationError) as caught:
        services.participant_update(
            actor=cast_t.officer, participant=participant, data={"post_score": -1}
        )
    assert set(caught.value.message_dict) == {"post_score"}
    participant.refresh_from_db()
    assert participant.post_score == Decimal("80.0")


def test_remove_is_audited(training, cast_t):
    participant = add(training, cast_t.officer)
    pk = participant.pk
    services.participant_remove(actor=cast_t.legal_officer, participant=participant)
    assert not Participant.objects.exists()
    event = AuditEvent.objects.get(action="trainings.participant.removed")
    assert event.object_id == str(pk)


@pytest.mark.parametrize("who", ["other_officer", "other_legal_officer", "caseworker", "analyst"])
def test_non_managers_cannot_touch_participants(training, cast_t, who):
    participant = add(training, cast_t.officer)
    actor = getattr(cast_t, who)
    with pytest.raises(PermissionDenied):
        add(training, actor)
    with pytest.raises(PermissionDenied):
        services.participant_update(actor=actor, participant=participant, data={"role": "x"})
    with pytest.raises(PermissionDenied):
        services.participant_remove(actor=actor, participant=participant)
    with pytest.raises(PermissionDenied):
        services.participants_import(actor=actor, training=training, content=b"x")
    assert Participant.objects.count() == 1


def test_participant_defaults_from_the_fixture_are_valid():
    from waspada.trainings.validation import validate_participant

    assert validate_participant(PARTICIPANT)["pre_score"] == Decimal("50.0")
