"""API: /api/v1/campaigns… with Bearer tokens; scoped exactly like the pages."""

from __future__ import annotations

from datetime import date

from tests.campaigns.conftest import CAMPAIGN
from waspada.accounts.services import token_create
from waspada.audit.models import AuditEvent
from waspada.campaigns.models import Campaign
from waspada.prevention.models import ScreeningCount

URL = "/api/v1/campaigns"


def _auth(user) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {"HTTP_AUTHORIZATION": f"Bearer {token_create(user=user)}"}


def test_anonymous_gets_401(client, campaign):
    assert client.get(URL).status_code == 401
    assert client.post(URL, CAMPAIGN, content_type="application/json").status_code == 401
    assert client.get(f"{URL}/{campaign.pk}").status_code == 401


def test_create_201_and_audited(client, people, org_iom):
    response = client.post(
        URL, CAMPAIGN, content_type="application/json", **_auth(people["programme_officer"])
    )
    assert response.status_code == 201
    campaign = Campaign.objects.get(pk=response.json()["id"])
    assert campaign.organisation == org_iom
    assert AuditEvent.objects.filter(action="campaigns.campaign.created").exists()


def test_create_400_with_field_errors(client, people):
    body = {**CAMPAIGN, "channel": "x", "reached_female": 500, "reached_male": None}
    response = client.post(
        URL, body, content_type="application/json", **_auth(people["programme_officer"])
    )
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"channel", "reached_female"}
    assert not Campaign.objects.exists()


def test_create_403_for_non_managers(client, people):
    for role in ("caseworker", "analyst", "admin"):
        response = client.post(
            URL, CAMPAIGN, content_type="application/json", **_auth(people[role])
        )
        assert response.status_code == 403 and "detail" in response.json()


def test_list_and_detail(client, people, campaign, org_ngo):
    ScreeningCount.objects.create(day=date(2023, 3, 8), channel="web", verdict="high", count=6)
    headers = _auth(people["caseworker"])
    listing = client.get(URL, {"year": 2023}, **headers).json()
    assert listing["count"] == 1 and listing["results"][0]["people_reached"] == 150
    assert listing["results"][0]["partners"] == [{"id": org_ngo.pk, "name": "Yayasan Contoh"}]
    assert client.get(URL, {"year": 2020}, **headers).json()["count"] == 0
    detail = client.get(f"{URL}/{campaign.pk}", **headers)
    assert detail.status_code == 200
    assert detail.json()["screening"] == {"high": 6, "medium": 0, "low": 0, "total": 6}
    missing = client.get(f"{URL}/9999", **headers)
    assert missing.status_code == 404 and missing.json() == {"detail": "Not found."}
    assert client.get(URL, **_auth(people["no_role"])).status_code == 403
