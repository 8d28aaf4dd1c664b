"""The public pages: choose, send, get a code and PIN once; bad input keeps what was typed."""

from __future__ import annotations

import re

import pytest

from waspada.lapor.models import PublicReport

pytestmark = pytest.mark.django_db


def _form(data: dict, **extra: object) -> dict:
    posted = {key: value for key, value in data.items() if key not in ("kind", "person_age")}
    posted["person_age_or_year"] = data.get("person_age", "")
    posted.update(extra)
    return posted


def test_the_choice_page_offers_three_kinds_and_the_hotlines(client):
    response = client.get("/lapor/")
    body = response.content.decode()
    assert response.status_code == 200
    for path in ("/lapor/sos/", "/lapor/lowongan/", "/lapor/lainnya/", "/lapor/status/"):
        assert f'href="{path}"' in body
    assert "0800-1000" in body and "110" in body


@pytest.mark.parametrize("slug", ["sos", "lowongan", "lainnya"])
def test_each_form_opens_without_login_and_carries_a_one_time_token(client, slug):
    response = client.get(f"/lapor/{slug}/")
    assert response.status_code == 200
    assert re.search(r'name="submission" value="[\w-]{20,}"', response.content.decode())


def test_an_unknown_kind_is_404(client):
    assert client.get("/lapor/pengaduan/").status_code == 404


def test_an_sos_sent_shows_the_code_and_pin_once_and_is_not_cached(client, sos_data):
    response = client.post("/lapor/sos/", _form(sos_data, submission="t1"))
    body = response.content.decode()
    assert response.status_code == 200
    report = PublicReport.objects.get()
    assert report.tracking_code in body
    pin = re.search(r'id="pin">(\d{6})<', body)[1]
    assert report.pin_digest != pin
    assert "no-store" in response["Cache-Control"]
    assert (report.kind, report.priority) == ("sos", "urgent")
    assert "/lapor/status/" in body
    # the same form again (a reload): the code, never the PIN again, and no second report
    again = client.post("/lapor/sos/", _form(sos_data, submission="t1")).content.decode()
    assert report.tracking_code in again and pin not in again
    assert PublicReport.objects.count() == 1


def test_bad_input_names_the_field_and_keeps_what_was_typed(client, sos_data):
    posted = _form(sos_data, description="", person_phone="telepon rumah")
    response = client.post("/lapor/sos/", posted)
    body = response.content.decode()
    assert response.status_code == 400
    assert "Ceritakan dulu apa yang terjadi" in body
    assert "Ini bukan nomor telepon" in body
    assert 'value="Dewi Anggraini Saputri"' in body
    assert 'value="Gedung Golden Lotus Blok C"' in body
    assert re.search(r'value="confined"[^>]*checked', body)
    assert PublicReport.objects.count() == 0


def test_an_age_that_is_not_a_number_is_shown_on_the_age_field(client, sos_data):
    response = client.post("/lapor/sos/", _form(sos_data, person_age_or_year="dua puluh"))
    assert response.status_code == 400
    assert "Umur harus berupa angka" in response.content.decode()


def test_the_honeypot_filled_is_refused_with_a_message(client, sos_data):
    response = client.post("/lapor/sos/", _form(sos_data, website_url="http://spam.example"))
    assert response.status_code == 400
    assert "Kosongkan kolom ini" in response.content.decode()
    assert PublicReport.objects.count() == 0


def test_bulk_reports_from_one_client_are_throttled_with_a_message(client, sos_data, settings):
    settings.WASPADA_LAPOR_RATE_PER_HOUR = 2
    for n in range(2):
        assert client.post("/lapor/sos/", _form(sos_data, submission=f"s{n}")).status_code == 200
    response = client.post("/lapor/sos/", _form(sos_data, submission="s3"))
    body = response.content.decode()
    assert response.status_code == 429
    assert "Terlalu banyak laporan dari jaringan Anda" in body
    assert 'value="Dewi Anggraini Saputri"' in body  # nothing typed is lost
    assert PublicReport.objects.count() == 2


def test_an_offer_form_takes_recruiter_contacts_by_field(client):
    response = client.post(
        "/lapor/lowongan/",
        {
            "description": "Dicari admin ke Kamboja, gaji USD 1200, visa turis",
            "recruiter_phone": "0812 5555 6666",
            "recruiter_links": "@loker_kh\nt.me/loker_kh",
            "recruiter_accounts": "DANA 0812 5555 6666",
            "company": "PT Sinar Abadi",
            "seen_on": "facebook",
            "country": "KH",
            "anonymous": "on",
        },
    )
    assert response.status_code == 200
    report = PublicReport.objects.get()
    kinds = sorted(report.contacts.values_list("kind", flat=True))
    assert kinds == ["account", "company", "handle", "link", "phone"]
    assert (report.priority, report.seen_on, report.anonymous) == ("normal", "facebook", True)


def test_cek_lowongan_offers_to_report_the_text_and_carries_it_over(client):
    from tests.prevention.conftest import SCAM

    checked = client.post("/cek/", {"text": SCAM}).content.decode()
    assert 'action="/lapor/lowongan/"' in checked
    assert 'name="from_check" value="1"' in checked
    carried = client.post("/lapor/lowongan/", {"from_check": "1", "text": SCAM})
    body = carried.content.decode()
    assert carried.status_code == 200
    assert "Teks yang tadi Anda periksa sudah disalin" in body
    assert "0812-3456-7890" in body  # in the description box, ready to send
    assert "Ceritakan dulu" not in body  # an unbound form: no errors yet
    assert PublicReport.objects.count() == 0  # nothing stored before the person sends it


def test_an_offer_sent_gets_the_contacts_found_in_its_text(client):
    from tests.prevention.conftest import SCAM

    assert client.post("/lapor/lowongan/", {"description": SCAM}).status_code == 200
    report = PublicReport.objects.get()
    from waspada.privacy import services as privacy

    phones = report.contacts.filter(kind="phone").values_list("value_index", flat=True)
    assert privacy.index("phone", "081234567890") in set(phones)


def test_an_attachment_of_the_wrong_type_is_named_and_the_text_kept(client, sos_data):
    from django.core.files.uploadedfile import SimpleUploadedFile

    posted = _form(sos_data)
    posted["attachments"] = SimpleUploadedFile("foto.jpg", b"MZ" + b"\0" * 64)
    response = client.post("/lapor/sos/", posted)
    body = response.content.decode()
    assert response.status_code == 400
    assert "Hanya gambar (JPG, PNG, WebP) atau PDF" in body
    assert "perlu dipilih ulang" in body
    assert 'value="Dewi Anggraini Saputri"' in body
    assert PublicReport.objects.count() == 0


def test_an_sos_with_a_screenshot_is_stored_with_its_attachment(client, sos_data):
    from tests.lapor.test_files import jpeg_with_gps, upload

    posted = _form(sos_data)
    posted["attachments"] = [upload("a.jpg", jpeg_with_gps()), upload("b.jpg", jpeg_with_gps())]
    assert client.post("/lapor/sos/", posted).status_code == 200
    assert PublicReport.objects.get().attachments.count() == 2
