"""A fixed cast around one case: assigned caseworker, other caseworker, supervisor, a
caseworker of another organisation, a referral recipient, an analyst, an admin."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from waspada.accounts.models import Organisation, User
from waspada.accounts.roles import OrganisationType, Role
from waspada.cases.models import Case, ConsentKind
from waspada.cases.services import case_register, consent_record

PERSON = {
    "full_name": "Siti Rahmawati Kusuma",
    "sex": "female",
    "birth_date": "1998-04-17",
    "nik": "3273015704980002",
    "passport_number": "C7654321",
    "phone": "0813-2222-9191",
    "address": "Jl. Melati Putih No. 7, Cianjur",
    "narrative": "Direkrut lewat Telegram untuk kerja admin di Sihanoukville",
    "destination_country": "KH",
    "recruitment_channel": "telegram",
    "exploitation_types": ["forced_criminality_scam"],
    "departed_on": "2023-02-01",
    "exited_on": "2023-06-10",
}
SECRETS = (
    "Rahmawati",
    "3273015704980002",
    "C7654321",
    "2222-9191",
    "Melati Putih",
    "Telegram untuk",
)


@dataclass
class Cast:
    case: Case
    assigned: User
    colleague: User
    supervisor: User
    outsider: User
    recipient: User
    analyst: User
    admin: User


@pytest.fixture
def case_cast(make_user, org_iom, org_ngo) -> Cast:  # type: ignore[no-untyped-def]
    other = Organisation.objects.create(name="Other NGO", type=OrganisationType.NGO_LEGAL_AID)
    assigned = make_user("cw.assigned", Role.CASEWORKER)
    case = case_register(actor=assigned, data=PERSON)
    consent_record(case=case, kind=ConsentKind.SHARING, granted=True, actor=assigned)
    return Cast(
        case=case,
        assigned=assigned,
        colleague=make_user("cw.colleague", Role.CASEWORKER),
        supervisor=make_user("sup", Role.SUPERVISOR),
        outsider=make_user("cw.other", Role.CASEWORKER, organisation=other),
        recipient=make_user("cw.ngo", Role.CASEWORKER, organisation=org_ngo),
        analyst=make_user("analyst", Role.ANALYST),
        admin=make_user("admin", Role.ADMIN),
    )
