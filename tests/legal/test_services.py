"""Services: validation per field, nothing written on error, audit rows, workflow rules."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from tests.legal.conftest import audit_actions
from waspada.audit.models import AuditEvent
from waspada.legal import records, services, stages
from waspada.legal.models import Charge, LegalCase, StageChange, Suspect
from waspada.privacy import services as privacy


def _move(legal_cast, to_stage, reason="alasan"):  # type: ignore[no-untyped-def]
    legal_case = LegalCase.objects.get(pk=legal_cast.legal_case.pk)
    return services.stage_change(
        actor=legal_cast.officer,
        legal_case=legal_case,
        to_stage=to_stage,
        reason=reason,
        version=legal_case.version,
    )


def test_create_records_code_stage_history_and_audit(legal_cast):
    legal_case = legal_cast.legal_case
    assert legal_case.code.startswith("LGL-") and len(legal_case.code) == 15
    assert legal_case.stage == "report"
    assert legal_case.organisation_id == legal_cast.officer.organisation_id
    assert list(legal_case.stage_changes.values_list("to_stage", flat=True)) == ["report"]
    assert "legal.legal_case.created" in audit_actions(legal_case)
    assert "legal.legal_case.shared" in audit_actions(legal_case)
    assert "legal.legal_case.victim_linked" in audit_actions(legal_case)


def test_create_requires_title_and_writes_nothing(legal_cast):
    before = (LegalCase.objects.count(), AuditEvent.objects.count())
    with pytest.raises(ValidationError) as exc:
        services.legal_case_create(
            actor=legal_cast.officer, data={"title": " ", "fine_idr": -5, "verdict": "maybe"}
        )
    assert set(exc.value.message_dict) == {"title", "fine_idr", "verdict"}
    assert (LegalCase.objects.count(), AuditEvent.objects.count()) == before


@pytest.mark.parametrize("who", ["caseworker", "analyst", "admin"])
def test_create_refused_outside_legal_roles(legal_cast, who):
    with pytest.raises(PermissionDenied):
        services.legal_case_create(actor=getattr(legal_cast, who), data={"title": "x"})


def test_notes_are_sealed(legal_cast):
    legal_case = services.legal_case_create(
        actor=legal_cast.officer, data={"title": "t", "notes": "Saksi kunci bernama Wati"}
    )
    assert "Wati" not in legal_case.sealed_notes
    assert services.legal_case_notes(legal_case) == "Saksi kunci bernama Wati"


def test_stage_change_names_missing_fields_and_writes_nothing(legal_cast):
    changes = StageChange.objects.count()
    with pytest.raises(ValidationError) as exc:
        _move(legal_cast, "verdict")
    assert {"charges", "court", "verdict"} <= set(exc.value.message_dict)
    with pytest.raises(ValidationError) as exc:
        _move(legal_cast, "prosecution")
    assert set(exc.value.message_dict) == {"charges"}
    assert StageChange.objects.count() == changes
    assert LegalCase.objects.get(pk=legal_cast.legal_case.pk).stage == "report"


def test_stage_change_forward_records_who_when_why(legal_cast):
    change = _move(legal_cast, "p21", reason="Berkas dinyatakan lengkap oleh jaksa")
    legal_case = LegalCase.objects.get(pk=legal_cast.legal_case.pk)
    assert legal_case.stage == "p21" and legal_case.version == 2
    assert change.from_stage == "report" and change.changed_by == legal_cast.officer
    assert "lengkap" not in change.sealed_reason
    assert services.stage_reason(legal_case, change) == "Berkas dinyatakan lengkap oleh jaksa"
    event = AuditEvent.objects.filter(action="legal.legal_case.stage_changed").get()
    assert event.details == {"from": "report", "to": "p21"}


def test_stage_change_needs_reason_and_refuses_backwards(legal_cast):
    _move(legal_cast, "investigation")
    with pytest.raises(ValidationError) as exc:
        _move(legal_cast, "report")
    assert "to_stage" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        _move(legal_cast, "p21", reason=" ")
    assert set(exc.value.message_dict) == {"reason"}


def test_appeal_may_return_to_verdict(legal_cast):
    legal_case = legal_cast.legal_case
    records.charge_add(
        actor=legal_cast.officer, legal_case=legal_case, data={"article_key": "ptppo-4"}
    )
    services.legal_case_update(
        actor=legal_cast.officer,
        legal_case=legal_case,
        data={"court": "PN Cianjur", "verdict": "acquitted"},
        version=legal_case.version,
    )
    _move(legal_cast, "verdict")
    _move(legal_cast, "appeal")
    _move(legal_cast, "verdict")
    assert stages.allowed_targets("appeal") == ["verdict", "final"]
    assert LegalCase.objects.get(pk=legal_case.pk).stage == "verdict"


def test_stale_version_is_a_conflict(legal_cast):
    legal_case = legal_cast.legal_case
    with pytest.raises(services.ConflictError):
        services.stage_change(
            actor=legal_cast.officer,
            legal_case=legal_case,
            to_stage="investigation",
            reason="r",
            version=99,
        )
    assert LegalCase.objects.get(pk=legal_case.pk).stage == "report"


@pytest.mark.parametrize("who", ["sharee_officer", "outsider_officer", "caseworker"])
def test_only_owner_managers_write(legal_cast, who):
    with pytest.raises(PermissionDenied):
        services.stage_change(
            actor=getattr(legal_cast, who),
            legal_case=legal_cast.legal_case,
            to_stage="investigation",
            reason="r",
            version=1,
        )


def test_supervisor_of_owner_manages(legal_cast):
    change = services.stage_change(
        actor=legal_cast.supervisor,
        legal_case=legal_cast.legal_case,
        to_stage="investigation",
        reason="r",
        version=1,
    )
    assert change.to_stage == "investigation"


def test_charge_copies_both_penalty_regimes_and_date(legal_cast):
    charge = records.charge_add(
        actor=legal_cast.officer,
        legal_case=legal_cast.legal_case,
        data={"article_key": "ptppo-4", "offence_date": "2022-06-01"},
    )
    assert charge.article == "4" and "Rp120–600 juta" in charge.penalty_before_2026
    assert "kategori VII" in charge.penalty_from_2026
    assert str(charge.offence_date) == "2022-06-01" and charge.reference_version
    assert audit_actions(charge) == ["legal.charge.added"]


def test_charge_validation(legal_cast):
    with pytest.raises(ValidationError) as exc:
        records.charge_add(
            actor=legal_cast.officer,
            legal_case=legal_cast.legal_case,
            data={"article_key": "nope", "offence_date": "2999-01-01"},
        )
    assert set(exc.value.message_dict) == {"article_key", "offence_date"}
    assert Charge.objects.count() == 0


def test_suspect_is_encrypted_indexed_and_reads_are_audited(legal_cast):
    suspect = records.suspect_add(
        actor=legal_cast.officer,
        legal_case=legal_cast.legal_case,
        data={
            "full_name": "Budi Perekrut",
            "aliases": "Bos B",
            "nationality": "id",
            "identifiers": "0812-1111-2222",
            "role": "recruiter",
        },
    )
    stored = Suspect.objects.get(pk=suspect.pk)
    assert "Budi" not in stored.sealed and "1111" not in stored.sealed
    assert stored.name_index == privacy.index("name", "Budi Perekrut")
    assert stored.data_key_id != legal_cast.legal_case.data_key_id
    personal = records.suspect_personal_data(viewer=legal_cast.sharee_officer, suspect=stored)
    assert isinstance(personal, dict) and personal["full_name"] == "Budi Perekrut"
    assert personal["nationality"] == "ID"
    assert audit_actions(stored) == ["legal.suspect.added", "legal.suspect.viewed"]
    with pytest.raises(PermissionDenied):
        records.suspect_personal_data(viewer=legal_cast.caseworker, suspect=stored)


def test_suspect_validation(legal_cast):
    with pytest.raises(ValidationError) as exc:
        records.suspect_add(
            actor=legal_cast.officer,
            legal_case=legal_cast.legal_case,
            data={"full_name": "", "nationality": "XX", "role": "boss"},
        )
    assert set(exc.value.message_dict) == {"full_name", "nationality", "role"}
    assert Suspect.objects.count() == 0


def test_hearing_validation_and_audit(legal_cast):
    with pytest.raises(ValidationError) as exc:
        records.hearing_add(
            actor=legal_cast.officer,
            legal_case=legal_cast.legal_case,
            data={"scheduled_at": "", "court": "", "agenda": ""},
        )
    assert set(exc.value.message_dict) == {"scheduled_at", "court", "agenda"}
    hearing = records.hearing_add(
        actor=legal_cast.officer,
        legal_case=legal_cast.legal_case,
        data={"scheduled_at": timezone.now() + timedelta(days=2), "court": "PN", "agenda": "Saksi"},
    )
    assert audit_actions(hearing) == ["legal.hearing.added"]


def test_linking_needs_a_visible_victim_case(legal_cast):
    # The legal officer is not assigned to the victim's case, so cannot see or link it.
    other = services.legal_case_create(actor=legal_cast.officer, data={"title": "t"})
    with pytest.raises(ValidationError) as exc:
        services.victim_case_link(
            actor=legal_cast.officer, legal_case=other, case_code=legal_cast.victim_case.code
        )
    assert set(exc.value.message_dict) == {"case_code"}
    assert not other.victim_cases.exists()


def test_share_rules(legal_cast, org_ngo, org_iom):
    for organisation_id in (org_ngo.pk, org_iom.pk, None):
        with pytest.raises(ValidationError):
            services.legal_case_share(
                actor=legal_cast.officer,
                legal_case=legal_cast.legal_case,
                organisation_id=organisation_id,
            )
    services.legal_case_unshare(
        actor=legal_cast.officer, legal_case=legal_cast.legal_case, organisation_id=org_ngo.pk
    )
    assert "legal.legal_case.unshared" in audit_actions(legal_cast.legal_case)


def test_durations_are_derived_from_changes(legal_cast):
    _move(legal_cast, "investigation")
    start = timezone.now() - timedelta(days=10)
    changes = list(legal_cast.legal_case.stage_changes.all())
    StageChange.objects.filter(pk=changes[0].pk).update(changed_at=start)
    StageChange.objects.filter(pk=changes[1].pk).update(changed_at=start + timedelta(days=4))
    spans = stages.spans(legal_cast.legal_case.stage_changes.all())
    assert [(s.stage, s.days) for s in spans][0] == ("report", 4.0)
    assert spans[1].ended_at is None and spans[1].days == pytest.approx(6.0, abs=0.1)


def test_update_validates_restitution_and_lpsk(legal_cast):
    legal_case = legal_cast.legal_case
    with pytest.raises(ValidationError) as exc:
        services.legal_case_update(
            actor=legal_cast.officer,
            legal_case=legal_case,
            version=legal_case.version,
            data={
                "restitution_awarded_idr": 10,
                "restitution_paid_idr": 20,
                "lpsk_requested": False,
                "lpsk_granted": True,
            },
        )
    assert set(exc.value.message_dict) == {"restitution_paid_idr", "lpsk_granted"}
    assert LegalCase.objects.get(pk=legal_case.pk).version == 1


def test_amounts_are_bounded(legal_cast):
    with pytest.raises(ValidationError) as caught:
        services.legal_case_create(
            actor=legal_cast.officer, data={"title": "Perkara", "fine_idr": 10**16}
        )
    assert list(caught.value.message_dict) == ["fine_idr"]


def test_suspect_texts_are_bounded_by_the_validator(legal_cast):
    """The form's limits used to be the only ones: the API stored any length."""
    with pytest.raises(ValidationError) as exc:
        records.suspect_add(
            actor=legal_cast.officer,
            legal_case=legal_cast.legal_case,
            data={"full_name": "Tersangka", "aliases": "A" * 201, "identifiers": "I" * 501,
                  "role": "recruiter"},
        )  # fmt: skip
    assert set(exc.value.message_dict) == {"aliases", "identifiers"}
    assert Suspect.objects.count() == 0
