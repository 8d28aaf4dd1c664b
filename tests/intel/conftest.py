"""One recruiter's number written three ways, in an offer, a public report and a case."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from waspada.accounts.models import Organisation, User
from waspada.accounts.roles import Role
from waspada.cases.models import Case
from waspada.cases.services import case_register
from waspada.lapor.models import PublicReport
from waspada.lapor.services import report_submit
from waspada.prevention.models import SharedOffer
from waspada.prevention.services import offer_screen, offer_share

OFFER = "Lowongan CS di Kamboja gaji 1.200 USD, tiket ditanggung. Hubungi WA 0812-3456-7890"
REPORT: dict[str, Any] = {
    "kind": "sos",
    "person_name": "Dewi Anggraini",
    "person_age": "23",
    "person_sex": "female",
    "country": "KH",
    "situations": ["confined"],
    "description": "Adik saya ditahan di kompleks.",
    "reporter_relation": "family",
    "recruiter_contacts": "+62 812 3456 7890\n@agen.kh",
}


@dataclass
class Scene:
    offer: SharedOffer
    report: PublicReport
    case: Case
    owner_org: Organisation
    supervisor: User
    outsider: User
    analyst: User


@pytest.fixture
def scene(make_user, org_iom, org_ngo, rf) -> Scene:  # type: ignore[no-untyped-def]
    caseworker = make_user("cw.iom", Role.CASEWORKER)
    supervisor = make_user("sup.iom", Role.SUPERVISOR)
    outsider = make_user("cw.ngo", Role.CASEWORKER, organisation=org_ngo)
    analyst = make_user("analyst.ngo", Role.ANALYST, organisation=org_ngo)
    request = rf.post("/cek/", REMOTE_ADDR="198.51.100.7")
    offer = offer_share(text=OFFER, assessment=offer_screen(text=OFFER, lang=None, channel="web"),
                        request=request)  # fmt: skip
    report = report_submit(data=REPORT, client="198.51.100.8").report
    case = case_register(
        actor=caseworker,
        data={"full_name": "Siti Aminah", "sex": "female",
              "recruiter_contacts": "6281234567890\nBCA 123-456-7890"},
    )  # fmt: skip
    return Scene(offer, report, case, org_iom, supervisor, outsider, analyst)
