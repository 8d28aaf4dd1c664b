"""Fixtures for the identification tests: answers that make each proposal, a referred case."""

from __future__ import annotations

from typing import Any

import pytest

from tests.case_fixtures import Cast
from waspada.accounts.models import Organisation
from waspada.identification import services
from waspada.identification.models import IdentificationPolicy, Interview
from waspada.referrals import services as referrals

SUMMARY = "Ditahan di kompleks Sihanoukville, paspor diambil oleh mandor Pak Hendra"
ACTUAL = {
    "interviewed_on": "2023-06-20",
    "process": ["recruitment", "transport"],
    "means": ["fraud_deception", "confinement"],
    "purpose": ["forced_criminality_scam"],
    "ilo": ["retention_of_documents", "excessive_overtime"],
    "summary": SUMMARY,
}


@pytest.fixture
def referred(case_cast: Cast, org_ngo: Organisation) -> Cast:
    """The cast, with the case referred to and accepted by the recipient's organisation."""
    referral = referrals.referral_create(
        actor=case_cast.assigned,
        case=case_cast.case,
        to_organisation=org_ngo,
        service_type="shelter",
    )
    referrals.referral_respond(actor=case_cast.recipient, referral=referral, accept=True)
    return case_cast


@pytest.fixture
def no_approval(org_iom: Organisation) -> IdentificationPolicy:
    return IdentificationPolicy.objects.create(organisation=org_iom, requires_approval=False)


@pytest.fixture
def interview(case_cast: Cast) -> Interview:
    return services.interview_record(actor=case_cast.assigned, case=case_cast.case, data=ACTUAL)


@pytest.fixture
def pending(case_cast: Cast, interview: Interview) -> Interview:
    """An interview whose decision (actual) waits for a supervisor."""
    return services.decision_record(
        actor=case_cast.assigned, interview=interview, status="actual", reason="Tiga unsur ada"
    )


def answers(**overrides: Any) -> dict[str, Any]:
    return {**ACTUAL, **overrides}
