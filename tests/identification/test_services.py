"""Services: recording interviews, deciding, approving and rejecting; audit; sealing."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from tests.identification.conftest import ACTUAL, SUMMARY, answers
from waspada.audit.models import AuditEvent
from waspada.cases.models import Case
from waspada.cases.services import ConflictError, case_erase, case_register
from waspada.identification import services
from waspada.identification.models import DecisionState, IdentificationPolicy, Interview
from waspada.reports.models import CaseFact


def _case(case_cast) -> Case:
    return Case.objects.get(pk=case_cast.case.pk)


def test_record_stores_codes_proposal_and_sealed_summary(case_cast):
    interview = services.interview_record(
        actor=case_cast.assigned, case=case_cast.case, data=ACTUAL
    )
    interview.refresh_from_db()
    assert interview.interviewer == case_cast.assigned
    assert str(interview.interviewed_on) == "2023-06-20"
    assert interview.process_codes == ["recruitment", "transport"]
    assert interview.means_codes == ["confinement", "fraud_deception"]  # reference order
    assert interview.proposed_status == "actual"
    assert interview.state == DecisionState.UNDECIDED
    assert "Sihanoukville" not in interview.sealed_summary
    with connection.cursor() as cursor:
        cursor.execute("SELECT sealed_summary FROM identification_interview")
        assert "Hendra" not in cursor.fetchone()[0]
    event = AuditEvent.objects.get(action="identification.interview.recorded")
    assert event.object_id == str(interview.pk)
    assert event.details == {"case": case_cast.case.code, "proposed_status": "actual"}
    texts = services.interview_texts(viewer=case_cast.assigned, interview=interview)
    assert texts.summary == SUMMARY
    assert AuditEvent.objects.filter(action="identification.interview.viewed").count() == 1


def test_child_needs_no_means(case_cast):
    child = case_register(
        actor=case_cast.assigned,
        data={"full_name": "Anak", "sex": "male", "birth_date": "2012-01-01"},
    )
    interview = services.interview_record(
        actor=case_cast.assigned, case=child, data=answers(means=[], ilo=[])
    )
    assert interview.proposed_status == "actual"
    assert interview.proposed_reasons[1]["child_age"] == child.person.age_at_identification


def test_record_reports_every_bad_field_and_writes_nothing(case_cast):
    before = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as caught:
        services.interview_record(
            actor=case_cast.assigned,
            case=case_cast.case,
            data={
                "interviewed_on": "2999-01-01",
                "process": ["recruitment", "teleportation"],
                "means": "fraud_deception",
                "summary": "x" * 10_001,
            },
        )
    errors = caught.value.message_dict
    assert set(errors) == {"interviewed_on", "process", "means", "summary"}
    assert "teleportation" in errors["process"][0]
    assert not Interview.objects.exists()
    assert AuditEvent.objects.count() == before
    with pytest.raises(ValidationError) as caught:
        services.interview_record(
            actor=case_cast.assigned, case=case_cast.case, data={"interviewed_on": "20-6-2023"}
        )
    assert "interviewed_on" in caught.value.message_dict


@pytest.mark.parametrize("who", ["recipient", "analyst", "admin"])
def test_only_the_owning_side_with_manage_may_record(referred, who):
    with pytest.raises(PermissionDenied):
        services.interview_record(actor=getattr(referred, who), case=referred.case, data=ACTUAL)
    assert not Interview.objects.exists()


def test_decision_requires_status_and_reason(case_cast, interview):
    with pytest.raises(ValidationError) as caught:
        services.decision_record(
            actor=case_cast.assigned, interview=interview, status="maybe", reason="  "
        )
    assert set(caught.value.message_dict) == {"status", "reason"}
    interview.refresh_from_db()
    assert interview.state == DecisionState.UNDECIDED and interview.sealed_reason == ""
    assert not AuditEvent.objects.filter(action="identification.decision.recorded").exists()


def test_decision_waits_for_approval_by_default(case_cast, pending):
    pending.refresh_from_db()
    assert pending.state == DecisionState.PENDING_APPROVAL
    assert (pending.decided_status, pending.decided_by) == ("actual", case_cast.assigned)
    assert pending.requires_approval and "unsur" not in pending.sealed_reason
    assert _case(case_cast).trafficking_status == ""  # not yet in effect
    event = AuditEvent.objects.get(action="identification.decision.recorded")
    assert event.details["status"] == "actual" and event.details["requires_approval"] is True
    with pytest.raises(ValidationError):  # already decided
        services.decision_record(
            actor=case_cast.assigned, interview=pending, status="possible", reason="lagi"
        )


def test_approval_sets_the_case_status_and_is_audited(case_cast, org_iom, pending):
    case_version = _case(case_cast).version
    with pytest.raises(PermissionDenied):  # caseworkers do not approve
        services.decision_approve(actor=case_cast.assigned, interview=pending)
    approved = services.decision_approve(actor=case_cast.supervisor, interview=pending)
    approved.refresh_from_db()
    assert approved.state == DecisionState.DECIDED
    assert approved.approved_by == case_cast.supervisor and approved.approved_at
    case = _case(case_cast)
    assert case.trafficking_status == "actual"
    assert case.trafficking_decided_by == org_iom
    assert case.version == case_version + 1
    assert CaseFact.objects.get(case=case).trafficking_status == "actual"  # dashboard row
    event = AuditEvent.objects.get(action="identification.trafficking_status.set")
    assert event.object_id == str(case.pk)
    assert event.details == {"from": "", "to": "actual", "interview": approved.pk}
    assert AuditEvent.objects.filter(action="identification.decision.approved").exists()
    with pytest.raises(ValidationError):  # nothing pending any more
        services.decision_approve(actor=case_cast.supervisor, interview=approved)


def test_decider_cannot_approve_their_own_decision(case_cast, interview):
    mine = services.decision_record(
        actor=case_cast.supervisor, interview=interview, status="possible", reason="Belum jelas"
    )
    with pytest.raises(ValidationError) as caught:
        services.decision_approve(actor=case_cast.supervisor, interview=mine)
    assert "__all__" in caught.value.message_dict
    assert _case(case_cast).trafficking_status == ""


def test_rejection_sends_the_decision_back(case_cast, pending):
    rejected = services.decision_reject(
        actor=case_cast.supervisor, interview=pending, note="Periksa lagi unsur cara"
    )
    rejected.refresh_from_db()
    assert rejected.state == DecisionState.UNDECIDED
    assert rejected.rejected_by == case_cast.supervisor
    assert "unsur" not in rejected.sealed_rejection
    assert _case(case_cast).trafficking_status == ""
    event = AuditEvent.objects.get(action="identification.decision.rejected")
    assert "Periksa" not in str(event.details)
    texts = services.interview_texts(viewer=case_cast.supervisor, interview=rejected)
    assert texts.rejection == "Periksa lagi unsur cara"
    # A new decision may now be recorded.
    again = services.decision_record(
        actor=case_cast.assigned, interview=rejected, status="possible", reason="Kurang bukti"
    )
    assert again.state == DecisionState.PENDING_APPROVAL


def test_without_approval_the_decision_takes_effect_at_once(case_cast, no_approval, interview):
    decided = services.decision_record(
        actor=case_cast.assigned, interview=interview, status="possible", reason="Sebagian"
    )
    assert decided.state == DecisionState.DECIDED and not decided.requires_approval
    assert decided.approved_by is None
    assert _case(case_cast).trafficking_status == "possible"
    assert AuditEvent.objects.filter(action="identification.trafficking_status.set").exists()


def test_stale_version_is_a_conflict(case_cast, interview):
    with pytest.raises(ConflictError):
        services.decision_record(
            actor=case_cast.assigned,
            interview=interview,
            status="actual",
            reason="x",
            version=interview.version + 1,
        )
    interview.refresh_from_db()
    assert interview.state == DecisionState.UNDECIDED


def test_texts_of_an_erased_person_are_gone(case_cast, pending):
    case_erase(actor=None, case=case_cast.case)
    case = Case.objects.select_related("person__data_key").get(pk=case_cast.case.pk)
    pending.case = case
    texts = services.interview_texts(viewer=case_cast.assigned, interview=pending)
    assert texts.erased and texts.summary == "" and texts.reason == ""
    with pytest.raises(ValidationError):
        services.interview_record(actor=case_cast.assigned, case=case, data=ACTUAL)


def test_policy_is_set_by_administrators_only(case_cast, org_iom):
    with pytest.raises(PermissionDenied):
        services.policy_set(actor=case_cast.supervisor, organisation=org_iom,
                            requires_approval=False)  # fmt: skip
    services.policy_set(actor=case_cast.admin, organisation=org_iom, requires_approval=False)
    assert IdentificationPolicy.objects.get(organisation=org_iom).requires_approval is False
    event = AuditEvent.objects.get(action="identification.policy.set")
    assert event.details == {"organisation_id": org_iom.pk, "requires_approval": False}
