"""The 3P dashboard at phone and desktop width: breakdowns in a grid on wide screens, one
column on a phone, nothing scrolling sideways, whole labels and grouped thousands, every
chart with its table, and suppression still applied."""

from __future__ import annotations

import pytest

from tests.browser import chromium  # noqa: F401  (fixture)
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(("width", "columns"), [(390, 1), (1280, 2)])
def test_dashboard_reads_at_a_glance(chromium, live_server, world, width, columns):  # noqa: F811
    page = chromium.new_context(viewport={"width": width, "height": 900}).new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{live_server.url}/akun/login/")
    page.fill("#id_username", world.analyst.username)
    page.fill("#id_password", PASSWORD)
    page.press("#id_password", "Enter")
    page.wait_for_url(f"{live_server.url}/dasbor/")
    page.goto(f"{live_server.url}/laporan/")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    grid = page.locator(".chart-grid").first
    template = grid.evaluate("g => getComputedStyle(g).gridTemplateColumns")
    assert len(template.split()) == columns
    # every chart comes with its table, and the period defaults to complete years
    charts = page.locator("svg.chart").count()
    assert charts > 5
    assert page.locator(".chart-grid section:has(svg.chart) details table").count() == charts
    assert page.input_value("#id_year_from") == "2021"
    # the analyst sees suppressed counts; whole labels and grouped thousands in the charts
    texts = page.eval_on_selector_all("svg.chart text", "els => els.map(e => e.textContent)")
    assert "<11" in texts
    assert "Jawa Timur" in texts or "Jawa Barat" in texts
    assert not [text for text in texts if text.endswith("…")]
