"""The case-work API: transfer, incoming, answer, assign, notes, close."""

from __future__ import annotations

import json

from waspada.accounts.models import Organisation
from waspada.accounts.roles import OrganisationType, Role
from waspada.accounts.services import token_create
from waspada.cases.models import CaseNote, CaseStatus


def _post(client, user, path, body):  # type: ignore[no-untyped-def]
    return client.post(path, json.dumps(body), content_type="application/json",
                       HTTP_AUTHORIZATION=f"Bearer {token_create(user=user)}")  # fmt: skip


def _get(client, user, path):  # type: ignore[no-untyped-def]
    return client.get(path, HTTP_AUTHORIZATION=f"Bearer {token_create(user=user)}")


def test_transfer_incoming_and_answer(client, case_cast, make_user):
    kp2mi = Organisation.objects.create(name="KP2MI", type=OrganisationType.GOVERNMENT)
    receiver = make_user("cw.kp2mi", Role.CASEWORKER, organisation=kp2mi)
    code = case_cast.case.code
    bad = _post(client, case_cast.assigned, f"/api/v1/cases/{code}/transfer",
                {"to_organisation_id": case_cast.case.organisation_id})  # fmt: skip
    assert bad.status_code == 400 and "to_organisation_id" in bad.json()["errors"]
    created = _post(client, case_cast.assigned, f"/api/v1/cases/{code}/transfer",
                    {"to_organisation_id": kp2mi.pk})  # fmt: skip
    assert created.status_code == 201
    transfer_id = created.json()["id"]
    incoming = _get(client, receiver, "/api/v1/transfers/incoming").json()
    assert [t["id"] for t in incoming] == [transfer_id]
    assert _get(client, case_cast.outsider, "/api/v1/transfers/incoming").json() == []
    assert _post(client, case_cast.outsider, f"/api/v1/transfers/{transfer_id}/answer",
                 {"accept": True}).status_code == 404  # fmt: skip
    answered = _post(client, receiver, f"/api/v1/transfers/{transfer_id}/answer", {"accept": True})
    assert answered.status_code == 200 and answered.json()["status"] == "accepted"
    assert answered.json()["bast_number"]
    assert _get(client, receiver, f"/api/v1/cases/{code}").json()["organisation"] == "KP2MI"


def test_assign_by_username(client, case_cast):
    code = case_cast.case.code
    path = f"/api/v1/cases/{code}/assign"
    assert _post(client, case_cast.assigned, path, {"username": "cw.colleague"}).status_code == 403
    unknown = _post(client, case_cast.supervisor, path, {"username": "nobody"})
    assert unknown.status_code == 400 and "username" in unknown.json()["errors"]
    foreign = _post(client, case_cast.supervisor, path, {"username": "cw.other"})
    assert foreign.status_code == 400 and "username" in foreign.json()["errors"]
    done = _post(client, case_cast.supervisor, path, {"username": "cw.colleague"})
    assert done.status_code == 200 and done.json()["assigned"] == ["cw.colleague"]
    assert list(case_cast.case.assigned.all()) == [case_cast.colleague]


def test_notes_and_close(client, case_cast):
    code = case_cast.case.code
    empty = _post(client, case_cast.assigned, f"/api/v1/cases/{code}/notes", {"text": ""})
    assert empty.status_code == 400 and "text" in empty.json()["errors"]
    added = _post(client, case_cast.assigned, f"/api/v1/cases/{code}/notes",
                  {"text": "Sudah dihubungi", "confidential": True})  # fmt: skip
    assert added.status_code == 201 and CaseNote.objects.count() == 1
    listed = _get(client, case_cast.supervisor, f"/api/v1/cases/{code}/notes").json()
    assert [n["text"] for n in listed] == ["Sudah dihubungi"]
    assert _get(client, case_cast.outsider, f"/api/v1/cases/{code}/notes").status_code == 404

    path = f"/api/v1/cases/{code}/close"
    body = {"reason": "reintegrated", "summary": "Bekerja lagi di Cianjur"}
    assert _post(client, case_cast.assigned, path, body).status_code == 403
    wrong = _post(client, case_cast.supervisor, path, {"reason": "x", "summary": ""})
    assert wrong.status_code == 400 and set(wrong.json()["errors"]) == {"reason", "summary"}
    closed = _post(client, case_cast.supervisor, path, body)
    assert closed.status_code == 200 and closed.json()["status"] == CaseStatus.CLOSED
