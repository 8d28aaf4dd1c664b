"""After a failed submit of a long form, an error summary at the top links to each field and
takes the keyboard focus; everything typed is still there. Without JavaScript it is visible."""

from __future__ import annotations

import pytest

from tests.browser import chromium  # noqa: F401  (fixture)
from tests.conftest import PASSWORD
from waspada.accounts.roles import Role
from waspada.cases.models import Case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _login(page, url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{url}/akun/login/")
    page.fill("#id_username", "cw.iom")
    page.fill("#id_password", PASSWORD)
    page.press("#id_password", "Enter")
    page.wait_for_url(f"{url}/dasbor/")


def _fail_register(page, url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{url}/perlindungan/baru/")
    page.fill("#id_full_name", "Wulan Sari")
    page.fill("#id_nik", "12345")  # too short: a field error high up
    page.fill("#id_departed_on", "2023-02-01")
    page.fill("#id_returned_on", "2022-01-01")  # before departure: a field error low down
    page.fill("#id_narrative", "Direkrut lewat Telegram, disekap di Sihanoukville.")
    page.click("button:has-text('Daftarkan')")
    page.wait_for_load_state()


@pytest.mark.parametrize("width", [390, 1280])
def test_error_summary_takes_focus_and_links_to_each_field(chromium, live_server, make_user, width):  # noqa: F811
    make_user("cw.iom", Role.CASEWORKER)
    page = chromium.new_context(viewport={"width": width, "height": 844}).new_page()
    page.set_default_timeout(15_000)
    _login(page, live_server.url)
    _fail_register(page, live_server.url)

    summary = page.locator("#ringkasan-kesalahan")
    assert summary.is_visible()
    assert page.evaluate("document.activeElement.id") == "ringkasan-kesalahan"
    box = summary.bounding_box()
    assert box is not None and -1 <= box["y"] < 844  # on screen, not 3,000 px away
    links = summary.locator("a")
    targets = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert "#id_nik" in targets and "#id_returned_on" in targets
    # everything typed is kept
    assert page.input_value("#id_full_name") == "Wulan Sari"
    assert page.input_value("#id_narrative").startswith("Direkrut lewat Telegram")
    assert page.input_value("#id_departed_on") == "2023-02-01"
    # a link moves the focus to its field
    summary.locator("a[href='#id_returned_on']").click()
    assert page.evaluate("document.activeElement.id") == "id_returned_on"
    assert Case.objects.count() == 0


def test_error_summary_is_there_without_javascript(chromium, live_server, make_user):  # noqa: F811
    make_user("cw.iom", Role.CASEWORKER)
    viewport = {"width": 390, "height": 844}
    context = chromium.new_context(viewport=viewport, java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(15_000)
    _login(page, live_server.url)
    _fail_register(page, live_server.url)
    assert page.locator("#ringkasan-kesalahan a[href='#id_nik']").is_visible()
