"""GET /cases/{code}/repatriation, POST …/stages, GET /repatriation/awaiting."""

from __future__ import annotations

import pytest

from waspada.accounts.services import token_create
from waspada.audit.models import AuditEvent
from waspada.cases.models import Case
from waspada.repatriation.models import StageEntry
from waspada.repatriation.services import repatriation_stage_record


def auth(user) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {"HTTP_AUTHORIZATION": f"Bearer {token_create(user=user)}"}


def stages_url(code: str) -> str:
    return f"/api/v1/cases/{code}/repatriation/stages"


def post(client, user, code, body):  # type: ignore[no-untyped-def]
    return client.post(stages_url(code), body, content_type="application/json", **auth(user))


def test_post_then_get(client, people, org_iom):
    response = post(client, people.assigned, people.case.code, {
        "stage": "embassy_shelter", "reached_on": "2024-01-12", "organisation_id": org_iom.pk,
        "responsible_party": "KBRI Phnom Penh", "cost_idr": 1500000, "cost_payer": "iom",
        "note": "Dijemput staf KBRI",
    })  # fmt: skip
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["stage"] == "embassy_shelter" and body["has_note"] and body["note"] is None
    assert StageEntry.objects.get().pk == body["id"]
    assert AuditEvent.objects.filter(action="repatriation.stage.recorded").count() == 1

    response = client.get(f"/api/v1/cases/{people.case.code}/repatriation",
                          **auth(people.assigned))  # fmt: skip
    assert response.status_code == 200
    body = response.json()
    assert body["current_stage"] == "embassy_shelter"
    assert body["total_cost_idr"] == 1_500_000
    assert body["departed"] is False
    assert body["stages"][0]["organisation_name"] == org_iom.name
    assert body["stages"][0]["note"] is None
    assert body["next_stages"][0] == "travel_documents"
    assert not AuditEvent.objects.filter(action="repatriation.notes.viewed").exists()

    response = client.get(f"/api/v1/cases/{people.case.code}/repatriation?include_notes=true",
                          **auth(people.assigned))  # fmt: skip
    assert response.json()["stages"][0]["note"] == "Dijemput staf KBRI"
    assert AuditEvent.objects.filter(action="repatriation.notes.viewed").count() == 1


def test_arrival_through_the_api_sets_the_return_date(client, people):
    response = post(client, people.assigned, people.case.code,
                    {"stage": "arrival", "reached_on": "2024-02-03"})  # fmt: skip
    assert response.status_code == 201
    assert str(Case.objects.get(pk=people.case.pk).returned_on) == "2024-02-03"


def test_field_errors_are_400_json(client, people):
    response = post(client, people.assigned, people.case.code, {
        "stage": "departure", "reached_on": "2024-02-31", "cost_idr": "banyak",
        "organisation_id": 424242,
    })  # fmt: skip
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert set(errors) == {"reached_on", "cost_idr", "organisation_id"}
    assert not StageEntry.objects.exists()


def test_malformed_json_is_400(client, people):
    response = client.post(
        stages_url(people.case.code),
        "{stage: ",
        content_type="application/json",
        **auth(people.assigned),
    )
    assert response.status_code == 400
    assert "detail" in response.json()


@pytest.mark.parametrize("who", ["colleague", "outsider", "analyst"])
def test_cases_outside_scope_are_404(client, people, who):
    user = getattr(people, who)
    assert client.get(f"/api/v1/cases/{people.case.code}/repatriation",
                      **auth(user)).status_code == 404  # fmt: skip
    response = post(
        client, user, people.case.code, {"stage": "departure", "reached_on": "2024-02-01"}
    )
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}
    assert not StageEntry.objects.exists()


def test_recipient_naming_another_organisation_is_a_field_error(client, people, org_iom, org_ngo):
    """As on the page (it was 403 here and a field error there)."""
    body = {"stage": "embassy_shelter", "reached_on": "2024-01-12", "organisation_id": org_iom.pk}
    response = post(client, people.recipient, people.case.code, body)
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "organisation_id": ["Organisasi Anda hanya bisa mencatat tahap yang ditanganinya sendiri."]
    }
    assert not StageEntry.objects.exists()
    body["organisation_id"] = org_ngo.pk
    assert post(client, people.recipient, people.case.code, body).status_code == 201


def test_without_token_is_401(client, people):
    assert client.get(f"/api/v1/cases/{people.case.code}/repatriation").status_code == 401
    assert client.get("/api/v1/repatriation/awaiting").status_code == 401


def test_awaiting(client, people):
    data = {"stage": "in_destination", "reached_on": "2024-01-11"}
    repatriation_stage_record(actor=people.assigned, case=people.case, data=data)
    response = client.get("/api/v1/repatriation/awaiting", **auth(people.supervisor))
    assert response.status_code == 200
    body = response.json()
    assert body["total"] == 1
    country = body["countries"][0]
    assert (country["country"], country["count"]) == ("KH", 1)
    assert country["cases"][0]["code"] == people.case.code
    assert country["cases"][0]["current_stage"] == "in_destination"
    assert set(country["cases"][0]) == {
        "code", "current_stage", "current_stage_label", "started_on", "days_waiting",
    }  # fmt: skip
    outsider = client.get("/api/v1/repatriation/awaiting", **auth(people.outsider)).json()
    assert outsider == {"total": 0, "countries": []}
    assert client.get("/api/v1/repatriation/awaiting", **auth(people.analyst)).status_code == 403
