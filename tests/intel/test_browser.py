"""A supervisor and a caseworker of another organisation look up one number typed three ways:
the supervisor sees the case, the other caseworker only that a case exists at IOM Indonesia."""

from __future__ import annotations

import pytest

from tests.browser import (
    chromium,  # noqa: F401  (fixture)
    menu_click,
)
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _login(context, url, username):  # type: ignore[no-untyped-def]
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{url}/akun/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.press("#id_password", "Enter")
    page.wait_for_url(f"{url}/dasbor/")
    return page


def test_lookup_shows_each_viewer_what_they_may_see(chromium, live_server, scene):  # noqa: F811
    url = live_server.url
    desk = chromium.new_context(viewport={"width": 1280, "height": 900}, java_script_enabled=False)
    sup = _login(desk, url, "sup.iom")
    menu_click(sup, "nav.menu a:has-text('Intelijen')")
    sup.fill("#id_value", "+62 812-3456-7890")
    sup.press("#id_value", "Enter")
    sup.wait_for_selector("figure.intel-network svg")
    text = sup.content()
    assert scene.case.code in text and scene.report.tracking_code in text
    assert "+6281234567890" in text
    sup.click(f"a:has-text('{scene.case.code}')")
    assert sup.url.endswith(f"/perlindungan/kasus/{scene.case.code}/")

    phone = chromium.new_context(viewport={"width": 390, "height": 844}, java_script_enabled=False)
    other = _login(phone, url, "cw.ngo")
    other.goto(f"{url}/intelijen/?value=0812%203456%207890")
    body = other.inner_text("main")
    assert scene.case.code not in other.content()
    assert "1 × Kasus korban di IOM Indonesia" in body
