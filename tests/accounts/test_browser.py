"""In headless Chromium: a caseworker signs in, is made to enrol in two-factor sign-in, enrols
with a TOTP computed in the test, keeps the recovery codes, and signs in again with a code."""

from __future__ import annotations

import time

import pytest

from tests.browser import browser_page, chromium, log_in, menu_click, totp  # noqa: F401  (fixtures)
from tests.conftest import PASSWORD
from waspada.accounts.roles import Role
from waspada.audit.models import AuditEvent

pytestmark = [
    pytest.mark.browser,
    pytest.mark.second_factor,
    pytest.mark.django_db(transaction=True),
]


def test_caseworker_enrols_and_signs_in_with_a_code(browser_page, live_server, make_user):  # noqa: F811
    make_user("cw.iom", Role.CASEWORKER)
    page = browser_page
    page.goto(f"{live_server.url}/akun/login/")
    page.fill("#id_username", "cw.iom")
    page.fill("#id_password", PASSWORD)
    page.press("#id_password", "Enter")
    page.wait_for_url(f"{live_server.url}/akun/dua-langkah/daftar/**")
    assert page.locator(".qr svg").is_visible()
    secret = page.locator("#totp-secret").inner_text().strip()
    page.fill("#id_token", totp(secret))
    page.click("button[type=submit]:has-text('Aktifkan')")
    codes = page.locator("#recovery-codes li").all_inner_texts()
    assert len(codes) == 10
    page.click("text=Sudah saya simpan, lanjutkan")
    page.wait_for_url(f"{live_server.url}/dasbor/")
    page.goto(f"{live_server.url}/perlindungan/")
    assert "/perlindungan/" in page.url
    menu_click(page, "nav.menu button:has-text('Keluar')")
    page.wait_for_url(f"{live_server.url}/")

    # The next sign-in asks for a code (the next one: a code is never accepted twice).
    page.goto(f"{live_server.url}/perlindungan/")
    page.fill("#id_username", "cw.iom")
    page.fill("#id_password", PASSWORD)
    page.press("#id_password", "Enter")
    page.wait_for_url(f"{live_server.url}/akun/dua-langkah/**")
    page.fill("#id_token", totp(secret, at=time.time() + 30))
    page.press("#id_token", "Enter")
    page.wait_for_url(f"{live_server.url}/perlindungan/")
    actions = list(AuditEvent.objects.values_list("action", flat=True))
    assert "accounts.second_factor.enrolled" in actions
    assert "accounts.second_factor.verified" in actions


def test_login_helper_completes_the_second_factor(browser_page, live_server, make_user):  # noqa: F811
    make_user("sup.iom", Role.SUPERVISOR)
    log_in(browser_page, live_server.url, "sup.iom", PASSWORD)  # enrols
    assert browser_page.url.endswith("/dasbor/")
    menu_click(browser_page, "nav.menu button:has-text('Keluar')")
    browser_page.wait_for_url(f"{live_server.url}/")
    log_in(browser_page, live_server.url, "sup.iom", PASSWORD)
    assert browser_page.url.endswith("/dasbor/")
