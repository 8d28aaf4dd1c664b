"""The duty officers' pages: queue, report page, actions and conversion into a case."""

from __future__ import annotations

import pytest

from waspada.accounts.roles import Role
from waspada.audit.models import AuditEvent
from waspada.cases.models import Case
from waspada.evidence.models import EvidenceItem
from waspada.lapor import services
from waspada.lapor.models import PublicReport
from waspada.privacy import services as privacy

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", list(Role))
def test_only_duty_officers_and_supervisors_open_the_queue(cast, login, role):
    response = login(cast[role]).get("/lapor/piket/")
    expected = 200 if role in (Role.SUPERVISOR, Role.DUTY_OFFICER) else 403
    assert response.status_code == expected
    nav = login(cast[role]).get("/dasbor/").content.decode()
    assert ('href="/lapor/piket/"' in nav) == (expected == 200)


def test_the_queue_shows_priority_reasons_and_no_personal_data(client, login, duty, sos_report):
    body = login(duty).get("/lapor/piket/").content.decode()
    assert sos_report.tracking_code in body
    assert "Mendesak" in body and "Disekap / tidak boleh pergi" in body
    assert "Dewi" not in body and "Golden Lotus" not in body


def test_the_contact_search_finds_reports_by_a_recruiter_number(login, duty):
    report = services.report_submit(
        data={
            "kind": "suspicious_offer",
            "description": "loker",
            "recruiter_contacts": ["0812 7777 1234"],
        }
    ).report
    hit = login(duty).get("/lapor/piket/", {"contact": "+62-812-7777-1234"}).content.decode()
    miss = login(duty).get("/lapor/piket/", {"contact": "0812 0000 0000"}).content.decode()
    assert report.tracking_code in hit and report.tracking_code not in miss


def test_the_report_page_shows_the_report_and_audits_the_read(login, duty, sos_report):
    response = login(duty).get(f"/lapor/piket/{sos_report.tracking_code}/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Dewi Anggraini Saputri" in body and "Gedung Golden Lotus Blok C" in body
    assert "Rudi Hartono Saputra" in body
    assert "Jadikan kasus" in body
    assert AuditEvent.objects.filter(action="lapor.report.viewed", actor_id=duty.pk).count() == 1


def test_message_and_close_through_the_page(login, duty, sos_report):
    client = login(duty)
    code = sos_report.tracking_code
    client.post(f"/lapor/piket/{code}/ambil/")
    client.post(
        f"/lapor/piket/{code}/pesan/", {"body": "Kami sedang menghubungi KBRI.", "to_reporter": "1"}
    )
    client.post(f"/lapor/piket/{code}/pesan/", {"body": "Catatan: tunggu balasan."})
    response = client.post(
        f"/lapor/piket/{code}/tutup/", {"outcome": "not_actionable", "reason": ""}
    )
    assert response.status_code == 302
    assert PublicReport.objects.get().status == "in_progress"  # no reason: not closed
    client.post(f"/lapor/piket/{code}/tutup/", {"outcome": "intelligence"})
    report = PublicReport.objects.get()
    assert (report.status, report.outcome) == ("closed", "intelligence")
    status = client.post("/lapor/status/", {"code": code, "pin": sos_report.pin}).content.decode()
    assert "Kami sedang menghubungi KBRI." in status and "tunggu balasan" not in status
    assert "Selesai ditangani" in status


def test_the_conversion_page_is_prefilled_from_the_report(login, duty, sos_report):
    body = (
        login(duty).get(f"/lapor/piket/{sos_report.tracking_code}/jadikan-kasus/").content.decode()
    )
    assert 'value="Dewi Anggraini Saputri"' in body
    assert 'value="+855 97 555 0142"' in body
    assert 'value="Sihanoukville"' in body and 'value="Gedung Golden Lotus Blok C"' in body
    assert '<option value="KH" selected>' in body
    assert 'value="confinement"' in body and "kakak saya disekap" in body.lower()
    assert 'value="female" selected' in body


def test_converting_registers_the_case_links_it_and_moves_the_files(
    login, duty, sos_data, django_capture_on_commit_callbacks
):
    from tests.lapor.test_files import jpeg_with_gps, upload

    with django_capture_on_commit_callbacks(execute=True):
        submitted = services.report_submit(
            data=sos_data, uploads=[upload("bukti.jpg", jpeg_with_gps())]
        )
    client = login(duty)
    code = submitted.tracking_code
    form = {
        "full_name": "Dewi Anggraini Saputri",
        "sex": "female",
        "phone": "+855 97 555 0142",
        "destination_country": "KH",
        "compound": "Gedung Golden Lotus Blok C",
        "means_of_control": ["confinement", "passport_confiscated"],
        "narrative": "Dari laporan publik",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/lapor/piket/{code}/jadikan-kasus/", form)
    case = Case.objects.get()
    assert (
        response.status_code == 302 and response["Location"] == f"/perlindungan/kasus/{case.code}/"
    )
    report = PublicReport.objects.get()
    assert (report.status, report.outcome, report.case) == ("closed", "case", case)
    assert case.destination_country == "KH" and case.compound == "Gedung Golden Lotus Blok C"
    personal = privacy.open_sealed(
        case.person.data_key, case.person.sealed, context=f"cases.person:{case.person.pk}"
    )
    assert personal["full_name"] == "Dewi Anggraini Saputri"
    assert list(case.assigned.all()) == [duty]
    assert EvidenceItem.objects.filter(case=case).count() == 1
    closed = AuditEvent.objects.filter(action="lapor.report.closed").get()
    assert closed.details == {"code": code, "outcome": "case", "case": case.code}
    page = client.get(f"/lapor/piket/{code}/").content.decode()
    assert f'href="/perlindungan/kasus/{case.code}/"' in page


def test_conversion_with_a_missing_name_keeps_the_report_open(login, duty, sos_report):
    response = login(duty).post(
        f"/lapor/piket/{sos_report.tracking_code}/jadikan-kasus/",
        {"full_name": "", "sex": "female"},
    )
    assert response.status_code == 200
    assert not Case.objects.exists()
    assert PublicReport.objects.get().status == "received"


def test_another_organisation_cannot_open_a_claimed_report(login, duty, duty_ngo, sos_report):
    login(duty).post(f"/lapor/piket/{sos_report.tracking_code}/ambil/")
    assert login(duty_ngo).get(f"/lapor/piket/{sos_report.tracking_code}/").status_code == 404


def test_attachments_download_decrypted_for_duty_officers_only(
    login, duty, make_user, sos_data, django_capture_on_commit_callbacks
):
    from tests.lapor.test_files import png_with_text, upload

    with django_capture_on_commit_callbacks(execute=True):
        report = services.report_submit(
            data=sos_data, uploads=[upload("a.png", png_with_text())]
        ).report
    item = report.attachments.get()
    url = f"/lapor/piket/{report.tracking_code}/lampiran/{item.pk}/"
    response = login(duty).get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")
    assert AuditEvent.objects.filter(action="lapor.attachment.downloaded").count() == 1
    assert login(make_user("cw", Role.CASEWORKER)).get(url).status_code == 404
