"""/api/v1/cases/{code}/services, /follow-ups and /api/v1/follow-ups/overdue."""

from __future__ import annotations

import json

import pytest

from waspada.accounts.services import token_create
from waspada.assistance import services
from waspada.assistance.models import FollowUp, ServiceDelivery
from waspada.audit.models import AuditEvent

from .conftest import make_overdue, today_plus


def _auth(user):  # type: ignore[no-untyped-def]
    return {"HTTP_AUTHORIZATION": f"Bearer {token_create(user=user)}"}


def _services(case):  # type: ignore[no-untyped-def]
    return f"/api/v1/cases/{case.code}/services"


def _follow_ups(case):  # type: ignore[no-untyped-def]
    return f"/api/v1/cases/{case.code}/follow-ups"


SERVICE = {
    "service_type": "psychosocial",
    "status": "ongoing",
    "started_on": today_plus(-5),
    "provider_name": "Psikolog RSUD",
    "note": "Sesi konseling mingguan",
    "cost_idr": 300000,
}


def test_create_and_list_services(client, cast_):
    headers = _auth(cast_.assigned)
    response = client.post(_services(cast_.case), SERVICE, content_type="application/json",
                           **headers)  # fmt: skip
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["service_type_label"] == "Dukungan psikososial"
    assert (body["cost_idr"], body["version"], body["note"]) == (300000, 1, SERVICE["note"])
    assert ServiceDelivery.objects.get().pk == body["id"]
    assert AuditEvent.objects.filter(action="assistance.service.recorded").count() == 1
    listed = client.get(_services(cast_.case), **headers)
    assert listed.status_code == 200
    assert [s["note"] for s in listed.json()] == [SERVICE["note"]]
    viewed = AuditEvent.objects.get(action="assistance.notes.viewed")
    assert viewed.details == {"case": cast_.case.code, "services": [body["id"]]}


def test_bad_fields_are_400_with_errors(client, cast_):
    bad = {**SERVICE, "service_type": "spa", "ended_on": today_plus(-9), "cost_idr": -3}
    response = client.post(_services(cast_.case), bad, content_type="application/json",
                           **_auth(cast_.assigned))  # fmt: skip
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"service_type", "ended_on", "cost_idr"}
    assert not ServiceDelivery.objects.exists()


def test_malformed_json_is_400_json(client, cast_):
    response = client.post(_services(cast_.case), "{not json", content_type="application/json",
                           **_auth(cast_.assigned))  # fmt: skip
    assert response.status_code == 400
    assert "detail" in response.json()


@pytest.mark.parametrize(("who", "status"), [
    ("colleague", 404), ("outsider", 404), ("analyst", 404), ("legal", 403), ("recipient", 201),
])  # fmt: skip
def test_post_service_permissions(client, cast_, who, status):
    response = client.post(_services(cast_.case), SERVICE, content_type="application/json",
                           **_auth(getattr(cast_, who)))  # fmt: skip
    assert response.status_code == status
    assert ServiceDelivery.objects.count() == (1 if status == 201 else 0)


def test_anonymous_is_401(client, cast_):
    assert client.get(_services(cast_.case)).status_code == 401
    assert client.get("/api/v1/follow-ups/overdue").status_code == 401


def test_patch_with_version_and_conflict(client, cast_):
    service = services.service_record(actor=cast_.assigned, case=cast_.case, data=SERVICE)
    url = f"{_services(cast_.case)}/{service.pk}"
    headers = _auth(cast_.supervisor)
    done = {"version": 1, "status": "completed", "ended_on": today_plus(0), "outcome": "partly"}
    response = client.patch(url, done, content_type="application/json", **headers)
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["status"], body["outcome"], body["version"]) == ("completed", "partly", 2)
    assert body["note"] == SERVICE["note"]
    stale = client.patch(url, {"version": 1, "cost_idr": 1}, content_type="application/json",
                         **headers)  # fmt: skip
    assert stale.status_code == 409
    assert "diubah orang lain" in stale.json()["detail"]
    service.refresh_from_db()
    assert (service.cost_idr, service.version) == (300000, 2)
    invalid = client.patch(url, {"version": 2, "started_on": today_plus(3)},
                           content_type="application/json", **headers)  # fmt: skip
    assert invalid.status_code == 400
    assert "started_on" in invalid.json()["errors"]
    missing = client.patch(f"{_services(cast_.case)}/999999", {"version": 1},
                           content_type="application/json", **headers)  # fmt: skip
    assert missing.status_code == 404


def test_recipient_cannot_patch_the_owners_service(client, cast_):
    service = services.service_record(actor=cast_.assigned, case=cast_.case, data=SERVICE)
    response = client.patch(f"{_services(cast_.case)}/{service.pk}", {"version": 1, "cost_idr": 1},
                            content_type="application/json", **_auth(cast_.recipient))  # fmt: skip
    assert response.status_code == 403
    listed = client.get(_services(cast_.case), **_auth(cast_.recipient)).json()
    assert listed[0]["note"] is None  # not its service: no text


def test_follow_ups_create_list_and_overdue(client, cast_):
    headers = _auth(cast_.assigned)
    payload = {"due_on": today_plus(3), "note": "Cek kepulangan ke Cianjur"}
    response = client.post(_follow_ups(cast_.case), payload, content_type="application/json",
                           **headers)  # fmt: skip
    assert response.status_code == 201
    assert response.json()["overdue"] is False
    make_overdue(FollowUp.objects.get(), days=6)
    listed = client.get(_follow_ups(cast_.case), **headers).json()
    assert listed[0]["overdue"] is True and listed[0]["note"] == payload["note"]
    overdue = client.get("/api/v1/follow-ups/overdue", **headers)
    assert overdue.status_code == 200
    assert overdue.json() == [{"id": listed[0]["id"], "case_code": cast_.case.code,
                               "due_on": today_plus(-6), "days_overdue": 6}]  # fmt: skip
    assert "note" not in json.dumps(overdue.json())
    assert client.get("/api/v1/follow-ups/overdue", **_auth(cast_.outsider)).json() == []
    assert client.get("/api/v1/follow-ups/overdue", **_auth(cast_.analyst)).status_code == 403
    recipient_view = client.get(_follow_ups(cast_.case), **_auth(cast_.recipient)).json()
    assert recipient_view[0]["note"] is None


def test_follow_up_errors_and_permissions(client, cast_):
    bad = client.post(_follow_ups(cast_.case), {"due_on": today_plus(-2), "note": ""},
                      content_type="application/json", **_auth(cast_.assigned))  # fmt: skip
    assert bad.status_code == 400
    assert set(bad.json()["errors"]) == {"due_on", "note"}
    ok = {"due_on": today_plus(2), "note": "x"}
    refused = client.post(_follow_ups(cast_.case), ok, content_type="application/json",
                          **_auth(cast_.recipient))  # fmt: skip
    assert refused.status_code == 403
    hidden = client.post(_follow_ups(cast_.case), ok, content_type="application/json",
                         **_auth(cast_.outsider))  # fmt: skip
    assert hidden.status_code == 404
    assert not FollowUp.objects.exists()
