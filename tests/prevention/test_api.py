"""POST /api/v1/screen: public, rate-limited, documented."""

from __future__ import annotations

from tests.prevention.conftest import SCAM
from waspada.accounts.roles import Role
from waspada.accounts.services import token_create
from waspada.prevention.models import ScreeningCount

URL = "/api/v1/screen"


def _post(client, body, **extra):  # type: ignore[no-untyped-def]
    return client.post(URL, body, content_type="application/json", **extra)


def test_screen_without_token(client, db):
    response = _post(client, {"text": SCAM})
    assert response.status_code == 200
    body = response.json()
    assert body["verdict"] == "high"
    assert 0.0 <= body["risk"] <= 1.0
    codes = {indicator["code"] for indicator in body["indicators"]}
    assert codes, "expected red flags"
    for indicator in body["indicators"]:
        for evidence in indicator["evidence"]:
            assert SCAM[evidence["start"] : evidence["end"]] == evidence["text"]
    assert any(phone for phone in body["entities"]["phones"])
    assert ScreeningCount.objects.get(channel="api").count == 1
    # Fields added by screening rules 2026.1.0 (the older ones above are unchanged).
    assert body["text_type"] == "offer"
    assert body["basis"] == "model_and_rules"
    assert body["notes"] == []


def test_model_only_medium_says_so_through_the_api(client, db):
    text = "Kak, tiketnya sudah saya belikan ya, besok ikut saya saja, jangan banyak tanya."
    body = _post(client, {"text": text}).json()
    assert body["verdict"] == "medium"
    assert body["basis"] == "model_only"
    assert "model alone" in body["notes"][0]["en"]


def test_empty_text_is_400_and_long_text_413(client, db):
    empty = _post(client, {"text": "  "})
    assert empty.status_code == 400
    assert empty.json()["detail"] == "text is empty"
    long = _post(client, {"text": "x" * 20_001})
    assert long.status_code == 413
    assert "20000" in long.json()["detail"]


def test_missing_text_field_is_a_shape_error_naming_it(client, db):
    response = _post(client, {"lang": "id"})
    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["text"]


def test_rate_limited_with_json_error(client, db, settings):
    settings.WASPADA_SCREEN_RATE_PER_MINUTE = 1
    assert _post(client, {"text": SCAM}).status_code == 200
    response = _post(client, {"text": SCAM})
    assert response.status_code == 429
    assert "Too many requests" in response.json()["detail"]


def test_documented_in_openapi_as_public(client, make_user):
    token = token_create(user=make_user("cw", Role.CASEWORKER))
    schema = client.get("/api/v1/openapi.json", HTTP_AUTHORIZATION=f"Bearer {token}").json()
    operation = schema["paths"]["/api/v1/screen"]["post"]
    assert "security" not in operation or operation["security"] == [{}] or not operation["security"]
    assert "413" in operation["responses"]
