"""End to end in headless Chromium: log in, switch language, see the navigation, log out."""

from __future__ import annotations

import pytest

from tests.browser import browser_page  # noqa: F401  (fixture)
from tests.conftest import PASSWORD
from waspada.accounts.roles import Role
from waspada.audit.models import AuditEvent

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_login_switch_language_logout(browser_page, live_server, make_user):  # noqa: F811
    make_user("sup.iom", Role.SUPERVISOR)
    page = browser_page
    page.goto(f"{live_server.url}/akun/login/")
    assert page.locator("html").get_attribute("lang") == "id"
    page.fill("#id_username", "sup.iom")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]:has-text('Masuk')")
    page.wait_for_url(f"{live_server.url}/dasbor/")
    nav = page.locator("nav.menu")
    assert nav.get_by_text("Perlindungan").is_visible()
    assert nav.get_by_text("Administrasi").count() == 0  # supervisors do not administer

    page.click("form.lang button[value=en]")
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert nav.get_by_text("Protection").is_visible()
    assert nav.get_by_text("Prosecution").is_visible()
    assert nav.get_by_text("Reports", exact=True).is_visible()  # not "Public reports"

    page.click("nav.menu button:has-text('Log out')")
    page.wait_for_url(f"{live_server.url}/")
    assert page.get_by_text("Staff login").first.is_visible()
    actions = list(AuditEvent.objects.values_list("action", flat=True))
    assert actions.count("accounts.user.login") == 1
    assert actions.count("accounts.user.logout") == 1
    page.goto(f"{live_server.url}/dasbor/")
    assert "/akun/login/" in page.url
