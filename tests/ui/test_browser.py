"""End to end in headless Chromium: log in, switch language, see the navigation, log out."""

from __future__ import annotations

import pytest

from tests.browser import browser_page, chromium, menu_click  # noqa: F401  (fixtures)
from tests.case_fixtures import case_cast  # noqa: F401  (fixture)
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
    page.click("nav.menu summary")  # a phone: the menu is folded behind "Menu"
    assert nav.get_by_text("Perlindungan").is_visible()
    assert nav.get_by_text("Administrasi").count() == 0  # supervisors do not administer

    page.click("form.lang button[value=en]")
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    page.click("nav.menu summary")
    assert nav.get_by_text("Protection").is_visible()
    assert nav.get_by_text("Prosecution").is_visible()
    assert nav.get_by_text("Reports", exact=True).is_visible()  # not "Public reports"

    menu_click(page, "nav.menu button:has-text('Log out')")
    page.wait_for_url(f"{live_server.url}/")
    assert page.get_by_text("Staff login").first.is_visible()
    actions = list(AuditEvent.objects.values_list("action", flat=True))
    assert actions.count("accounts.user.login") == 1
    assert actions.count("accounts.user.logout") == 1
    page.goto(f"{live_server.url}/dasbor/")
    assert "/akun/login/" in page.url


CSP_WATCH = """
window.__csp = [];
document.addEventListener('securitypolicyviolation',
  (e) => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));
"""


def test_the_main_pages_break_no_content_security_policy(  # type: ignore[no-untyped-def]
    browser_page,  # noqa: F811
    live_server,
    case_cast,  # noqa: F811
):
    page = browser_page
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))
    page.add_init_script(CSP_WATCH)
    violations: list[str] = []

    def visit(path: str) -> None:
        response = page.goto(f"{live_server.url}{path}")
        assert response is not None and response.status == 200, path
        assert "default-src 'self'" in response.headers["content-security-policy"]
        violations.extend(f"{path}: {v}" for v in page.evaluate("window.__csp"))

    for path in ("/", "/akun/login/", "/cek/"):
        visit(path)
    page.fill("#id_text", "Dicari admin di Kamboja, gaji 20 juta, tiket dibayar, tanpa pengalaman.")
    page.click("main button[type=submit]")
    page.wait_for_load_state()
    violations.extend(f"/cek/ result: {v}" for v in page.evaluate("window.__csp"))

    page.goto(f"{live_server.url}/akun/login/")
    page.fill("#id_username", case_cast.supervisor.username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]:has-text('Masuk')")
    page.wait_for_url(f"{live_server.url}/dasbor/")
    code = case_cast.case.code
    for path in (
        "/dasbor/", "/perlindungan/", f"/perlindungan/kasus/{code}/", "/penegakan-hukum/",
        "/pencegahan/", "/laporan/", "/laporan/tahunan/?year=2023",
    ):  # fmt: skip
        visit(path)
    assert violations == []
    assert not [text for text in console if "Content Security Policy" in text]
