"""A fixed cast around one case registered by an IOM caseworker, destination Cambodia."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from waspada.accounts.models import Organisation, User
from waspada.accounts.roles import OrganisationType, Role
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
    analyst: User
    legal: User


def register(user: User, country: str = "KH", **extra: object) -> Case:
    data = {"full_name": "Dewi Lestari Contoh", "sex": "female", "destination_country": country}
    return case_register(actor=user, data={**data, **extra})


def refer(case: Case, to: Organisation) -> Referral:
    """An accepted referral, as its acceptance leaves it: with the kernel's access grant."""
    referral = Referral.objects.create(
        case=case,
        from_organisation=case.organisation,
        to_organisation=to,
        service_type="shelter",
        status="accepted",
    )
    case_access_grant(
        actor=None, case=case, organisation=to, reason=AccessReason.REFERRAL,
        source_id=referral.pk,
    )  # fmt: skip
    return referral


@pytest.fixture
def people(make_user, org_iom, org_ngo) -> Cast:  # type: ignore[no-untyped-def]
    other = Organisation.objects.create(name="Other NGO", type=OrganisationType.NGO_LEGAL_AID)
    assigned = make_user("cw.assigned", Role.CASEWORKER)
    case = register(assigned, exited_on="2024-01-10")
    refer(case, org_ngo)
    return Cast(
        case=case,
        assigned=assigned,
        colleague=make_user("cw.colleague", Role.CASEWORKER),
        supervisor=make_user("sup", Role.SUPERVISOR),
        outsider=make_user("cw.other", Role.CASEWORKER, organisation=other),
        recipient=make_user("cw.ngo", Role.CASEWORKER, organisation=org_ngo),
        analyst=make_user("analyst", Role.ANALYST),
        legal=make_user("legal", Role.LEGAL_OFFICER),
    )
