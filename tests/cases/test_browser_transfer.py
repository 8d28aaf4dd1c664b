"""One person from KBRI registration through hand-over to KP2MI and to an NGO, on a phone:
a BAST printed at each hand-over, access changing as it should."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.browser import browser_page, chromium  # noqa: F401  (fixtures)
from tests.conftest import PASSWORD
from waspada.accounts.models import Organisation
from waspada.accounts.roles import OrganisationType, Role
from waspada.cases.models import AccessReason, Case, CaseAccessGrant

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def login(page, base, username):  # type: ignore[no-untyped-def]
    page.context.clear_cookies()
    page.goto(f"{base}/akun/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.press("#id_password", "Enter")
    page.wait_for_url(f"{base}/dasbor/")


def accept_incoming(page, base, code):  # type: ignore[no-untyped-def]
    page.goto(f"{base}/perlindungan/")
    page.click("a:has-text('Serah terima masuk')")
    card = page.locator(f".card:has-text('{code}')")
    card.locator("button:has-text('Terima serah terima')").click()
    page.wait_for_load_state()
    assert page.get_by_text("Kasus ini sekarang milik organisasi Anda").is_visible()


def print_bast(page, number):  # type: ignore[no-untyped-def]
    page.click(f"a:has-text('Cetak BAST {number}')")
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Berita Acara Serah Terima"
    assert page.get_by_text("Wulan Sari").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.go_back()


def test_kbri_to_kp2mi_to_ngo(browser_page, live_server, make_user):  # noqa: F811
    kbri = Organisation.objects.create(name="KBRI Phnom Penh", short_name="KBRI Phnom Penh",
                                       type=OrganisationType.EMBASSY)  # fmt: skip
    kp2mi = Organisation.objects.create(name="KP2MI", type=OrganisationType.GOVERNMENT)
    ngo = Organisation.objects.create(name="Yayasan Pulih", type=OrganisationType.NGO_LEGAL_AID)
    make_user("cw.kbri", Role.CASEWORKER, organisation=kbri)
    make_user("cw.kp2mi", Role.CASEWORKER, organisation=kp2mi)
    make_user("cw.ngo", Role.CASEWORKER, organisation=ngo)
    page, base = browser_page, live_server.url

    # KBRI registers the person and records consent to share.
    login(page, base, "cw.kbri")
    page.goto(f"{base}/perlindungan/baru/")
    page.fill("#id_full_name", "Wulan Sari")
    page.select_option("#id_sex", "female")
    page.select_option("#id_destination_country", "KH")
    page.click("button:has-text('Daftarkan')")
    page.wait_for_load_state()
    case = Case.objects.get()
    page.locator("li:has-text('Berbagi data') button:has-text('Catat setuju')").click()
    page.wait_for_load_state()

    # KBRI asks KP2MI to take over at debarkation.
    page.click("nav.tabs a:has-text('Serah terima')")
    page.select_option("#id_to_organisation", label="KP2MI")
    page.check("input[name=items][value=passport_splp]")
    page.fill("#id_note", "Dijemput di Bandara Soekarno-Hatta")
    page.click("button:has-text('Minta serah terima')")
    page.wait_for_load_state()
    assert page.get_by_text("Permintaan serah terima dikirim.").is_visible()
    assert page.get_by_text("Menunggu jawaban").is_visible()

    # KP2MI cannot open the case before it accepts; then it owns it and prints the BAST.
    login(page, base, "cw.kp2mi")
    assert page.goto(f"{base}/perlindungan/kasus/{case.code}/").status == 404
    accept_incoming(page, base, case.code)
    case.refresh_from_db()
    assert case.organisation == kp2mi
    first = case.transfers.get()
    print_bast(page, first.bast_number)

    # KBRI still reads (no more editing or hand-over form), through its expiring grant.
    login(page, base, "cw.kbri")
    page.goto(f"{base}/perlindungan/kasus/{case.code}/?tab=serah-terima")
    assert page.get_by_text("KBRI Phnom Penh → KP2MI").is_visible()
    assert page.locator("#id_to_organisation").count() == 0
    print_bast(page, first.bast_number)  # the sender prints its copy too

    # KP2MI hands over to the NGO for reintegration.
    login(page, base, "cw.kp2mi")
    page.goto(f"{base}/perlindungan/kasus/{case.code}/?tab=serah-terima")
    page.select_option("#id_to_organisation", label="Yayasan Pulih")
    page.click("button:has-text('Minta serah terima')")
    page.wait_for_load_state()
    login(page, base, "cw.ngo")
    accept_incoming(page, base, case.code)
    second = case.transfers.get(to_organisation=ngo)
    assert page.get_by_text("KBRI Phnom Penh → KP2MI").is_visible()
    assert page.get_by_text("KP2MI → Yayasan Pulih").is_visible()
    print_bast(page, second.bast_number)
    # The NGO was no side of the first hand-over: no BAST of it to print.
    assert page.locator(f"a:has-text('Cetak BAST {first.bast_number}')").count() == 0
    case.refresh_from_db()
    assert case.organisation == ngo

    # When KBRI's read period is over, the case is "not found" for it again.
    CaseAccessGrant.objects.filter(organisation=kbri, reason=AccessReason.TRANSFER).update(
        revoked_at=timezone.now() - timedelta(minutes=1)
    )
    login(page, base, "cw.kbri")
    assert page.goto(f"{base}/perlindungan/kasus/{case.code}/").status == 404
    login(page, base, "cw.kp2mi")
    assert page.goto(f"{base}/perlindungan/kasus/{case.code}/").status == 200
