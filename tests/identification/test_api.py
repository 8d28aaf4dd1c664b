"""The interviews API: create, list, read, decide, approve, reject; scoping and errors."""

from __future__ import annotations

import json

import pytest

from tests.identification.conftest import ACTUAL, SUMMARY
from waspada.accounts.services import token_create
from waspada.audit.models import AuditEvent
from waspada.cases.models import Case
from waspada.identification.models import DecisionState, Interview


def _auth(user) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {"HTTP_AUTHORIZATION": f"Bearer {token_create(user=user)}"}


def _url(case, suffix: str = "") -> str:  # type: ignore[no-untyped-def]
    return f"/api/v1/cases/{case.code}/interviews{suffix}"


def _post(client, url, user, body):  # type: ignore[no-untyped-def]
    return client.post(url, json.dumps(body), content_type="application/json", **_auth(user))


def test_create_returns_201_with_proposal_and_reasons(client, case_cast):
    response = _post(client, _url(case_cast.case), case_cast.assigned, ACTUAL)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["proposed_status"] == "actual"
    assert body["state"] == "undecided"
    assert [r["condition"] for r in body["reasons"]] == ["process", "means", "purpose", "ilo"]
    assert body["reasons"][0]["text"] == "Unsur proses terpenuhi: Perekrutan, Pengangkutan."
    assert "summary" not in body
    interview = Interview.objects.get(pk=body["id"])
    assert "Hendra" not in interview.sealed_summary
    assert AuditEvent.objects.filter(action="identification.interview.recorded").exists()


def test_create_with_bad_input_is_400_per_field(client, case_cast):
    response = _post(
        client, _url(case_cast.case), case_cast.assigned,
        {"interviewed_on": "kemarin", "purpose": ["fun"]},
    )  # fmt: skip
    assert response.status_code == 400
    body = response.json()
    assert body["detail"] == "validation failed"
    assert set(body["errors"]) == {"interviewed_on", "purpose"}
    assert not Interview.objects.exists()


def test_malformed_json_is_400_json(client, case_cast):
    response = client.post(
        _url(case_cast.case), "{not json", content_type="application/json",
        **_auth(case_cast.assigned),
    )  # fmt: skip
    assert response.status_code == 400
    assert "detail" in response.json()


def test_list_and_detail(client, case_cast, interview):
    response = client.get(_url(case_cast.case), **_auth(case_cast.assigned))
    assert response.status_code == 200
    assert [item["id"] for item in response.json()] == [interview.pk]
    assert "Hendra" not in response.text
    detail = client.get(_url(case_cast.case, f"/{interview.pk}"), **_auth(case_cast.supervisor))
    assert detail.status_code == 200
    assert detail.json()["summary"] == SUMMARY
    assert AuditEvent.objects.filter(action="identification.interview.viewed").count() == 1
    missing = client.get(_url(case_cast.case, "/999999"), **_auth(case_cast.assigned))
    assert missing.status_code == 404


def test_decide_approve_and_reject(client, case_cast, interview):
    url = _url(case_cast.case, f"/{interview.pk}")
    bad = _post(client, url + "/decision", case_cast.assigned, {"status": "yes", "reason": ""})
    assert bad.status_code == 400 and set(bad.json()["errors"]) == {"status", "reason"}
    decided = _post(
        client, url + "/decision", case_cast.assigned, {"status": "actual", "reason": "Jelas"}
    )
    assert decided.status_code == 200
    assert decided.json()["state"] == "pending_approval"
    assert _post(client, url + "/approve", case_cast.assigned, {}).status_code == 403
    stale = _post(client, url + "/approve", case_cast.supervisor, {"version": 1})
    assert stale.status_code == 409
    rejected = _post(client, url + "/reject", case_cast.supervisor, {"note": "Lagi"})
    assert rejected.status_code == 200 and rejected.json()["state"] == "undecided"
    _post(client, url + "/decision", case_cast.assigned, {"status": "possible", "reason": "Ok"})
    approved = _post(client, url + "/approve", case_cast.supervisor, {})
    assert approved.status_code == 200
    assert approved.json()["state"] == DecisionState.DECIDED
    assert approved.json()["approved_by"] == case_cast.supervisor.username
    assert Case.objects.get(pk=case_cast.case.pk).trafficking_status == "possible"
    again = _post(client, url + "/approve", case_cast.supervisor, {})
    assert again.status_code == 400 and "__all__" in again.json()["errors"]


@pytest.mark.parametrize(
    ("who", "read", "write"),
    [
        ("assigned", 200, 201),
        ("supervisor", 200, 201),
        ("colleague", 404, 404),
        ("outsider", 404, 404),
        ("recipient", 403, 403),
        ("analyst", 404, 404),
    ],
)
def test_scoping(client, referred, interview, who, read, write):
    user = getattr(referred, who)
    assert client.get(_url(referred.case), **_auth(user)).status_code == read
    detail = client.get(_url(referred.case, f"/{interview.pk}"), **_auth(user))
    assert detail.status_code == read
    assert _post(client, _url(referred.case), user, ACTUAL).status_code == write
    decision = _post(
        client, _url(referred.case, f"/{interview.pk}/decision"), user,
        {"status": "actual", "reason": "x"},
    )  # fmt: skip
    assert decision.status_code == (200 if read == 200 else read)


def test_anonymous_gets_401(client, case_cast):
    assert client.get(_url(case_cast.case)).status_code == 401
    assert (
        client.post(_url(case_cast.case), "{}", content_type="application/json").status_code == 401
    )
