"""Schemathesis against the API's own OpenAPI schema, in-process on the WSGI application.

For every operation and several roles (each with its own token), requests generated from the
schema, valid and invalid, with random and with existing path values (a case, a legal case,
a campaign, a training, an evidence item…): no answer may be a 5xx, and every answer must be
documented (status code, content type, body schema).

Bounded for CI (a few examples per operation and role); ``WASPADA_FUZZ_EXAMPLES=200 pytest
-m fuzz`` runs longer locally. ``-m "not fuzz"`` leaves it out.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
import schemathesis
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.case_fixtures import Cast
from waspada.accounts.models import User
from waspada.accounts.roles import Role
from waspada.accounts.services import token_create
from waspada.campaigns import services as campaigns
from waspada.evidence import services as evidence
from waspada.legal import services as legal
from waspada.trainings import services as trainings

pytestmark = pytest.mark.fuzz

EXAMPLES = int(os.environ.get("WASPADA_FUZZ_EXAMPLES", "6"))
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture
def wsgi_app() -> Iterator[WSGIHandler]:
    """Django's WSGI application, sharing the test's database transaction (as Django's own
    test client does, the connection is not closed between requests)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield WSGIHandler()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def world(case_cast: Cast, make_user: Any, org_ngo: Any) -> dict[str, Any]:
    """One of each record the API names in its paths, and the users who act on them."""
    officer = make_user("legal.iom", Role.LEGAL_OFFICER)
    programme = make_user("prog.iom", Role.PROGRAMME_OFFICER)
    legal_case = legal.legal_case_create(actor=officer, data={"title": "Perkara uji"})
    item = evidence.item_upload(
        actor=officer,
        upload=SimpleUploadedFile("note.txt", b"bukti percakapan", "text/plain"),
        kind="other",
        description="",
        legal_case=legal_case,
    )
    campaign = campaigns.campaign_create(actor=programme, data={
        "title": "Sosialisasi", "channel": "village_meeting", "province": "Jawa Barat",
        "start_date": "2023-03-07", "end_date": "2023-03-09", "audience_type": "job_seekers",
        "people_reached": 150, "partners": [org_ngo.pk],
    })  # fmt: skip
    training = trainings.training_create(actor=programme, data={
        "title": "Identifikasi korban", "topic": "victim_identification",
        "start_date": date(2023, 3, 7), "end_date": date(2023, 3, 9),
    })  # fmt: skip
    users: dict[str, User] = {
        "caseworker": case_cast.assigned,
        "supervisor": case_cast.supervisor,
        "recipient": case_cast.recipient,
        "legal_officer": officer,
        "programme_officer": programme,
        "analyst": case_cast.analyst,
        "admin": case_cast.admin,
    }
    paths = {
        "code": [case_cast.case.code, legal_case.code],
        "item_id": [item.pk],
        "campaign_id": [campaign.pk],
        "training_id": [training.pk],
        "organisation_id": [org_ngo.pk],
    }
    return {"users": users, "paths": paths}


def _strategy(operation: Any, known: dict[str, list[Any]]) -> st.SearchStrategy[Any]:
    names = [p.name for p in operation.path_parameters]
    strategies = [operation.as_strategy(mode) for mode in GenerationMode]
    if names and all(name in known for name in names):
        existing = st.fixed_dictionaries({name: st.sampled_from(known[name]) for name in names})
        strategies.append(existing.flatmap(
            lambda values: operation.as_strategy(GenerationMode.POSITIVE, path_parameters=values)
        ))  # fmt: skip
    return st.one_of(strategies)


def test_every_answer_is_documented_and_none_is_a_server_error(wsgi_app, world):
    supervisor = token_create(user=world["users"]["supervisor"])
    schema = schemathesis.openapi.from_wsgi(
        "/api/v1/openapi.json", wsgi_app, headers={"Authorization": f"Bearer {supervisor}"}
    )
    tokens = {role: token_create(user=user) for role, user in world["users"].items()}
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 30

    failures: list[str] = []
    for operation in operations:
        strategy = _strategy(operation, world["paths"])

        @settings(
            max_examples=EXAMPLES * len(tokens),
            deadline=None,
            database=None,
            derandomize=True,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        @given(case=strategy, role=st.sampled_from(sorted(tokens)))
        def run(case: Any, role: str) -> None:
            headers = {"Authorization": f"Bearer {tokens[role]}"}
            response = case.call(headers=headers)
            case.validate_response(response, checks=CHECKS, headers=headers)

        try:
            run()
        except (Exception, BaseExceptionGroup) as failure:  # all reported together below
            failures.append(f"{operation.label}: {failure}")
    assert not failures, "\n\n".join(failures)
