"""Every page carries the Content-Security-Policy and Permissions-Policy, and every page that may
show personal data says no-store; the pages themselves contain no inline script or style."""

from __future__ import annotations

import re

import pytest

from tests.case_fixtures import case_cast  # noqa: F401  (fixture)
from tests.ui.test_deny_by_default import ROUTES, _concrete

CSP = (
    "default-src 'self'; base-uri 'none'; object-src 'none'; "
    "frame-ancestors 'none'; form-action 'self'"
)
# A JSON data block (<script type="application/json">, the API docs' settings) is never run.
INLINE = re.compile(
    r'<script(?![^>]*\b(?:src=|type="application/json"))|<style|\sstyle=|\son[a-z]+=|javascript:',
    flags=re.IGNORECASE,
)


def _assert_policies(response, route: str) -> None:  # type: ignore[no-untyped-def]
    assert response["Content-Security-Policy"] == CSP, route
    assert response["Permissions-Policy"] == "camera=(), microphone=(), geolocation=()", route
    if response.get("Content-Type", "").startswith("text/html"):
        html = response.content.decode()
        found = INLINE.search(html)
        assert found is None, (route, html[max(found.start() - 80, 0) : found.end() + 80])


def _no_store(response) -> bool:  # type: ignore[no-untyped-def]
    return "no-store" in response.get("Cache-Control", "")


@pytest.mark.parametrize("role", ["admin", "supervisor", "assigned"])
def test_every_page_of_a_logged_in_user_has_the_policies_and_no_store(client, case_cast, role):  # noqa: F811
    client.force_login(getattr(case_cast, role))
    for route, _name in ROUTES:
        path = _concrete(route.replace("<str:code>", case_cast.case.code))
        response = client.get(path)
        _assert_policies(response, path)
        assert _no_store(response), (path, response.status_code)


def test_public_pages_have_the_policies_and_may_be_cached(client, db):
    for path in ("/", "/cek/", "/akun/login/", "/healthz"):
        response = client.get(path)
        assert response.status_code == 200, path
        _assert_policies(response, path)
        if path != "/akun/login/":  # Django's login view is never_cache anyway
            assert not _no_store(response), path


def test_answers_to_forms_and_the_api_are_never_stored(client, db):
    checked = client.post("/cek/", {"text": "Kerja di Kamboja, gaji 20 juta, tanpa pengalaman."})
    assert checked.status_code == 200 and _no_store(checked)
    _assert_policies(checked, "/cek/")
    screened = client.post(
        "/api/v1/screen", {"text": "Kerja di Kamboja"}, content_type="application/json"
    )
    assert screened.status_code == 200 and _no_store(screened)
    refused = client.get("/api/v1/cases")
    assert refused.status_code == 401 and _no_store(refused)


def test_an_api_answer_with_a_token_is_never_stored(client, case_cast):  # noqa: F811
    from waspada.accounts.services import token_create

    token = token_create(user=case_cast.assigned, name="test")
    response = client.get(
        f"/api/v1/cases/{case_cast.case.code}?personal=true", HTTP_AUTHORIZATION=f"Bearer {token}"
    )
    assert response.status_code == 200
    assert _no_store(response)
    assert response["Content-Security-Policy"] == CSP
