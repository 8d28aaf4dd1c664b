"""The public Cek Lowongan page."""

from __future__ import annotations

import pytest

from tests.prevention.conftest import SCAM
from waspada.audit.models import AuditEvent
from waspada.prevention.models import ScreeningCount, SharedOffer

URL = "/cek/"


def test_page_is_public_and_indonesian(client, db):
    response = client.get(URL)
    assert response.status_code == 200
    assert "Cek Lowongan" in response.text
    assert 'name="text"' in response.text


def test_scam_text_gets_high_verdict_with_highlighted_evidence(client, db):
    response = client.post(URL, {"text": SCAM})
    assert response.status_code == 200
    page = response.text
    assert "Risiko tinggi" in page
    assert "Semua tanda bahaya yang ditemukan" in page
    assert "<mark" in page
    assert "KP2MI" in page  # advice names where to verify
    assert not SharedOffer.objects.exists()  # nothing kept without consent
    assert ScreeningCount.objects.get(channel="web", verdict="high").count == 1


def test_ordinary_job_gets_low_verdict_and_never_safe(client, db):
    text = (
        "Lowongan staf administrasi di Bandung. Syarat S1, pengalaman 1 tahun. "
        "Kirim lamaran ke hrd@tokobuku.co.id paling lambat 30 Juni."
    )
    page = client.post(URL, {"text": text}).text
    assert "Tidak ditemukan tanda bahaya yang kuat." in page
    assert "bukan jaminan" in page
    assert "aman." not in page.split("bukan jaminan")[0].split("hasil")[-1]


def test_shared_text_is_kept_for_review_and_audited_without_content(client, db):
    client.post(URL, {"text": SCAM, "share": "on"})
    offer = SharedOffer.objects.get()
    assert offer.text == SCAM
    assert offer.verdict == "high"
    assert offer.label == ""
    event = AuditEvent.objects.get(action="prevention.offer.shared")
    assert event.object_id == str(offer.pk)
    assert "0812" not in str(event.details)


@pytest.mark.parametrize("text", ["", "   \n "])
def test_empty_text_gets_a_friendly_message(client, db, text):
    response = client.post(URL, {"text": text})
    assert response.status_code == 200
    assert "Tempel dulu teks lowongan" in response.text
    assert not ScreeningCount.objects.exists()


def test_too_long_text_is_refused_clearly(client, db):
    response = client.post(URL, {"text": "a" * 20_001})
    assert "Teks terlalu panjang" in response.text
    assert "20000" in response.text


def test_rate_limit_per_client(client, db, settings):
    settings.WASPADA_SCREEN_RATE_PER_MINUTE = 2
    assert client.post(URL, {"text": SCAM}).status_code == 200
    assert client.post(URL, {"text": SCAM}).status_code == 200
    limited = client.post(URL, {"text": SCAM})
    assert limited.status_code == 429
    assert "Terlalu banyak pemeriksaan" in limited.text


def test_english_visitor_sees_english_explanations(client, db):
    client.post("/bahasa/", {"language": "en", "next": URL})
    page = client.post(URL, {"text": SCAM}).text
    assert "High risk" in page
    assert "All red flags found" in page


def test_the_strongest_rule_reasons_come_first_and_the_hotlines_are_tappable(client, db):
    page = client.post(URL, {"text": SCAM}).text
    reasons = page.split('class="top-reasons"')[1].split("</ol>")[0]
    assert reasons.count("<li>") == 3
    assert "MODEL_" not in reasons  # rules the authorities wrote come before the model's hunch
    assert 'href="tel:08001000"' in page and 'href="tel:110"' in page
    assert '<details class="card fold" data-open-wide id="semua-tanda">' in page


def test_question_quoting_an_offer_says_the_offer_is_risky(client, db):
    text = (
        "Mau tanya dong, saya ditawari kerja admin di Kamboja gaji 20 juta, berangkat pakai "
        "visa turis. Ini aman gak ya?"
    )
    page = client.post(URL, {"text": text}).text
    assert "Risiko tinggi" not in page
    assert "yang berisiko adalah tawarannya" in page
    assert "tanda bahaya yang ditemukan" in page


def test_domestic_job_fraud_gets_its_own_advice(client, db):
    text = (
        "Kerja online dari HP: like dan follow akun toko, dibayar 12rb per tugas. Setelah "
        "tugas ke-5 wajib top up saldo 250rb untuk membuka tugas berikutnya."
    )
    page = client.post(URL, {"text": text}).text
    assert "Jangan pernah membayar untuk melamar" in page
    assert "perusahaan yang namanya dicatut" in page
