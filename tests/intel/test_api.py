"""API: lookup with per-source counts and visibility, cluster, watch, bad input."""

from __future__ import annotations

import pytest

from waspada.accounts.services import token_create
from waspada.intel.models import Entity, Watch

pytestmark = pytest.mark.django_db


def _auth(user):  # type: ignore[no-untyped-def]
    return {"HTTP_AUTHORIZATION": f"Bearer {token_create(user=user)}"}


def test_lookup_answers_the_entity_cluster_and_counts(scene, client):
    answer = client.get(
        "/api/v1/intel/lookup", {"value": "0812-3456-7890"}, **_auth(scene.supervisor)
    )
    assert answer.status_code == 200
    body = answer.json()
    assert body["entity"] == {"kind": "phone", "value": "+6281234567890"}
    assert body["cluster"] == Entity.objects.get(kind="phone").cluster_id
    assert body["counts"]["offers"] == 1 and body["counts"]["reports"] == 1
    assert body["counts"]["cases"] == 1 and body["counts"]["legal_cases"] == 0
    assert {s["source"] for s in body["sightings"]} == {"offer", "report", "case"}


def test_lookup_by_another_organisation_hides_the_case(scene, client):
    body = client.get("/api/v1/intel/lookup", {"value": "62812 3456 7890"},
                      **_auth(scene.outsider)).json()  # fmt: skip
    assert all(s["source"] != "case" for s in body["sightings"])
    assert {"source": "case", "organisation": "IOM Indonesia", "count": 1} in body["not_visible"]
    # totals per organisation count every source, visible or not; the page is all three
    assert {"source": "case", "organisation": "IOM Indonesia", "count": 1} in (
        body["by_organisation"]
    )
    assert body["sightings_total"] == 3
    assert scene.case.code not in str(body)


def test_lookup_of_a_non_identifier_names_the_field(scene, client):
    answer = client.get("/api/v1/intel/lookup", {"value": "hello"}, **_auth(scene.supervisor))
    assert answer.status_code == 400 and "value" in answer.json()["errors"]


def test_cluster_and_watch(scene, client):
    cluster_id = Entity.objects.get(kind="phone").cluster_id
    answer = client.get(f"/api/v1/intel/clusters/{cluster_id}", **_auth(scene.analyst))
    assert answer.status_code == 200 and len(answer.json()["identifiers"]) == 3
    assert client.get("/api/v1/intel/clusters/999999", **_auth(scene.analyst)).status_code == 404
    watched = client.post(f"/api/v1/intel/clusters/{cluster_id}/watch", {"watch": True},
                          content_type="application/json", **_auth(scene.analyst))  # fmt: skip
    assert watched.json() == {"cluster": cluster_id, "watching": True}
    assert Watch.objects.filter(user=scene.analyst, cluster_id=cluster_id).exists()


def test_roles_without_intel_get_403(scene, client, make_user):
    from waspada.accounts.roles import Role

    admin = make_user("admin", Role.ADMIN)
    answer = client.get("/api/v1/intel/lookup", {"value": "0812"}, **_auth(admin))
    assert answer.status_code == 403
