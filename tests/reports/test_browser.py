"""An analyst opens the 3P dashboard, narrows the years and downloads a table as CSV."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest

from tests.browser import browser_page, chromium, menu_click  # noqa: F401  (fixtures)
from tests.conftest import PASSWORD
from waspada.accounts.roles import Role
from waspada.audit.models import AuditEvent
from waspada.prevention.models import ScreeningCount

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_change_years_and_download_csv(browser_page, live_server, make_user):  # noqa: F811
    ScreeningCount.objects.create(day=date(2022, 3, 1), channel="web", verdict="high", count=30)
    ScreeningCount.objects.create(day=date(2023, 3, 1), channel="web", verdict="low", count=7)
    make_user("analis", Role.ANALYST)
    page = browser_page
    page.goto(f"{live_server.url}/akun/login/")
    page.fill("#id_username", "analis")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]:has-text('Masuk')")
    page.wait_for_url(f"{live_server.url}/dasbor/")

    menu_click(page, "nav.menu a:has-text('Laporan')")
    page.wait_for_url(f"{live_server.url}/laporan/")
    assert "2021–2023" in page.locator("#periode").inner_text()
    assert page.locator("#tabel-screening svg rect").count() == 2

    page.fill("#id_year_from", "2022")
    page.fill("#id_year_to", "2022")
    page.click("main form button:has-text('Tampilkan')")
    page.wait_for_url("**/laporan/?*year_from=2022*")
    assert "2022–2022" in page.locator("#periode").inner_text()
    page.locator("#tabel-screening summary").click()
    assert page.locator("#tabel-screening tbody tr").count() == 1

    with page.expect_download() as download_info:
        page.click("#tabel-screening a:has-text('Unduh CSV')")
    download = download_info.value
    assert download.suggested_filename == "waspada-screening-2022-2022.csv"
    rows = list(csv.reader(io.StringIO(download.path().read_text(encoding="utf-8-sig"))))
    assert rows[1] == ["2022", "30", "30", "100.0"]
    assert rows[-1][0] == "Jumlah" and len(rows) == 3
    assert AuditEvent.objects.filter(action="reports.export.created").count() == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


@pytest.mark.parametrize("width", [390, 1280])
def test_the_dashboard_reads_at_a_glance(chromium, live_server, make_user, width):  # noqa: F811
    """Headline figures come first, on the first screen; on a wide screen the breakdowns sit
    two to a row; on a phone nothing scrolls sideways."""
    year = date.today().year - 1
    ScreeningCount.objects.create(day=date(year, 3, 1), channel="web", verdict="high", count=12)
    make_user("analis", Role.ANALYST)
    page = chromium.new_context(viewport={"width": width, "height": 844}).new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{live_server.url}/akun/login/")
    page.fill("#id_username", "analis")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]:has-text('Masuk')")
    page.wait_for_url(f"{live_server.url}/dasbor/")
    page.goto(f"{live_server.url}/laporan/")

    first = page.locator(".headline").first
    box = first.bounding_box()
    assert box is not None and box["y"] < 844  # on the first screen, before any chart
    charts = page.locator(".chart-grid:not(.trend-grid) > section.card")
    assert charts.count() >= 2
    assert box["y"] < (charts.first.bounding_box() or {"y": 0})["y"]
    one, two = charts.nth(0).bounding_box(), charts.nth(1).bounding_box()
    assert one is not None and two is not None
    if width >= 1024:
        assert one["y"] == two["y"] and two["x"] > one["x"]  # two to a row
    else:
        assert two["y"] > one["y"]  # one column
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.context.close()
