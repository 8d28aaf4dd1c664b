"""The workbench in headless Chromium at phone and desktop width."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.browser import browser_page, chromium  # noqa: F401  (fixtures)
from tests.case_fixtures import case_cast  # noqa: F401  (fixture)
from tests.conftest import PASSWORD
from waspada.assistance.models import FollowUp

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def login(page, url, username):  # type: ignore[no-untyped-def]
    page.goto(f"{url}/akun/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.press("#id_password", "Enter")
    page.wait_for_url(f"{url}/dasbor/")


def test_supervisor_workbench_on_a_phone_then_reassign_and_the_new_caseworker_is_told(
    browser_page,  # noqa: F811
    live_server,
    case_cast,  # noqa: F811
):
    case = case_cast.case
    FollowUp.objects.create(
        case=case, due_on=timezone.localdate() - timedelta(days=1), created_by=case_cast.assigned
    )
    page = browser_page
    login(page, live_server.url, case_cast.supervisor.username)
    overdue = page.locator("#wb-follow_ups_overdue")
    assert overdue.locator(".wb-count").inner_text() == "1"
    assert overdue.get_by_text(case.code).is_visible()
    assert page.locator("#wb-referrals_incoming .wb-empty").is_visible()  # says so in one line
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    page.fill("#wb-code", case.code)
    page.select_option("#wb-user", str(case_cast.colleague.pk))
    page.click("button:has-text('Alihkan kasus')")
    page.wait_for_load_state()
    assert page.get_by_text(f"Kasus {case.code} kini ditangani cw.colleague.").is_visible()

    overdue.get_by_text(case.code).click()
    page.wait_for_load_state()
    assert f"/perlindungan/kasus/{case.code}/" in page.url


def test_caseworker_workbench_at_desktop_width_shows_sections_side_by_side(
    chromium,  # noqa: F811
    live_server,
    case_cast,  # noqa: F811
):
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        login(page, live_server.url, case_cast.assigned.username)
        sections = page.locator(".wb-section")
        assert sections.count() >= 4
        first, second = sections.nth(0).bounding_box(), sections.nth(1).bounding_box()
        assert first["y"] == second["y"] and second["x"] > first["x"]  # two columns
        assert page.locator(".wb-empty").count() == sections.count()  # nothing waits yet
        assert page.locator(".badge").count() == 0
    finally:
        context.close()
