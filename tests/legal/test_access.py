"""Who sees what of a legal case, for the fixed cast (pages and API)."""

from __future__ import annotations

import pytest

from waspada.accounts.services import token_create
from waspada.legal import records
from waspada.legal.selectors import can_manage_legal_case, legal_case_queryset_for

FULL = {"officer", "supervisor", "sharee_officer"}
STATUS_ONLY = {"caseworker"}
FORBIDDEN = {"analyst", "admin"}  # no PROSECUTION_VIEW at all
ROLES = [
    "officer",
    "supervisor",
    "caseworker",
    "other_caseworker",
    "outsider_officer",
    "sharee_officer",
    "analyst",
    "admin",
]


@pytest.fixture
def with_suspect(legal_cast):  # type: ignore[no-untyped-def]
    records.suspect_add(
        actor=legal_cast.officer,
        legal_case=legal_cast.legal_case,
        data={"full_name": "Budi Perekrut", "role": "recruiter"},
    )
    return legal_cast


@pytest.mark.parametrize("who", ROLES)
def test_queryset_and_manage(legal_cast, who):
    user = getattr(legal_cast, who)
    visible = list(legal_case_queryset_for(user))
    assert visible == ([legal_cast.legal_case] if who in FULL | STATUS_ONLY else [])
    assert can_manage_legal_case(user, legal_cast.legal_case) == (who in {"officer", "supervisor"})


@pytest.mark.parametrize("who", ROLES)
def test_detail_page(client, with_suspect, who):
    client.force_login(getattr(with_suspect, who))
    response = client.get(f"/penegakan-hukum/perkara/{with_suspect.legal_case.code}/")
    if who in FULL:
        assert response.status_code == 200
        assert "Perkara Sihanoukville" in response.text and "Perekrut" in response.text
    elif who in STATUS_ONLY:
        assert response.status_code == 200
        assert "Status hukum" in response.text
        assert "Perekrut" not in response.text and "Sihanoukville" not in response.text
    elif who in FORBIDDEN:
        assert response.status_code == 403
    else:
        assert response.status_code == 404
    assert "Budi" not in response.text  # personal fields only on request


def test_anonymous_is_sent_to_login(client, legal_cast):
    response = client.get(f"/penegakan-hukum/perkara/{legal_cast.legal_case.code}/")
    assert response.status_code == 302 and response["Location"].startswith("/akun/login/")


@pytest.mark.parametrize("who", ROLES)
def test_detail_api(client, with_suspect, who):
    token = token_create(user=getattr(with_suspect, who))
    response = client.get(
        f"/api/v1/legal-cases/{with_suspect.legal_case.code}?personal=true",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    if who in FULL:
        assert response.status_code == 200
        assert response.json()["suspects"][0]["personal"]["full_name"] == "Budi Perekrut"
    elif who in STATUS_ONLY:
        body = response.json()
        assert response.status_code == 200 and body["status_only"] is True
        assert body["suspects"] is None and body["title"] is None
    else:
        assert response.status_code == 404


@pytest.mark.parametrize("who", ["sharee_officer", "caseworker", "outsider_officer"])
def test_write_pages_refused_for_non_managers(client, legal_cast, who):
    client.force_login(getattr(legal_cast, who))
    code = legal_cast.legal_case.code
    response = client.post(
        f"/penegakan-hukum/perkara/{code}/tahap/",
        {"to_stage": "investigation", "reason": "r", "version": 1},
    )
    expected = {"sharee_officer": 403, "caseworker": 403, "outsider_officer": 404}[who]
    assert response.status_code == expected
    legal_cast.legal_case.refresh_from_db()
    assert legal_cast.legal_case.stage == "report"


@pytest.mark.parametrize("who", ["sharee_officer", "outsider_officer", "caseworker"])
def test_write_api_refused_for_non_managers(client, legal_cast, who):
    token = token_create(user=getattr(legal_cast, who))
    response = client.post(
        f"/api/v1/legal-cases/{legal_cast.legal_case.code}/charges",
        {"article_key": "ptppo-4"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert response.status_code == (404 if who == "outsider_officer" else 403)
    assert not legal_cast.legal_case.charges.exists()
