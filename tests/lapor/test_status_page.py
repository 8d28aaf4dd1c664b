"""The reporter's status page: status and staff messages only, behind a code and a PIN that
cannot be brute-forced (limited wrong answers per code and per client)."""

from __future__ import annotations

import pytest

from tests.lapor.conftest import SECRETS
from waspada.audit.models import AuditEvent
from waspada.lapor import services, triage
from waspada.lapor.models import PublicReport

pytestmark = pytest.mark.django_db


def check(client, code: str, pin: str):  # type: ignore[no-untyped-def]
    return client.post("/lapor/status/", {"code": code, "pin": pin})


def test_the_form_opens_without_login(client):
    response = client.get("/lapor/status/")
    assert response.status_code == 200
    assert 'name="pin"' in response.content.decode()


def test_the_right_code_and_pin_show_status_and_messages_only(client, sos_report, duty):
    report = sos_report.report
    triage.report_note(actor=duty, report=report, body="Catatan internal: hubungi KBRI dulu")
    triage.report_message(actor=duty, report=report, body="Kami sudah menghubungi KBRI Phnom Penh.")
    response = check(client, sos_report.tracking_code, sos_report.pin)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Sedang ditangani petugas" in body
    assert "Kami sudah menghubungi KBRI Phnom Penh." in body
    assert "Catatan internal" not in body
    assert duty.username not in body  # no staff name for the public
    assert not any(secret in body for secret in SECRETS)  # nothing the reporter sent
    assert "no-store" in response["Cache-Control"]


def test_the_code_may_be_typed_loosely(client, sos_report):
    loose = sos_report.tracking_code.lower().replace("-", " ").replace("0", "o")
    assert check(client, loose, f" {sos_report.pin} ").status_code == 200


def test_a_wrong_pin_and_an_unknown_code_get_the_same_answer(client, sos_report):
    wrong_pin = check(client, sos_report.tracking_code, "000000")
    unknown = check(client, "LPR-2026-ZZZZZZ", sos_report.pin)
    assert wrong_pin.status_code == unknown.status_code == 404
    message = "Kode atau PIN salah"
    assert message in wrong_pin.content.decode() and message in unknown.content.decode()
    assert "Sedang ditangani" not in wrong_pin.content.decode()


def test_five_wrong_pins_lock_the_code_even_for_the_right_pin(client, sos_report, settings):
    settings.WASPADA_LAPOR_PIN_ATTEMPTS = 5
    code, pin = sos_report.tracking_code, sos_report.pin
    wrong = "111111" if pin != "111111" else "222222"
    for _attempt in range(4):
        assert check(client, code, wrong).status_code == 404
    assert check(client, code, pin).status_code == 200  # four wrong, then right: still open
    for _attempt in range(5):
        assert check(client, code, wrong).status_code == 404
    locked = check(client, code, pin)
    assert locked.status_code == 429
    assert "Terlalu banyak percobaan" in locked.content.decode()
    report = PublicReport.objects.get(pk=sos_report.report.pk)
    assert report.pin_locked_until is not None
    events = AuditEvent.objects.filter(action="lapor.report.pin_failed", object_id=str(report.pk))
    assert events.count() == 9
    assert events.order_by("-seq").first().details == {"locked": True}


def test_the_lock_is_per_code_another_report_still_opens(client, sos_data, settings):
    settings.WASPADA_LAPOR_PIN_ATTEMPTS = 2
    first = services.report_submit(data=sos_data)
    second = services.report_submit(data=sos_data)
    for _attempt in range(2):
        check(client, first.tracking_code, "999999" if first.pin != "999999" else "888888")
    assert check(client, first.tracking_code, first.pin).status_code == 429
    assert check(client, second.tracking_code, second.pin).status_code == 200


def test_a_client_guessing_many_codes_is_stopped(client, sos_report, settings):
    settings.WASPADA_LAPOR_STATUS_FAILURES_PER_HOUR = 3
    for n in range(3):
        assert check(client, f"LPR-2026-AAAAA{n}", "123456").status_code == 404
    blocked = check(client, sos_report.tracking_code, sos_report.pin)
    assert blocked.status_code == 429  # even the right answer, from this client, for an hour
    other_client = client.__class__(REMOTE_ADDR="10.0.0.9")
    assert check(other_client, sos_report.tracking_code, sos_report.pin).status_code == 200


def test_the_service_raises_not_found_and_too_many(sos_report, settings):
    settings.WASPADA_LAPOR_PIN_ATTEMPTS = 1
    with pytest.raises(services.NotFound):
        services.report_for_reporter(code=sos_report.tracking_code, pin="x", client="c1")
    with pytest.raises(services.TooManyAttempts):
        services.report_for_reporter(code=sos_report.tracking_code, pin=sos_report.pin, client="c2")
