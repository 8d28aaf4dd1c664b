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


def test_verdict_reasons_and_hotline_fit_the_first_screen_of_a_phone(browser_page, live_server):  # noqa: F811
    """On a 390x844 phone the verdict, the three strongest reasons and tappable hotlines are
    visible without scrolling (measured from the top of the page, not from the #hasil anchor);
    the full list of red flags is folded, and opens with a tap, without JavaScript too."""
    page = browser_page
    page.goto(f"{live_server.url}/cek/")
    page.fill("textarea[name=text]", SCAM)
    page.click("button:has-text('Periksa')")
    page.wait_for_load_state()
    page.evaluate("window.scrollTo(0, 0)")

    def bottom(selector: str) -> float:
        box = page.locator(selector).bounding_box()
        assert box is not None, selector
        return float(box["y"] + box["height"])

    assert "Risiko tinggi" in page.inner_text("#hasil h2")
    assert page.locator("#hasil .top-reasons li").count() == 3
    tel_links = page.locator("#hasil a[href^='tel:']")
    assert tel_links.count() >= 2
    assert page.locator("#hasil a[href='tel:08001000']").count() == 1
    for selector in ("#hasil h2", "#hasil .top-reasons li >> nth=2", "#hasil .call li >> nth=-1"):
        assert bottom(selector) <= 844, selector
    # the reasons link to their full explanation further down; the full list is folded
    folded = page.locator("#semua-tanda")
    assert folded.get_attribute("open") is None
    assert not page.locator("#semua-tanda ol.indicators").is_visible()
    page.click("#semua-tanda summary")
    assert page.locator("#semua-tanda ol.indicators").is_visible()


def test_the_red_flags_are_open_on_a_wide_screen(chromium, live_server):  # noqa: F811
    page = chromium.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.goto(f"{live_server.url}/cek/")
    page.fill("textarea[name=text]", SCAM)
    page.click("button:has-text('Periksa')")
    page.wait_for_load_state()
    assert page.locator("#semua-tanda ol.indicators").is_visible()
    # the privacy promise sits next to the text box and is read with it
    assert page.get_attribute("textarea[name=text]", "aria-describedby") == "privasi"
    assert page.locator("#privasi").is_visible()
