"""GET /api/v1/reports/dashboard: the same figures as the page, suppressed by role."""

from __future__ import annotations

from tests.reports.conftest import column
from waspada.accounts.services import token_create

URL = "/api/v1/reports/dashboard"


def _auth(user) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {"HTTP_AUTHORIZATION": f"Bearer {token_create(user=user)}"}


def test_anonymous_401_and_refused_roles_403(client, world):
    assert client.get(URL).status_code == 401
    for user in (world.caseworker, world.legal_officer):
        response = client.get(URL, **_auth(user))
        assert response.status_code == 403 and "detail" in response.json()


def test_analyst_gets_suppressed_json(client, world):
    response = client.get(URL, {"year_from": 2021, "year_to": 2023}, **_auth(world.analyst))
    assert response.status_code == 200
    body = response.json()
    assert body["suppressed"] is True
    assert [section["key"] for section in body["sections"]] == [
        "prevention", "protection", "prosecution",
    ]  # fmt: skip
    assert column(body, "victims_by_destination", "people") == {
        "Kamboja": "≥11", "Myanmar": "<11", "Jumlah": 20,  # 15 would give Myanmar (5)
    }  # fmt: skip


def test_supervisor_gets_exact_json_for_own_organisation(client, world):
    body = client.get(URL, {"province": "Jawa Timur"}, **_auth(world.supervisor)).json()
    assert body["suppressed"] is False and body["filters"]["organisation"] == world.iom.pk
    assert column(body, "victims_by_year", "registered") == {2021: 0, 2022: 0, 2023: 5,
                                                             "Jumlah": 5}  # fmt: skip


def test_filters_by_organisation_and_400_on_bad_years(client, world):
    headers = _auth(world.officer)
    body = client.get(URL, {"organisation": world.ngo.pk}, **headers).json()
    assert column(body, "victims_by_year", "registered")["Jumlah"] == "<11"
    bad = client.get(URL, {"year_from": 2023, "year_to": 2020}, **headers)
    assert bad.status_code == 400 and "detail" in bad.json()
