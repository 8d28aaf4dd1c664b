"""A legal officer creates a legal case, uploads evidence and moves it one stage."""

from __future__ import annotations

import base64

import pytest

from tests.browser import browser_page, chromium, menu_click  # noqa: F401  (fixtures)
from tests.conftest import PASSWORD
from waspada.accounts.roles import Role
from waspada.evidence.models import EvidenceItem
from waspada.legal.models import LegalCase

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# A 1×1 PNG: a stand-in for a screenshot of a recruiter's chat.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)


def test_create_upload_and_move_stage(browser_page, live_server, make_user, tmp_path):  # noqa: F811
    make_user("legal.lbh", Role.LEGAL_OFFICER)
    page = browser_page
    page.goto(f"{live_server.url}/akun/login/")
    page.fill("#id_username", "legal.lbh")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]:has-text('Masuk')")
    page.wait_for_url(f"{live_server.url}/dasbor/")

    menu_click(page, "nav.menu a:has-text('Penegakan hukum')")
    page.click("a:has-text('Buat perkara baru')")
    page.fill("#id_title", "Perekrutan ke Sihanoukville lewat Telegram")
    page.click("button:has-text('Simpan')")
    page.wait_for_load_state()
    legal_case = LegalCase.objects.get()
    assert legal_case.code in page.content()

    page.click("a:has-text('Unggah barang bukti')")
    screenshot = tmp_path / "chat.png"
    screenshot.write_bytes(PNG)
    page.set_input_files("#id_file", str(screenshot))
    page.select_option("#id_kind", "chat_screenshot")
    page.click("button:has-text('Unggah')")
    page.wait_for_load_state()
    item = EvidenceItem.objects.get()
    assert item.legal_case == legal_case
    assert item.sha256 in page.content()

    page.goto(f"{live_server.url}/penegakan-hukum/perkara/{legal_case.code}/tahap/")
    page.select_option("#id_to_stage", "investigation")
    page.fill("#id_reason", "Laporan polisi diterima, penyidikan dimulai.")
    page.click("main button[type=submit]")
    page.wait_for_load_state()
    legal_case.refresh_from_db()
    assert legal_case.stage == "investigation"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
