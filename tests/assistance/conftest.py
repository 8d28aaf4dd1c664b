"""A fixed cast around one case: assigned caseworker, colleague, supervisor, a caseworker of
another organisation, a referral recipient (accepted referral), a legal officer, an analyst."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.utils import timezone

from waspada.accounts.models import Organisation, User
from waspada.accounts.roles import OrganisationType, Role
from waspada.assistance.models import FollowUp
from waspada.cases.grants import case_access_grant
from waspada.cases.models import AccessReason, Case
from waspada.cases.services import case_register
from waspada.referrals.models import Referral


@dataclass
class Cast:
    case: Case
    assigned: User
    colleague: User
    supervisor: User
    outsider: User
    recipient: User
    legal: User
    analyst: User
    org_ngo: Organisation


@pytest.fixture
def cast_(make_user, org_iom, org_ngo) -> Cast:  # type: ignore[no-untyped-def]
    other = Organisation.objects.create(name="Other NGO", type=OrganisationType.NGO_LEGAL_AID)
    assigned = make_user("cw.assigned", Role.CASEWORKER)
    case = case_register(
        actor=assigned,
        data={"full_name": "Dewi Lestari", "sex": "female", "destination_country": "KH"},
    )
    referral = Referral.objects.create(
        case=case, from_organisation=org_iom, to_organisation=org_ngo,
        service_type="legal_aid", status="accepted",
    )  # fmt: skip
    case_access_grant(
        actor=None, case=case, organisation=org_ngo, reason=AccessReason.REFERRAL,
        source_id=referral.pk,
    )  # fmt: skip
    legal = make_user("legal", Role.LEGAL_OFFICER)
    case.assigned.add(legal)
    return Cast(
        case=case,
        assigned=assigned,
        colleague=make_user("cw.colleague", Role.CASEWORKER),
        supervisor=make_user("sup", Role.SUPERVISOR),
        outsider=make_user("cw.other", Role.CASEWORKER, organisation=other),
        recipient=make_user("cw.ngo", Role.CASEWORKER, organisation=org_ngo),
        legal=legal,
        analyst=make_user("analyst", Role.ANALYST),
        org_ngo=org_ngo,
    )


def make_overdue(follow_up: FollowUp, days: int = 3) -> FollowUp:
    """Follow-ups cannot be planned in the past; move one back as time would."""
    FollowUp.objects.filter(pk=follow_up.pk).update(
        due_on=timezone.localdate() - timedelta(days=days)
    )
    follow_up.refresh_from_db()
    return follow_up


def today_plus(days: int) -> str:
    return (timezone.localdate() + timedelta(days=days)).isoformat()
