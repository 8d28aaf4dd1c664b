"""The events of other apps that notify: a decision awaiting approval, a shared legal case's
stage change (the referral and the assignment are in test_notify.py)."""

from __future__ import annotations

import pytest

from tests.identification.conftest import ACTUAL
from tests.legal.conftest import legal_cast  # noqa: F401  (fixture)
from waspada.accounts.roles import Role
from waspada.identification import services as identification
from waspada.identification.models import IdentificationPolicy
from waspada.legal import services as legal
from waspada.legal.models import LegalCase
from waspada.notifications.models import Kind, Notification

pytestmark = pytest.mark.django_db


def notified(kind: str) -> set[str]:
    return set(Notification.objects.filter(kind=kind).values_list("user__username", flat=True))


def test_a_decision_awaiting_approval_notifies_the_supervisors_of_the_case(
    case_cast, make_user, org_ngo
):
    make_user("sup.ngo", Role.SUPERVISOR, organisation=org_ngo)
    interview = identification.interview_record(
        actor=case_cast.assigned, case=case_cast.case, data=ACTUAL
    )
    identification.decision_record(
        actor=case_cast.assigned, interview=interview, status="actual", reason="Tiga unsur"
    )
    assert notified(Kind.DECISION_AWAITING) == {case_cast.supervisor.username}
    (note,) = Notification.objects.filter(kind=Kind.DECISION_AWAITING)
    assert note.params == {"code": case_cast.case.code}


def test_a_decision_without_approval_notifies_nobody(case_cast, org_iom):
    IdentificationPolicy.objects.create(organisation=org_iom, requires_approval=False)
    interview = identification.interview_record(
        actor=case_cast.assigned, case=case_cast.case, data=ACTUAL
    )
    identification.decision_record(
        actor=case_cast.assigned, interview=interview, status="actual", reason="Tiga unsur"
    )
    assert notified(Kind.DECISION_AWAITING) == set()


def test_a_stage_change_notifies_the_organisations_it_is_shared_with(legal_cast):  # noqa: F811
    legal_case = LegalCase.objects.get(pk=legal_cast.legal_case.pk)
    legal.stage_change(
        actor=legal_cast.officer,
        legal_case=legal_case,
        to_stage="investigation",
        reason="Penyidikan dimulai",
        version=legal_case.version,
    )
    assert notified(Kind.LEGAL_STAGE_CHANGED) == {legal_cast.sharee_officer.username}
