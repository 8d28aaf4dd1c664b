"""Every case page and endpoint for the fixed cast."""

from __future__ import annotations

import pytest

from waspada.accounts.services import token_create
from waspada.referrals import services as referrals

# Who may open the case (page 200 / API 200); everyone else gets 404 (or 403 by role).
SEES = {"assigned", "supervisor", "recipient"}
ROLES = ["assigned", "colleague", "supervisor", "outsider", "recipient", "analyst", "admin"]


@pytest.fixture
def referred(case_cast, org_ngo):  # type: ignore[no-untyped-def]
    referral = referrals.referral_create(
        actor=case_cast.assigned, case=case_cast.case, to_organisation=org_ngo,
        service_type="shelter",
    )  # fmt: skip
    referrals.referral_respond(actor=case_cast.recipient, referral=referral, accept=True)
    return case_cast


@pytest.mark.parametrize("who", ROLES)
def test_case_page(client, referred, who):
    client.force_login(getattr(referred, who))
    response = client.get(f"/perlindungan/kasus/{referred.case.code}/")
    if who in SEES:
        assert response.status_code == 200
    elif who in ("analyst", "admin"):
        assert response.status_code == 403
    else:
        assert response.status_code == 404


@pytest.mark.parametrize("who", ROLES)
def test_case_api(client, referred, who):
    token = token_create(user=getattr(referred, who))
    response = client.get(
        f"/api/v1/cases/{referred.case.code}", HTTP_AUTHORIZATION=f"Bearer {token}"
    )
    assert response.status_code == (200 if who in SEES else 404)


@pytest.mark.parametrize("who", ROLES)
def test_case_list_page_and_api(client, referred, who):
    user = getattr(referred, who)
    client.force_login(user)
    page = client.get("/perlindungan/")
    token = token_create(user=user)
    listed = client.get("/api/v1/cases", HTTP_AUTHORIZATION=f"Bearer {token}").json()
    codes = [row["code"] for row in listed["results"]]
    if who in SEES:
        assert referred.case.code in page.text and codes == [referred.case.code]
    else:
        assert codes == []
        assert page.status_code == 403 or referred.case.code not in page.text


def test_personal_data_only_on_the_owner_side(client, referred):
    code = referred.case.code
    client.force_login(referred.assigned)
    assert "Rahmawati" not in client.get(f"/perlindungan/kasus/{code}/").text
    assert "Rahmawati" in client.get(f"/perlindungan/kasus/{code}/?show=personal").text
    client.force_login(referred.recipient)
    page = client.get(f"/perlindungan/kasus/{code}/?show=personal").text
    assert "Rahmawati" not in page
    token = token_create(user=referred.recipient)
    body = client.get(
        f"/api/v1/cases/{code}?personal=true", HTTP_AUTHORIZATION=f"Bearer {token}"
    ).json()
    assert body["personal"] is None


@pytest.mark.parametrize("who", ["colleague", "outsider", "recipient", "analyst"])
def test_writes_are_refused_outside_the_owner_side(client, referred, who):
    code = referred.case.code
    client.force_login(getattr(referred, who))
    before = referred.case.status
    client.post(f"/perlindungan/kasus/{code}/status/", {"status": "identification"})
    client.post(f"/perlindungan/kasus/{code}/persetujuan/", {"kind": "sharing", "granted": "0"})
    edit = client.get(f"/perlindungan/kasus/{code}/ubah/")
    assert edit.status_code in (403, 404)
    referred.case.refresh_from_db()
    assert referred.case.status == before
    assert referred.case.consents.filter(granted=False).count() == 0
