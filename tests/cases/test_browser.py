"""A caseworker registers a person, records consent and makes a referral, on a phone."""

from __future__ import annotations

import pytest

from tests.browser import browser_page, chromium, menu_click  # noqa: F401  (fixtures)
from tests.conftest import PASSWORD
from waspada.accounts.roles import Role
from waspada.cases.models import Case
from waspada.referrals.models import Referral

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_register_consent_and_refer(browser_page, live_server, make_user, org_ngo):  # noqa: F811
    make_user("cw.iom", Role.CASEWORKER)
    page = browser_page
    page.goto(f"{live_server.url}/akun/login/")
    page.fill("#id_username", "cw.iom")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]:has-text('Masuk')")
    page.wait_for_url(f"{live_server.url}/dasbor/")

    menu_click(page, "nav.menu a:has-text('Perlindungan')")
    page.click("a:has-text('Daftarkan kasus baru')")
    page.fill("#id_full_name", "Wulan Sari")
    page.select_option("#id_sex", "female")
    page.fill("#id_birth_date", "2000-01-31")
    page.fill("#id_nik", "3201017101000003")  # agrees with the birth date and sex (31 + 40)
    page.select_option("#id_destination_country", "KH")
    page.fill("#id_departed_on", "2023-02-01")
    page.fill("#id_returned_on", "2022-01-01")  # before departure: a field error
    page.click("button:has-text('Daftarkan')")
    assert page.locator("p.error", has_text="lebih awal dari tanggal sebelumnya").is_visible()
    assert page.locator("#ringkasan-kesalahan a[href='#id_returned_on']").is_visible()
    assert Case.objects.count() == 0
    page.fill("#id_returned_on", "2023-09-01")
    page.click("button:has-text('Daftarkan')")
    page.wait_for_load_state()
    assert page.get_by_text("terdaftar.").is_visible()
    case = Case.objects.get()
    assert f"/perlindungan/kasus/{case.code}/" in page.url
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    # consent to share, recorded from the profile tab
    page.locator("li:has-text('Berbagi data') button:has-text('Catat setuju')").click()
    page.wait_for_load_state()
    assert page.get_by_text("Persetujuan dicatat.").is_visible()

    page.click("nav.tabs a:has-text('Rujukan')")
    page.select_option("#id_service_type", "shelter")
    page.select_option("#id_to_organisation", label=org_ngo.name)
    page.click("button:has-text('Kirim rujukan')")
    page.wait_for_load_state()
    assert page.get_by_text("Rujukan dikirim.").is_visible()
    referral = Referral.objects.get()
    assert (referral.case, referral.to_organisation, referral.status) == (case, org_ngo, "pending")
