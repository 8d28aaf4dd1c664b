"""A fixed cast around one legal case of IOM Indonesia, linked to one victim's case."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from waspada.accounts.models import Organisation, User
from waspada.accounts.roles import OrganisationType, Role
from waspada.cases.models import Case
from waspada.cases.services import case_register
from waspada.legal import services
from waspada.legal.models import LegalCase


@dataclass
class LegalCast:
    legal_case: LegalCase
    victim_case: Case
    officer: User  # legal officer of the owning organisation
    supervisor: User
    caseworker: User  # assigned to the linked victim's case
    other_caseworker: User  # same organisation, not assigned to that victim's case
    outsider_officer: User  # legal officer of another organisation
    sharee_officer: User  # legal officer of an organisation the case is shared with
    analyst: User
    admin: User


@pytest.fixture
def legal_cast(make_user, org_iom, org_ngo) -> LegalCast:  # type: ignore[no-untyped-def]
    other = Organisation.objects.create(name="LBH Lain", type=OrganisationType.NGO_LEGAL_AID)
    officer = make_user("legal.iom", Role.LEGAL_OFFICER)
    supervisor = make_user("sup.iom", Role.SUPERVISOR)
    caseworker = make_user("cw.iom", Role.CASEWORKER)
    victim_case = case_register(
        actor=caseworker,
        data={"full_name": "Siti Contoh", "sex": "female", "destination_country": "KH"},
    )
    legal_case = services.legal_case_create(
        actor=officer, data={"title": "Perkara Sihanoukville", "police_report_number": "LP/1"}
    )
    services.victim_case_link(actor=supervisor, legal_case=legal_case, case_code=victim_case.code)
    sharee_officer = make_user("legal.ngo", Role.LEGAL_OFFICER, organisation=org_ngo)
    services.legal_case_share(actor=officer, legal_case=legal_case, organisation_id=org_ngo.pk)
    return LegalCast(
        legal_case=legal_case,
        victim_case=victim_case,
        officer=officer,
        supervisor=supervisor,
        caseworker=caseworker,
        other_caseworker=make_user("cw.iom2", Role.CASEWORKER),
        outsider_officer=make_user("legal.other", Role.LEGAL_OFFICER, organisation=other),
        sharee_officer=sharee_officer,
        analyst=make_user("analyst", Role.ANALYST),
        admin=make_user("admin", Role.ADMIN),
    )


def audit_actions(obj: object) -> list[str]:
    from waspada.audit.models import AuditEvent

    return list(
        AuditEvent.objects.filter(
            object_type=obj._meta.label_lower,  # type: ignore[attr-defined]
            object_id=str(obj.pk),  # type: ignore[attr-defined]
        )
        .order_by("seq")
        .values_list("action", flat=True)
    )
