"""Registering, reading, updating, erasing cases: validation, encryption, audit."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from tests.case_fixtures import PERSON, SECRETS
from waspada.accounts.roles import Role
from waspada.audit.models import AuditEvent
from waspada.cases import services
from waspada.cases.models import Case, Person
from waspada.cases.selectors import CaseFilters, case_list
from waspada.privacy import services as privacy


def _all_stored_text() -> str:
    """Every value of every table, as a database dump would show them."""
    chunks = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            chunks.extend(str(row) for row in cursor.fetchall())
    return "\n".join(chunks)


def test_personal_values_are_nowhere_in_clear(case_cast):
    stored = _all_stored_text()
    for secret in SECRETS:
        assert secret not in stored, secret
    person = case_cast.case.person
    assert person.sex == "female" and person.age_at_identification is not None


def test_search_by_nik_passport_phone_and_name_still_finds_the_case(case_cast):
    for query in ("3273 0157 0498 0002", "c7654321", "+62 813 2222 9191", "kusuma siti rahmawati"):
        found = case_list(viewer=case_cast.assigned, filters=CaseFilters(query=query))
        assert list(found) == [case_cast.case], query
    # Whole words of a name find it (name-word blind indexes); part of a word does not.
    for query in ("Siti", "RAHMAWATI", "kusuma siti"):
        found = case_list(viewer=case_cast.assigned, filters=CaseFilters(query=query))
        assert list(found) == [case_cast.case], query
    for query in ("Sit", "Rahma", "siti aminah"):
        assert not case_list(viewer=case_cast.assigned, filters=CaseFilters(query=query)), query


def test_reading_personal_data_is_audited(case_cast):
    data = services.person_personal_data(viewer=case_cast.assigned, case=case_cast.case)
    assert data["full_name"] == PERSON["full_name"]
    event = AuditEvent.objects.filter(action="cases.person.viewed").get()
    assert event.actor_id == case_cast.assigned.pk
    assert "Siti" not in str(event.details)


def test_analyst_and_admin_cannot_read_personal_data(case_cast):
    for user in (case_cast.analyst, case_cast.admin):
        with pytest.raises(PermissionDenied):
            services.person_personal_data(viewer=user, case=case_cast.case)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("nik", "12345", "16 angka"),
        ("destination_country", "XX", "tidak dikenal"),
        ("birth_date", "2999-01-01", "tidak mungkin"),
        ("returned_on", "2023-01-01", "lebih awal"),
        ("sex", "robot", "jenis kelamin"),
        ("full_name", "  ", "wajib"),
        ("full_name", "N" * 201, "Paling banyak 200"),
        ("destination_city", "K" * 81, "Paling banyak 80"),
        ("compound", "C" * 121, "Paling banyak 120"),
        ("province_of_origin", "P" * 81, "Paling banyak 80"),
        ("family_contact", "F" * 301, "Paling banyak 300"),
    ],
)
def test_field_validation_names_the_field_and_writes_nothing(make_user, field, value, message):
    user = make_user("cw", Role.CASEWORKER)
    data = {**PERSON, field: value}
    with pytest.raises(ValidationError) as caught:
        services.case_register(actor=user, data=data)
    assert field in caught.value.message_dict
    assert message in " ".join(caught.value.message_dict[field])
    assert not Case.objects.exists() and not Person.objects.exists()
    assert not AuditEvent.objects.filter(action="cases.case.registered").exists()


def test_duplicates_inside_and_outside_the_organisation(case_cast):
    same = services.duplicates_find(viewer=case_cast.colleague, data={"nik": PERSON["nik"]})
    assert [(d.organisation_name, d.case_code) for d in same] == [("IOM Indonesia", None)]
    mine = services.duplicates_find(viewer=case_cast.assigned, data={"phone": "6281322229191"})
    assert mine[0].case_code == case_cast.case.code
    other = services.duplicates_find(
        viewer=case_cast.outsider,
        data={"full_name": "SITI kusuma rahmawati", "birth_date": "1998-04-17"},
    )
    assert other[0].organisation_name == "IOM Indonesia"
    assert other[0].case_code is None
    assert other[0].matched_on == ("name_birth",)
    assert not services.duplicates_find(
        viewer=case_cast.outsider,
        data={"full_name": PERSON["full_name"], "birth_date": "1999-01-01"},
    )


def test_optimistic_locking(case_cast):
    case = case_cast.case
    services.case_update(actor=case_cast.assigned, case=case, data={"compound": "KK"}, version=1)
    with pytest.raises(services.ConflictError):
        services.case_update(
            actor=case_cast.assigned, case=Case.objects.get(pk=case.pk),
            data={"compound": "stale"}, version=1,
        )  # fmt: skip
    case.refresh_from_db()
    assert (case.compound, case.version) == ("KK", 2)


def test_update_reindexes_and_audits_field_names_only(case_cast):
    case = case_cast.case
    services.case_update(
        actor=case_cast.assigned, case=case, data={"nik": "3273015704980009"}, version=case.version
    )
    found = case_list(viewer=case_cast.assigned, filters=CaseFilters(query="3273015704980009"))
    assert list(found) == [case]
    event = AuditEvent.objects.get(action="cases.case.updated")
    assert event.details["personal_fields"] == ["nik"]
    assert "3273015704980009" not in str(event.details)


def test_workflow_and_closing_needs_a_supervisor(case_cast):
    case = case_cast.case
    with pytest.raises(ValidationError):
        services.case_transition(actor=case_cast.assigned, case=case, to_status="return")
    services.case_transition(actor=case_cast.assigned, case=case, to_status="identification")
    with pytest.raises(PermissionDenied):
        services.case_transition(actor=case_cast.assigned, case=case, to_status="closed")
    services.case_transition(actor=case_cast.supervisor, case=case, to_status="closed")
    services.case_transition(
        actor=case_cast.assigned,
        case=case,
        to_status="assistance",
        reason="Korban menghubungi lagi",
    )  # reopen, with a reason
    assert [c.to_status for c in case.status_changes.all()] == [
        "registered", "identification", "closed", "assistance",
    ]  # fmt: skip


def test_erasure_destroys_the_key_and_keeps_statistics(case_cast):
    case = case_cast.case
    services.case_erase(actor=case_cast.admin, case=case)
    case.refresh_from_db()
    person = case.person
    assert person.erased_at is not None and person.sex == "female"
    assert person.data_key.wrapped == "" and person.data_key.destroyed_at is not None
    assert services.person_personal_data(viewer=case_cast.assigned, case=case) is privacy.ERASED
    assert not case_list(viewer=case_cast.assigned, filters=CaseFilters(query=PERSON["nik"]))
    assert AuditEvent.objects.filter(action="cases.person.erased").exists()
    with pytest.raises(PermissionDenied):
        services.case_erase(actor=case_cast.supervisor, case=case)


def test_key_rotation_end_to_end(case_cast, settings):
    from waspada.privacy.crypto import generate_master_key

    old = settings.MASTER_KEY
    settings.MASTER_KEY = generate_master_key()
    settings.MASTER_KEYS_PREVIOUS = [old]
    # still readable during the rotation, through the previous key
    before = services.person_personal_data(viewer=case_cast.assigned, case=case_cast.case)
    result = privacy.keys_rotate()
    assert result.rewrapped >= 1
    settings.MASTER_KEYS_PREVIOUS = []  # the old key is retired
    case = Case.objects.select_related("person__data_key").get(pk=case_cast.case.pk)
    after = services.person_personal_data(viewer=case_cast.assigned, case=case)
    assert after == before
    assert privacy.keys_rotate().rewrapped == 0


def test_erasure_also_destroys_the_keys_of_evidence_on_the_case(case_cast, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from waspada.evidence.models import EvidenceItem
    from waspada.evidence.services import item_upload

    settings.DATA_DIR = tmp_path
    upload = SimpleUploadedFile("receipt.txt", b"Transfer Rp 5.000.000 ke rekening pribadi")
    item_upload(
        actor=case_cast.assigned, case=case_cast.case, upload=upload, kind="transfer_receipt"
    )
    services.case_erase(actor=case_cast.admin, case=case_cast.case)
    item = EvidenceItem.objects.select_related("data_key").get()
    assert item.data_key.wrapped == "" and item.data_key.destroyed_at is not None
