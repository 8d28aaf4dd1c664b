"""Shared data of the Lapor tests: an SOS as a worried family member would send it."""

from __future__ import annotations

from typing import Any

import pytest

SOS: dict[str, Any] = {
    "kind": "sos",
    "person_name": "Dewi Anggraini Saputri",
    "person_age": "23",
    "person_sex": "female",
    "person_phone": "+855 97 555 0142",
    "person_contacts": "Telegram @dewi_angg",
    "country": "KH",
    "city": "Sihanoukville",
    "place": "Gedung Golden Lotus Blok C",
    "landmark": "dekat pasar malam",
    "location_link": "https://maps.example/loc/123",
    "since": "sejak Februari 2026",
    "situations": ["confined", "passport_taken"],
    "description": "Kakak saya disekap dan dipaksa menipu, paspornya ditahan mandor.",
    "reporter_name": "Rudi Hartono Saputra",
    "reporter_contact": "0812-7788-9900",
    "reporter_relation": "family",
    "reporter_province": "Jawa Barat",
}
# What must never appear in clear anywhere (database file, data folder, audit, logs).
SECRETS = (
    "Dewi Anggraini",
    "555 0142",
    "5550142",
    "Golden Lotus",
    "Rudi Hartono",
    "7788-9900",
    "77889900",
    "dipaksa menipu, paspornya",
)


@pytest.fixture
def sos_data() -> dict[str, Any]:
    return dict(SOS)


@pytest.fixture
def duty(make_user):  # type: ignore[no-untyped-def]
    from waspada.accounts.roles import Role

    return make_user("piket.iom", Role.DUTY_OFFICER)


@pytest.fixture
def duty_ngo(make_user, org_ngo):  # type: ignore[no-untyped-def]
    from waspada.accounts.roles import Role

    return make_user("piket.ngo", Role.DUTY_OFFICER, organisation=org_ngo)


@pytest.fixture
def sos_report(sos_data):  # type: ignore[no-untyped-def]
    from waspada.lapor import services

    return services.report_submit(data=sos_data)
