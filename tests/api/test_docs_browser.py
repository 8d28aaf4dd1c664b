"""The interactive API documentation: Swagger UI from django-ninja's own static files (no
CDN, nothing fetched from elsewhere), for logged-in staff only."""

from __future__ import annotations

import json

import pytest

from tests.browser import chromium  # noqa: F401  (fixture)
from tests.conftest import PASSWORD
from waspada.accounts.roles import Role

pytestmark = pytest.mark.django_db(transaction=True)


def test_docs_need_a_login_and_load_only_local_assets(client, make_user):
    assert client.get("/api/v1/docs").status_code == 401
    client.force_login(make_user("cw.iom", Role.CASEWORKER))
    page = client.get("/api/v1/docs")
    assert page.status_code == 200
    html = page.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "cdn." not in html and "//unpkg" not in html


@pytest.mark.browser
def test_swagger_ui_renders_the_schema_in_the_browser(chromium, live_server, make_user):  # noqa: F811
    make_user("cw.iom", Role.CASEWORKER)
    page = chromium.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.set_default_timeout(15_000)
    outside: list[str] = []
    page.on(
        "request",
        lambda r: outside.append(r.url) if not r.url.startswith(live_server.url) else None,
    )
    page.goto(f"{live_server.url}/akun/login/")
    page.fill("#id_username", "cw.iom")
    page.fill("#id_password", PASSWORD)
    page.press("#id_password", "Enter")
    page.wait_for_url(f"{live_server.url}/dasbor/")
    page.goto(f"{live_server.url}/api/v1/docs")
    page.wait_for_selector(".swagger-ui .info .title")
    assert "Waspada API" in page.inner_text(".swagger-ui .info .title")
    assert page.locator(".opblock").count() > 20  # the endpoints are listed
    assert [url for url in outside if not url.startswith("data:")] == []


def test_the_schema_has_no_duplicated_keys(client, make_user):
    """Swagger UI refused the schema: django-ninja's int response codes and the error
    answers' str codes were both written as "400" in one object."""

    def no_duplicates(pairs):  # type: ignore[no-untyped-def]
        keys = [key for key, _ in pairs]
        assert len(keys) == len(set(keys)), keys
        return dict(pairs)

    client.force_login(make_user("cw.iom", Role.CASEWORKER))
    body = client.get("/api/v1/openapi.json").content.decode()
    json.loads(body, object_pairs_hook=no_duplicates)
