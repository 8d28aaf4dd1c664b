"""An analyst requests a CTDC release, a supervisor approves it, the analyst downloads it."""

from __future__ import annotations

import csv
import hashlib
import io
from datetime import timedelta

import pytest
from django.utils import timezone

from tests.browser import browser_page, chromium, menu_click  # noqa: F401  (fixtures)
from tests.conftest import PASSWORD
from waspada.sharing import services
from waspada.sharing.models import Release, ReleaseDownload

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _login(page, url: str, username: str) -> None:  # type: ignore[no-untyped-def]
    page.context.clear_cookies()
    page.goto(f"{url}/akun/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.press("#id_password", "Enter")
    page.wait_for_url(f"{url}/dasbor/")


def test_request_approve_as_another_user_and_download(
    browser_page,  # noqa: F811
    live_server,
    people,
    make_case,  # noqa: F811
):
    for _ in range(3):
        make_case()
    today = timezone.localdate()
    agreement = services.agreement_create(
        actor=people["admin"], organisation_id=people["analyst"].organisation_id,
        data={"partner": "CTDC", "purpose": "Global dataset", "kinds": ["ctdc"],
              "valid_from": today - timedelta(days=1), "valid_to": today + timedelta(days=30)},
    )  # fmt: skip
    page, url = browser_page, live_server.url
    _login(page, url, "analyst.share")
    menu_click(page, "nav.menu a:has-text('Berbagi data')")
    page.wait_for_url(f"{url}/berbagi-data/")
    page.click("a:has-text('Minta rilis data')")
    page.select_option("#id_agreement", str(agreement.pk))
    page.check("input[name=kind][value=ctdc]")
    page.fill("#id_k", "2")
    page.fill("#id_quasi_identifiers", "gender")
    page.click("button:has-text('Kirim permintaan')")
    release = Release.objects.get()
    page.wait_for_url(f"{url}/berbagi-data/{release.pk}/")
    assert "Menunggu persetujuan" in page.locator("#status").inner_text()
    assert page.locator("button:has-text('Setujui')").count() == 0

    _login(page, url, "sup.share")
    page.goto(f"{url}/berbagi-data/")
    page.click(f"#menunggu a:has-text('#{release.pk}')")
    page.click("button:has-text('Setujui dan buat berkas')")
    page.wait_for_selector("a:has-text('Unduh berkas')")
    assert "Disetujui" in page.locator("#status").inner_text()

    _login(page, url, "analyst.share")
    page.goto(f"{url}/berbagi-data/{release.pk}/")
    with page.expect_download() as info:
        page.click("a:has-text('Unduh berkas')")
    data = info.value.path().read_bytes()
    release.refresh_from_db()
    assert hashlib.sha256(data).hexdigest() == release.sha256
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8"))))
    assert len(rows) == 3 and rows[0]["gender"] == "Female"
    assert release.decided_by == people["supervisor"]
    assert ReleaseDownload.objects.get().user == people["analyst"]
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
