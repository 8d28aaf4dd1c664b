"""Fixtures of the sharing tests: a release folder per test, cases with chosen consents, an
agreement in force, and the supervisor/analyst/admin who request and approve."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from django.utils import timezone

from waspada.accounts.roles import Role
from waspada.cases.models import Case, ConsentKind
from waspada.cases.services import case_register, consent_record
from waspada.sharing import services
from waspada.sharing.models import Agreement

BASE = {
    "sex": "female",
    "birth_date": "1998-04-17",
    "destination_country": "KH",
    "recruitment_channel": "telegram",
    "exploitation_types": ["forced_criminality_scam"],
    "means_of_control": ["threats", "quota_punishment"],
    "recruiter_relation": "friend",
    "scam_typology": "romance",
    "departed_on": "2023-02-01",
    "exited_on": "2023-06-10",
}


@pytest.fixture(autouse=True)
def _release_dir(settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.SHARING_RELEASE_DIR = tmp_path / "releases"
    return settings.SHARING_RELEASE_DIR


@pytest.fixture
def people(make_user):  # type: ignore[no-untyped-def]
    return {
        "caseworker": make_user("cw.share", Role.CASEWORKER),
        "supervisor": make_user("sup.share", Role.SUPERVISOR),
        "supervisor2": make_user("sup2.share", Role.SUPERVISOR),
        "analyst": make_user("analyst.share", Role.ANALYST),
        "admin": make_user("admin.share", Role.ADMIN),
    }


@pytest.fixture
def make_case(people) -> Callable[..., Case]:  # type: ignore[no-untyped-def]
    def make(*, statistics: bool | None = True, sharing: bool | None = True, **fields: Any) -> Case:
        data = {**BASE, "full_name": fields.pop("full_name", "Siti Contoh"), **fields}
        case = case_register(actor=people["caseworker"], data=data)
        for kind, granted in ((ConsentKind.STATISTICS, statistics), (ConsentKind.SHARING, sharing)):
            if granted is not None:
                consent_record(case=case, kind=kind, granted=granted, actor=people["caseworker"])
        return case

    return make


@pytest.fixture
def agreement(people, org_iom) -> Agreement:  # type: ignore[no-untyped-def]
    today = timezone.localdate()
    return services.agreement_create(
        actor=people["admin"],
        organisation_id=org_iom.pk,
        data={
            "partner": "IOM CTDC",
            "purpose": "Global dataset",
            "kinds": ["ctdc", "synthetic", "htcds"],
            "tables": [
                "person",
                "victim",
                "case",
                "consent",
                "perpetrator",
                "event",
                "support_plan",
            ],
            "personal_fields": [],
            "valid_from": today - timedelta(days=30),
            "valid_to": today + timedelta(days=365),
        },
    )


def this_year() -> int:
    return date.today().year
