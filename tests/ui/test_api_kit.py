"""The API toolkit: one error shape for every error (500 included), bounded integers, JSON
bodies only (no duplicate keys, no unpaired surrogates) and the pagination."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.campaigns.conftest import CAMPAIGN, campaign, people  # noqa: F401
from waspada.accounts.roles import Role
from waspada.accounts.services import token_create
from waspada.api.api import api
from waspada.campaigns.models import Campaign
from waspada.ui import api_kit

URL = "/api/v1/campaigns"


def _auth(user) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {"HTTP_AUTHORIZATION": f"Bearer {token_create(user=user)}"}


@pytest.fixture
def officer(people) -> dict[str, str]:  # type: ignore[no-untyped-def]  # noqa: F811
    return _auth(people["programme_officer"])


def _post(client, body: str, headers: dict[str, str], content_type: str = "application/json"):  # type: ignore[no-untyped-def]
    return client.post(URL, body, content_type=content_type, **headers)


def _is_error(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    body: dict[str, Any] = response.json()
    assert isinstance(body["detail"], str)
    return body


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded"])
def test_a_body_not_sent_as_json_is_415(client, officer, content_type):
    response = _post(client, json.dumps(CAMPAIGN), officer, content_type)
    _is_error(response, 415)
    assert not Campaign.objects.exists()


def test_a_multipart_body_is_415(client, officer):
    response = client.post(URL, {**CAMPAIGN, "partners": ""}, **officer)
    _is_error(response, 415)
    assert not Campaign.objects.exists()


def test_duplicate_keys_are_refused_naming_the_key(client, officer):
    body = json.dumps(CAMPAIGN)[:-1] + ', "title": "Other title"}'
    response = _post(client, body, officer)
    assert _is_error(response, 400)["errors"] == {"title": ["duplicate key"]}
    assert not Campaign.objects.exists()


def test_invalid_json_is_400(client, officer):
    _is_error(_post(client, "{not json", officer), 400)


def _json_write_operations() -> list[tuple[str, str]]:
    found = []
    for prefix, router in api._routers:
        for path, path_view in router.path_operations.items():
            for operation in path_view.operations:
                if any(m.__ninja_param_source__ == "body" for m in operation.models):
                    found += [(method, f"/api/v1{prefix}{path}") for method in operation.methods]
    return sorted(found)


def test_every_json_write_endpoint_is_listed():
    assert len(_json_write_operations()) >= 20


@pytest.mark.parametrize(("method", "path"), _json_write_operations())
def test_unpaired_surrogates_are_refused_naming_the_field(client, make_user, method, path):
    """Every JSON write endpoint; the text cannot be stored or encrypted, so nothing is."""
    headers = _auth(make_user("sup", Role.SUPERVISOR))
    url = path.replace("{code}", "WSP-X").replace("_id}", "").replace("{", "1").replace("}", "")
    body = json.dumps({"title": "a\ud800b", "items": ["ok", "\udfff"]})  # escaped in the JSON
    response = client.generic(method, url, body, content_type="application/json", **headers)
    errors = _is_error(response, 400)["errors"]
    assert set(errors) == {"title", "items.1"}


def test_unpaired_surrogate_in_a_campaign_is_not_stored(client, officer):
    response = _post(client, json.dumps({**CAMPAIGN, "title": "Sosialisasi \ud800"}), officer)
    assert "title" in _is_error(response, 400)["errors"]
    assert not Campaign.objects.exists()


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/cases?year=10000",
        "/api/v1/cases?year=99999999999999999999999",
        "/api/v1/legal-cases?year=10000",
        "/api/v1/campaigns?year=10000",
        "/api/v1/trainings?year=10000",
        "/api/v1/trainings/results?year_from=10000",
        "/api/v1/trainings/results?year_to=-1",
    ],
)
def test_out_of_range_years_are_422_naming_the_year(client, make_user, url):
    response = client.get(url, **_auth(make_user("sup", Role.SUPERVISOR)))
    errors = _is_error(response, 422)["errors"]
    assert len(errors) == 1 and next(iter(errors)).startswith("year")


@pytest.mark.parametrize(
    ("url", "field"),
    [
        ("/api/v1/cases?offset=99999999999999999999", "offset"),
        ("/api/v1/campaigns?offset=99999999999999999999", "offset"),
        ("/api/v1/campaigns?limit=99999999999999999999", "limit"),
        ("/api/v1/campaigns?limit=0", "limit"),
        ("/api/v1/campaigns?offset=-1", "offset"),
        ("/api/v1/trainings?organiser=99999999999999999999", "organiser"),
        ("/api/v1/reports/dashboard?organisation=99999999999999999999", "organisation"),
        ("/api/v1/reports/dashboard?year_from=99999999999999999999", "year_from"),
        ("/api/v1/campaigns/99999999999999999999", "campaign_id"),
        ("/api/v1/campaigns?year=abc", "year"),
    ],
)
def test_integers_beyond_their_bounds_are_422_naming_the_field(client, make_user, url, field):
    response = client.get(url, **_auth(make_user("sup", Role.SUPERVISOR)))
    assert list(_is_error(response, 422)["errors"]) == [field]


def test_a_campaign_with_a_partner_id_beyond_64_bits_is_422(client, officer):
    response = _post(client, json.dumps({**CAMPAIGN, "partners": [10**30]}), officer)
    assert list(_is_error(response, 422)["errors"]) == ["partners.0"]
    assert not Campaign.objects.exists()


def test_the_page_is_bounded_and_counted(client, officer, campaign):  # noqa: F811
    listing = client.get(URL, {"limit": 200, "offset": 0}, **officer).json()
    assert listing["count"] == 1 and len(listing["results"]) == 1
    assert client.get(URL, {"offset": 1}, **officer).json() == {"count": 1, "results": []}
    _is_error(client.get(URL, {"limit": 201}, **officer), 422)


def test_an_unexpected_error_is_answered_as_json_500(client, officer, monkeypatch, caplog):
    def broken(**kwargs: Any) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr("waspada.campaigns.selectors.campaign_list", broken)
    response = client.get(URL, **officer)
    assert _is_error(response, 500) == {"detail": "Internal server error."}
    assert "RuntimeError" in caplog.text


def test_an_unknown_api_address_is_answered_as_json_404(client, officer):
    _is_error(client.get("/api/v1/no-such-thing", **officer), 404)


def test_a_service_refusal_is_403_and_field_errors_400(client, people):  # noqa: F811
    response = _post(client, json.dumps(CAMPAIGN), _auth(people["caseworker"]))
    _is_error(response, 403)
    response = _post(client, json.dumps({**CAMPAIGN, "channel": "x"}), _auth(people["admin"]))
    _is_error(response, 403)
    officer = _auth(people["programme_officer"])
    response = _post(client, json.dumps({**CAMPAIGN, "channel": "x"}), officer)
    assert _is_error(response, 400)["errors"] == {"channel": ["Pilih saluran dari daftar."]}


def test_an_error_outside_the_api_handler_is_json_under_api(rf):
    from waspada.ui.views import server_error

    response = server_error(rf.get("/api/v1/cases"))
    assert response.status_code == 500 and json.loads(response.content) == {
        "detail": "Internal server error."
    }
    assert server_error(rf.get("/perlindungan/")).status_code == 500


@pytest.mark.parametrize(
    ("url", "field"),
    [
        ("/api/v1/trainings?topic=a%00b", "topic"),
        ("/api/v1/cases?q=%00", "q"),
        ("/api/v1/cases/WSP%00/services", "code"),
    ],
)
def test_nul_characters_are_refused_naming_the_field(client, make_user, url, field):
    """PostgreSQL cannot store or compare text with a NUL: it was a 500 there."""
    response = client.get(url, **_auth(make_user("sup", Role.SUPERVISOR)))
    assert list(_is_error(response, 422)["errors"]) == [field]


def test_nul_characters_in_a_json_body_are_refused(client, officer):
    response = _post(client, json.dumps({**CAMPAIGN, "regency": "Cianjur\x00"}), officer)
    assert _is_error(response, 400)["errors"] == {"regency": [api_kit.UNSTORABLE]}
    assert not Campaign.objects.exists()
