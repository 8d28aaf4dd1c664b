"""The staff menu on a phone is one line ("Menu") that opens with a tap or the keyboard, without
JavaScript; on a wide screen every section is shown at once. Before this, the menu took about a
third of the first screen of the workbench at 390 px."""

from __future__ import annotations

import pytest

from tests.browser import chromium  # noqa: F401  (fixture)
from tests.conftest import PASSWORD
from waspada.accounts.roles import Role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _page(chromium, live_server, width: int, *, javascript: bool = True):  # type: ignore[no-untyped-def]  # noqa: F811
    context = chromium.new_context(
        viewport={"width": width, "height": 844}, java_script_enabled=javascript
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{live_server.url}/akun/login/")
    page.fill("#id_username", "sup.iom")
    page.fill("#id_password", PASSWORD)
    page.press("#id_password", "Enter")
    page.wait_for_url(f"{live_server.url}/dasbor/")
    return page


@pytest.mark.parametrize("javascript", [True, False])
def test_phone_menu_is_one_line_and_opens(chromium, live_server, make_user, javascript):  # noqa: F811
    make_user("sup.iom", Role.SUPERVISOR)
    page = _page(chromium, live_server, 390, javascript=javascript)
    bar = page.locator("header.topbar").bounding_box()
    assert bar is not None and bar["height"] < 70  # one line, not a third of 844 px
    heading = page.locator("main h1").bounding_box()
    assert heading is not None and heading["y"] < 844 / 5
    sections = page.locator("nav.menu").get_by_role("link", name="Laporan", exact=True)
    assert not sections.is_visible()
    page.click("nav.menu summary")
    assert sections.is_visible()
    sections.click()
    page.wait_for_load_state()
    assert "/laporan/" in page.url


def test_phone_menu_works_with_the_keyboard(chromium, live_server, make_user):  # noqa: F811
    make_user("sup.iom", Role.SUPERVISOR)
    page = _page(chromium, live_server, 390)
    page.focus("nav.menu summary")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Beranda saya"
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    assert page.url.endswith("/dasbor/")


@pytest.mark.parametrize("javascript", [True, False])
def test_wide_screen_shows_every_section(chromium, live_server, make_user, javascript):  # noqa: F811
    make_user("sup.iom", Role.SUPERVISOR)
    page = _page(chromium, live_server, 1280, javascript=javascript)
    assert not page.locator("nav.menu summary").is_visible()
    links = page.locator("nav.menu a")
    assert links.count() >= 5
    assert all(links.nth(i).is_visible() for i in range(links.count()))
    assert page.locator("nav.menu button", has_text="Keluar").is_visible()


def test_public_pages_keep_lapor_sos_in_sight_on_a_phone(chromium, live_server):  # noqa: F811
    page = chromium.new_context(viewport={"width": 390, "height": 844}).new_page()
    page.goto(f"{live_server.url}/cek/")
    assert page.locator("nav.menu summary").count() == 0
    assert page.locator("nav.menu").get_by_role("link", name="Lapor / SOS").is_visible()
