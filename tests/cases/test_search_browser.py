"""In headless Chromium: searching a case by NIK and by a word of the name leaves no
identifier in the URL (nor in the history the browser keeps)."""

from __future__ import annotations

import pytest

from tests.browser import browser_page, chromium, log_in  # noqa: F401  (fixtures)
from tests.case_fixtures import PERSON, case_cast  # noqa: F401  (fixture)
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_search_by_nik_and_name_keeps_identifiers_out_of_the_url(
    browser_page,  # noqa: F811
    live_server,
    case_cast,  # noqa: F811
):
    page = browser_page
    log_in(page, live_server.url, case_cast.assigned.username, PASSWORD)
    urls: list[str] = []
    page.on("request", lambda request: urls.append(request.url))
    for query in (PERSON["nik"], "Rahmawati"):
        page.goto(f"{live_server.url}/perlindungan/")
        page.fill("#id_q", query)
        page.click("#case-search button[type=submit]")
        page.wait_for_load_state()
        assert page.get_by_role("link", name=case_cast.case.code).is_visible()
        assert query not in page.url
    history = page.evaluate("() => window.location.href")
    assert PERSON["nik"] not in history
    assert not any(PERSON["nik"] in url or "Rahmawati" in url for url in urls)
