"""Cek Lowongan in headless Chromium on a phone-sized screen."""

from __future__ import annotations

import pytest

from tests.browser import browser_page, chromium  # noqa: F401  (fixtures)
from tests.prevention.conftest import SCAM

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_check_an_offer_on_a_phone(browser_page, live_server):  # noqa: F811
    page = browser_page
    page.goto(f"{live_server.url}/")
    page.click("a.button:has-text('Cek Lowongan')")
    page.wait_for_url(f"{live_server.url}/cek/")
    page.fill("textarea[name=text]", SCAM)
    page.click("button:has-text('Periksa')")
    page.wait_for_load_state()
    verdict = page.locator("#hasil h2")
    assert "Risiko tinggi" in verdict.inner_text()
    assert page.locator(".screened mark").count() >= 2
    assert page.locator("ol.indicators > li").count() >= 2
    # the page fits a 390 px wide screen: nothing scrolls sideways
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    page.fill("textarea[name=text]", "")
    page.click("button:has-text('Periksa')")
    page.wait_for_load_state()
    assert page.get_by_text("Tempel dulu teks lowongan").is_visible()
