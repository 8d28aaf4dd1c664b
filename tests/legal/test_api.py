"""API: create, list, read, stage change (400 naming missing fields, 409), records."""

from __future__ import annotations

from waspada.accounts.services import token_create
from waspada.audit.models import AuditEvent
from waspada.legal.models import LegalCase, Suspect


def _auth(user):  # type: ignore[no-untyped-def]
    return {"HTTP_AUTHORIZATION": f"Bearer {token_create(user=user)}"}


def _post(client, url, data, user):  # type: ignore[no-untyped-def]
    return client.post(url, data, content_type="application/json", **_auth(user))


def test_create_needs_token(client, legal_cast):
    assert client.post("/api/v1/legal-cases", {"title": "x"}).status_code == 401


def test_create_201_and_400(client, legal_cast):
    response = _post(client, "/api/v1/legal-cases", {"title": "Perkara API"}, legal_cast.officer)
    assert response.status_code == 201
    code = response.json()["code"]
    assert LegalCase.objects.get(code=code).title == "Perkara API"
    assert AuditEvent.objects.filter(action="legal.legal_case.created").count() == 2
    bad = _post(
        client, "/api/v1/legal-cases", {"title": "", "sentence_months": -1}, legal_cast.officer
    )
    assert bad.status_code == 400
    assert set(bad.json()["errors"]) == {"title", "sentence_months"}
    assert "missing" not in bad.json()  # only a stage change names fields a stage needs


def test_a_negative_offset_is_refused_naming_it(client, legal_cast):
    response = client.get("/api/v1/legal-cases", {"offset": -5}, **_auth(legal_cast.officer))
    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["offset"]


def test_create_refused_for_caseworker(client, legal_cast):
    response = _post(client, "/api/v1/legal-cases", {"title": "x"}, legal_cast.caseworker)
    assert response.status_code == 403


def test_list_and_filters(client, legal_cast):
    auth = _auth(legal_cast.officer)
    listed = client.get("/api/v1/legal-cases", **auth).json()
    assert [row["code"] for row in listed["results"]] == [legal_cast.legal_case.code]
    assert client.get("/api/v1/legal-cases?stage=trial", **auth).json()["count"] == 0
    status = client.get("/api/v1/legal-cases", **_auth(legal_cast.caseworker)).json()
    assert status["results"][0]["status_only"] is True
    assert client.get("/api/v1/legal-cases", **_auth(legal_cast.analyst)).json()["count"] == 0


def test_get_404_outside_scope(client, legal_cast):
    code = legal_cast.legal_case.code
    response = client.get(f"/api/v1/legal-cases/{code}", **_auth(legal_cast.outsider_officer))
    assert response.status_code == 404
    assert (
        client.get("/api/v1/legal-cases/LGL-0000-XXXXXX", **_auth(legal_cast.officer)).status_code
        == 404
    )


def test_stage_flow(client, legal_cast):
    code = legal_cast.legal_case.code
    url = f"/api/v1/legal-cases/{code}/stage"
    officer = legal_cast.officer
    refused = _post(client, url, {"to_stage": "verdict", "reason": "r", "version": 1}, officer)
    assert refused.status_code == 400
    assert set(refused.json()["missing"]) == {"charges", "court", "verdict"}
    stale = _post(client, url, {"to_stage": "investigation", "reason": "r", "version": 5}, officer)
    assert stale.status_code == 409
    charge = _post(
        client,
        f"/api/v1/legal-cases/{code}/charges",
        {"article_key": "ptppo-4", "offence_date": "2022-06-01"},
        officer,
    )
    assert charge.status_code == 201 and charge.json()["penalty_from_2026"]
    patched = client.patch(
        f"/api/v1/legal-cases/{code}",
        {"version": 1, "court": "PN Cianjur"},
        content_type="application/json",
        **_auth(officer),
    )
    assert patched.status_code == 200 and patched.json()["version"] == 2
    moved = _post(client, url, {"to_stage": "trial", "reason": "Sidang", "version": 2}, officer)
    assert moved.status_code == 200
    body = moved.json()
    assert body["stage"] == "trial"
    assert [s["stage"] for s in body["stage_history"]] == ["report", "trial"]


def test_records_endpoints(client, legal_cast):
    code = legal_cast.legal_case.code
    officer = legal_cast.officer
    suspect = _post(
        client,
        f"/api/v1/legal-cases/{code}/suspects",
        {"full_name": "Budi Contoh", "role": "recruiter"},
        officer,
    )
    assert suspect.status_code == 201 and "Budi" not in suspect.text
    assert Suspect.objects.get().role == "recruiter"
    bad = _post(client, f"/api/v1/legal-cases/{code}/suspects", {"role": "x"}, officer)
    assert bad.status_code == 400 and set(bad.json()["errors"]) == {"full_name", "role"}
    hearing = _post(
        client,
        f"/api/v1/legal-cases/{code}/hearings",
        {"scheduled_at": "2030-01-02T09:00:00+07:00", "court": "PN", "agenda": "Saksi"},
        officer,
    )
    assert hearing.status_code == 201
    missing = _post(
        client,
        f"/api/v1/legal-cases/{code}/hearings",
        {"scheduled_at": "2030-01-02T09:00:00+07:00"},
        officer,
    )
    assert missing.status_code == 400 and set(missing.json()["errors"]) == {"court", "agenda"}
    charge = _post(client, f"/api/v1/legal-cases/{code}/charges", {"article_key": "x"}, officer)
    assert charge.status_code == 400
    detail = client.get(f"/api/v1/legal-cases/{code}", **_auth(officer)).json()
    assert detail["next_hearing"]["agenda"] == "Saksi"
    assert detail["suspects"] == [
        {"id": Suspect.objects.get().pk, "role": "recruiter", "personal": None, "erased": False}
    ]
    assert not AuditEvent.objects.filter(action="legal.suspect.viewed").exists()


def _case_with_hearing(client, officer, title):  # type: ignore[no-untyped-def]
    code = _post(client, "/api/v1/legal-cases", {"title": title}, officer).json()["code"]
    _post(
        client,
        f"/api/v1/legal-cases/{code}/hearings",
        {"scheduled_at": "2030-01-02T09:00:00+07:00", "court": "PN Contoh", "agenda": "Saksi"},
        officer,
    )
    return code


def test_the_list_costs_the_same_queries_for_one_case_or_many(
    client, legal_cast, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    officer = legal_cast.officer
    _case_with_hearing(client, officer, "Perkara 1")
    headers = _auth(officer)
    with CaptureQueriesContext(connection) as one:
        client.get("/api/v1/legal-cases", **headers)
    baseline = len(one.captured_queries)  # now: each request clears the query log
    for number in range(2, 6):
        _case_with_hearing(client, officer, f"Perkara {number}")
    with django_assert_max_num_queries(baseline):
        listing = client.get("/api/v1/legal-cases", **headers).json()
    with_hearing = [r for r in listing["results"] if r["next_hearing"]]
    assert len(with_hearing) == 5
    assert {r["next_hearing"]["court"] for r in with_hearing} == {"PN Contoh"}
