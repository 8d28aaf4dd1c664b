"""Token authentication, /api/v1/me and the OpenAPI schema."""

from __future__ import annotations

import pytest

from waspada.accounts.models import ApiToken
from waspada.accounts.roles import Role
from waspada.accounts.services import token_create, token_revoke
from waspada.audit.models import AuditEvent


def _bearer(token: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def test_me_with_token(client, make_user):
    user = make_user("cw.iom", Role.CASEWORKER)
    token = token_create(user=user)
    response = client.get("/api/v1/me", **_bearer(token))
    assert response.status_code == 200
    body = response.json()
    assert body["username"] == "cw.iom"
    assert body["role"] == "caseworker"
    assert body["organisation"]["name"] == "IOM Indonesia"
    assert "protection.manage" in body["permissions"]
    assert "admin.view" not in body["permissions"]


@pytest.mark.parametrize(
    "header",
    [None, "Bearer wsp_not-a-real-token", "Bearer ", "Token abc", "Basic dXNlcjpwYXNz"],
)
def test_missing_or_wrong_token_is_401_json(client, db, header):
    extra = {"HTTP_AUTHORIZATION": header} if header is not None else {}
    response = client.get("/api/v1/me", **extra)
    assert response.status_code == 401
    assert response["Content-Type"].startswith("application/json")
    assert response.json() == {"detail": "Unauthorized"}


def test_token_is_stored_as_digest_and_creation_audited(make_user):
    user = make_user("cw", Role.CASEWORKER)
    token = token_create(user=user, name="laptop")
    stored = ApiToken.objects.get(user=user)
    assert token not in (stored.digest, stored.prefix)
    assert len(stored.digest) == 64
    event = AuditEvent.objects.get(action="accounts.token.created")
    assert event.object_id == str(stored.pk)
    assert event.details == {"for_user_id": user.pk}
    assert token not in str(event.details)


def test_revoked_token_and_inactive_user_are_refused(client, make_user):
    user = make_user("cw", Role.CASEWORKER)
    token = token_create(user=user)
    token_revoke(api_token=ApiToken.objects.get(user=user))
    assert client.get("/api/v1/me", **_bearer(token)).status_code == 401
    other = make_user("cw2", Role.CASEWORKER)
    token2 = token_create(user=other)
    other.is_active = False
    other.save()
    assert client.get("/api/v1/me", **_bearer(token2)).status_code == 401


def test_user_without_role_gets_403(client, make_user):
    token = token_create(user=make_user("norole", ""))
    response = client.get("/api/v1/me", **_bearer(token))
    assert response.status_code == 403
    assert "detail" in response.json()


def test_openapi_schema_requires_auth_and_documents_me(client, make_user):
    assert client.get("/api/v1/openapi.json").status_code == 401
    token = token_create(user=make_user("cw", Role.CASEWORKER))
    schema = client.get("/api/v1/openapi.json", **_bearer(token)).json()
    assert "/api/v1/me" in schema["paths"]
    assert schema["components"]["securitySchemes"]["BearerToken"]["scheme"] == "bearer"
    client.force_login(make_user("sup", Role.SUPERVISOR))
    assert client.get("/api/v1/openapi.json").status_code == 200
