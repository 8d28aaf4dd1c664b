"""A family sends an SOS from a phone with JavaScript off, gets a code and PIN, and reads the
duty officer's message; the duty officer opens a pre-filled case from it."""

from __future__ import annotations

import re

import pytest

from tests.browser import (
    chromium,  # noqa: F401  (fixture)
    menu_click,
)
from tests.conftest import PASSWORD
from waspada.accounts.roles import Role
from waspada.cases.models import Case
from waspada.lapor.models import PublicReport
from waspada.privacy import services as privacy

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_sos_without_javascript_then_message_and_case(chromium, live_server, make_user):  # noqa: F811
    make_user("piket.iom", Role.DUTY_OFFICER)
    url = live_server.url
    phone = chromium.new_context(viewport={"width": 390, "height": 844}, java_script_enabled=False)
    family = phone.new_page()
    family.set_default_timeout(15_000)

    # The family chooses SOS and fills in what they know.
    family.goto(f"{url}/lapor/")
    family.click("a.choice-sos")
    family.wait_for_url(f"{url}/lapor/sos/")
    family.fill("#id_person_name", "Dewi Anggraini Saputri")
    family.fill("#id_person_age_or_year", "23")
    family.select_option("#id_person_sex", "female")
    family.fill("#id_person_phone", "+855 97 555 0142")
    family.select_option("#id_country", "KH")
    family.fill("#id_city", "Sihanoukville")
    family.fill("#id_place", "Gedung Golden Lotus Blok C")
    family.check("input[name=situations][value=confined]")
    family.check("input[name=situations][value=passport_taken]")
    family.fill("#id_description", "Kakak saya disekap dan dipaksa menipu, paspornya ditahan.")
    family.select_option("#id_reporter_relation", "family")
    family.fill("#id_reporter_name", "Rudi Hartono Saputra")
    family.fill("#id_reporter_contact", "0812-7788-9900")
    family.click("button:has-text('Kirim laporan')")
    family.wait_for_load_state()
    code = family.inner_text("#kode").strip()
    pin = family.inner_text("#pin").strip()
    assert re.fullmatch(r"LPR-\d{4}-[0-9A-Z]{6}", code) and re.fullmatch(r"\d{6}", pin)
    report = PublicReport.objects.get()
    assert (report.tracking_code, report.priority) == (code, "urgent")
    # nothing scrolls sideways on a 390 px screen (measured through the DevTools protocol,
    # which works with the page's own scripts switched off)
    assert family.evaluate("document.documentElement.scrollWidth") <= 390

    # The duty officer takes it and writes to the family.
    desk = chromium.new_context(viewport={"width": 1280, "height": 900})
    officer = desk.new_page()
    officer.set_default_timeout(15_000)
    officer.goto(f"{url}/akun/login/")
    officer.fill("#id_username", "piket.iom")
    officer.fill("#id_password", PASSWORD)
    officer.click("button[type=submit]:has-text('Masuk')")
    officer.wait_for_url(f"{url}/dasbor/")
    menu_click(officer, "nav.menu a:has-text('Laporan publik')")
    officer.click(f"a:has-text('{code}')")
    assert "Dewi Anggraini Saputri" in officer.content()
    officer.fill("#id_body", "Kami sudah menghubungi KBRI Phnom Penh. Simpan nomor HP Anda aktif.")
    officer.click("button:has-text('Kirim ke pelapor')")
    officer.wait_for_load_state()

    # The family sees the message on the status page, still without JavaScript.
    family.goto(f"{url}/lapor/status/")
    family.fill("#id_code", code.lower())
    family.fill("#id_pin", pin)
    family.click("button:has-text('Lihat kabar')")
    family.wait_for_load_state()
    status = family.inner_text("main")
    assert "Sedang ditangani petugas" in status
    assert "Kami sudah menghubungi KBRI Phnom Penh." in status
    assert "Dewi" not in status  # the status page shows nothing the family sent
    assert family.evaluate("document.documentElement.scrollWidth") <= 390

    # The duty officer opens the case registration, pre-filled, and registers it.
    officer.click("a:has-text('Jadikan kasus')")
    officer.wait_for_load_state()
    assert officer.input_value("#id_full_name") == "Dewi Anggraini Saputri"
    assert officer.input_value("#id_phone") == "+855 97 555 0142"
    assert officer.input_value("#id_destination_country") == "KH"
    assert officer.input_value("#id_compound") == "Gedung Golden Lotus Blok C"
    officer.click("button:has-text('Daftarkan kasus dan tutup laporan')")
    officer.wait_for_load_state()
    case = Case.objects.get()
    assert officer.url.endswith(f"/perlindungan/kasus/{case.code}/")
    personal = privacy.open_sealed(
        case.person.data_key, case.person.sealed, context=f"cases.person:{case.person.pk}"
    )
    assert personal["full_name"] == "Dewi Anggraini Saputri"
    officer.goto(f"{url}/lapor/piket/{code}/")
    assert officer.locator(f"a[href='/perlindungan/kasus/{case.code}/']").count() == 1
    report.refresh_from_db()
    assert (report.status, report.outcome, report.case_id) == ("closed", "case", case.pk)

    family.goto(f"{url}/lapor/status/")
    family.fill("#id_code", code)
    family.fill("#id_pin", pin)
    family.click("button:has-text('Lihat kabar')")
    family.wait_for_load_state()
    assert "Selesai ditangani" in family.inner_text("main")
    desk.close()
    phone.close()
