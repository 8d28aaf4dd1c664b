"""A fixed cast around campaigns run by IOM Indonesia, and one campaign to work on."""

from __future__ import annotations

from typing import Any

import pytest

from waspada.accounts.roles import Role
from waspada.campaigns import services
from waspada.campaigns.models import Campaign

CAMPAIGN: dict[str, Any] = {
    "title": "Sosialisasi migrasi aman di Cianjur",
    "channel": "village_meeting",
    "province": "Jawa Barat",
    "regency": "Cianjur",
    "start_date": "2023-03-07",
    "end_date": "2023-03-09",
    "audience_type": "job_seekers",
    "people_reached": 150,
    "reached_female": 90,
    "reached_male": 60,
    "materials": "Leaflet, video pendek",
    "partners": [],
}


@pytest.fixture
def people(make_user, org_iom, org_ngo):  # type: ignore[no-untyped-def]
    """One user per role in IOM, plus a programme officer of the NGO and a user without role."""
    users = {role.value: make_user(f"{role.value}.iom", role) for role in Role}
    users["other_officer"] = make_user("prog.ngo", Role.PROGRAMME_OFFICER, org_ngo)
    users["no_role"] = make_user("nobody", "")
    return users


@pytest.fixture
def campaign(people, org_ngo) -> Campaign:  # type: ignore[no-untyped-def]
    return services.campaign_create(
        actor=people["programme_officer"], data={**CAMPAIGN, "partners": [org_ngo.pk]}
    )
