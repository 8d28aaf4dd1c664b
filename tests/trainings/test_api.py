"""API: /api/v1/trainings… with Bearer tokens; scoped exactly like the pages."""

from __future__ import annotations

import pytest

from tests.trainings.conftest import CERTIFICATE_NAME, PARTICIPANT, TRAINING, add
from waspada.accounts.services import token_create
from waspada.audit.models import AuditEvent
from waspada.trainings import services
from waspada.trainings.models import Participant, Training

URL = "/api/v1/trainings"


def _auth(user) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {"HTTP_AUTHORIZATION": f"Bearer {token_create(user=user)}"}


def test_anonymous_gets_401(client, training):
    assert client.get(URL).status_code == 401
    assert client.post(URL, TRAINING, content_type="application/json").status_code == 401
    assert client.get(f"{URL}/{training.pk}").status_code == 401


def test_create_201_and_audited(client, cast_t):
    response = client.post(URL, TRAINING, content_type="application/json", **_auth(cast_t.officer))
    assert response.status_code == 201
    training = Training.objects.get(pk=response.json()["id"])
    assert training.organiser == cast_t.organisation
    assert AuditEvent.objects.filter(action="trainings.training.created").exists()


def test_create_400_with_field_errors(client, cast_t):
    body = {**TRAINING, "topic": "x", "end_date": "2023-01-01"}
    response = client.post(URL, body, content_type="application/json", **_auth(cast_t.officer))
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"topic", "end_date"}
    assert not Training.objects.exists()


@pytest.mark.parametrize("who", ["caseworker", "analyst"])
def test_create_403_for_non_managers(client, cast_t, who):
    response = client.post(
        URL, TRAINING, content_type="application/json", **_auth(getattr(cast_t, who))
    )
    assert response.status_code == 403 and "detail" in response.json()


def test_list_and_detail_never_return_names(client, training, cast_t):
    add(training, cast_t.officer, certificate_name=CERTIFICATE_NAME)
    headers = _auth(cast_t.analyst)
    listing = client.get(URL, {"year": 2023}, **headers).json()
    assert listing["count"] == 1 and listing["results"][0]["results"]["improvement"] == 30.0
    assert client.get(URL, {"year": 2020}, **headers).json()["count"] == 0
    detail = client.get(f"{URL}/{training.pk}", **headers)
    assert detail.status_code == 200
    body = detail.json()
    assert body["organiser"] == "IOM Indonesia"
    assert body["participants"][0]["has_certificate_name"] is True
    assert "Wahyuningsih" not in detail.text
    assert client.get(f"{URL}/999", **headers).status_code == 404


def test_the_list_costs_the_same_queries_for_one_training_or_many(
    client, training, cast_t, django_assert_max_num_queries
):
    add(training, cast_t.officer)
    headers = _auth(cast_t.analyst)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        client.get(URL, **headers)
    baseline = len(one.captured_queries)  # now: each request clears the query log
    for _ in range(4):
        add(services.training_create(actor=cast_t.officer, data=TRAINING), cast_t.officer)
    with django_assert_max_num_queries(baseline):
        listing = client.get(URL, **headers).json()
    assert listing["count"] == 5
    assert all(r["results"]["improvement"] == 30.0 for r in listing["results"])


def test_no_role_sees_nothing(client, training, cast_t):
    headers = _auth(cast_t.no_role)
    assert client.get(URL, **headers).status_code == 403
    assert client.get(f"{URL}/{training.pk}", **headers).status_code == 404
    assert client.get(f"{URL}/results", **headers).status_code == 403


def test_add_participant_201_400_403_404(client, training, cast_t):
    url = f"{URL}/{training.pk}/participants"
    created = client.post(
        url, {**PARTICIPANT, "certificate_name": CERTIFICATE_NAME},
        content_type="application/json", **_auth(cast_t.officer),
    )  # fmt: skip
    assert created.status_code == 201
    assert created.json()["pre_score"] == 50.0 and "Wahyuningsih" not in created.text
    assert Participant.objects.get().has_name
    bad = client.post(
        url, {**PARTICIPANT, "post_score": 140, "sex": "x"},
        content_type="application/json", **_auth(cast_t.officer),
    )  # fmt: skip
    assert bad.status_code == 400 and set(bad.json()["errors"]) == {"post_score", "sex"}
    other = client.post(
        url, PARTICIPANT, content_type="application/json", **_auth(cast_t.other_officer)
    )
    assert other.status_code == 403
    missing = client.post(
        f"{URL}/999/participants", PARTICIPANT, content_type="application/json",
        **_auth(cast_t.officer),
    )  # fmt: skip
    assert missing.status_code == 404
    assert Participant.objects.count() == 1


def test_results_endpoint(client, training, cast_t):
    add(training, cast_t.officer, institution_type="prosecutor", pre_score=60, post_score=70)
    add(training, cast_t.officer)
    headers = _auth(cast_t.caseworker)
    body = client.get(f"{URL}/results", {"year_from": 2023, "year_to": 2023}, **headers).json()
    types = {row["institution_type"]: row for row in body["by_institution_type"]}
    assert types["police"]["results"]["improvement"] == 30.0
    assert types["prosecutor"]["results"]["mean_pre"] == 60.0
    assert body["total"]["paired"] == 2 and body["total"]["improvement"] == 20.0
    assert [t["id"] for t in body["trainings"]] == [training.pk]
    empty = client.get(f"{URL}/results", {"year_from": 2024}, **headers).json()
    assert empty["by_institution_type"] == [] and empty["total"]["improvement"] is None
    bad = client.get(f"{URL}/results", {"year_from": 2024, "year_to": 2020}, **headers)
    assert bad.status_code == 400 and "year_to" in bad.json()["errors"]
