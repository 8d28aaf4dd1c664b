"""The identification tab and pages: content, forms with field errors, the permission matrix."""

from __future__ import annotations

import re

import pytest

from tests.identification.conftest import SUMMARY
from waspada.audit.models import AuditEvent
from waspada.cases.models import Case
from waspada.identification.models import DecisionState, Interview


def _base(case) -> str:  # type: ignore[no-untyped-def]
    return f"/perlindungan/kasus/{case.code}/identifikasi/"


def _tab(case) -> str:  # type: ignore[no-untyped-def]
    return f"/perlindungan/kasus/{case.code}/?tab=identifikasi"


FORM = {
    "interviewed_on": "2023-06-20",
    "process": ["recruitment", "transport"],
    "means": ["fraud_deception"],
    "purpose": ["forced_criminality_scam"],
    "ilo": ["isolation"],
    "summary": SUMMARY,
}


def test_record_form_shows_grouped_checkboxes_with_explanations(client, case_cast):
    client.force_login(case_cast.assigned)
    page = client.get(_base(case_cast.case) + "baru/").text
    assert "Perekrutan" in page and "Penyalahgunaan posisi rentan" in page
    assert "Indikator kerja paksa ILO" in page and "Lembur berlebihan" in page
    assert "lewat iklan lowongan" in page  # the short explanation
    assert 'type="checkbox" name="means" value="debt_bondage"' in page


def test_recording_through_the_page_then_the_tab_shows_proposal_and_reasons(client, case_cast):
    client.force_login(case_cast.assigned)
    response = client.post(_base(case_cast.case) + "baru/", FORM)
    interview = Interview.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{_base(case_cast.case)}{interview.pk}/"
    assert interview.proposed_status == "actual" and interview.ilo_codes == ["isolation"]
    tab = client.get(_tab(case_cast.case)).text
    assert "Usulan sistem:" in tab and "Unsur proses terpenuhi: Perekrutan, Pengangkutan." in tab
    assert "Menunggu keputusan" in tab and "Catat keputusan" in tab
    assert "Hendra" not in tab  # the tab opens nothing sealed
    detail = client.get(response["Location"]).text
    assert "Hendra" in detail
    assert AuditEvent.objects.filter(action="identification.interview.viewed").count() == 1


def test_bad_input_shows_the_field_error_and_keeps_nothing(client, case_cast):
    client.force_login(case_cast.assigned)
    response = client.post(
        _base(case_cast.case) + "baru/",
        {**FORM, "interviewed_on": "2999-01-01", "process": ["teleportation"]},
    )
    assert response.status_code == 200
    assert "Tanggal tidak boleh di masa depan." in response.text
    assert "Pilihan tidak dikenal: teleportation" in response.text
    assert 'value="transport"' in response.text
    assert 'value="forced_criminality_scam" checked' in response.text  # answers kept
    assert not Interview.objects.exists()


def test_decision_form_requires_a_reason(client, case_cast, interview):
    client.force_login(case_cast.assigned)
    url = f"{_base(case_cast.case)}{interview.pk}/keputusan/"
    page = client.get(url).text
    assert re.search(r'<input type="radio" name="status" value="actual"[^>]* checked>', page)
    response = client.post(url, {"status": "actual", "reason": "", "version": interview.version})
    assert response.status_code == 200
    assert "Alasan keputusan wajib diisi." in response.text
    interview.refresh_from_db()
    assert interview.state == DecisionState.UNDECIDED


def test_decision_then_supervisor_approves_through_the_pages(client, case_cast, interview):
    client.force_login(case_cast.assigned)
    url = f"{_base(case_cast.case)}{interview.pk}/"
    response = client.post(
        url + "keputusan/", {"status": "actual", "reason": "Tiga unsur", "version": 1}
    )
    assert response.status_code == 302
    tab = client.get(_tab(case_cast.case)).text
    assert "Menunggu persetujuan supervisor" in tab
    assert client.post(url + "setujui/", {"version": 2}).status_code == 403  # caseworker
    client.force_login(case_cast.supervisor)
    detail = client.get(url).text
    assert "Tiga unsur" in detail and "Setujui keputusan" in detail
    response = client.post(url + "setujui/", {"version": 2})
    assert response.status_code == 302
    interview.refresh_from_db()
    assert interview.state == DecisionState.DECIDED
    assert Case.objects.get(pk=case_cast.case.pk).trafficking_status == "actual"
    assert "Keputusan disetujui" in client.get(url).text


def test_supervisor_rejects_through_the_page(client, case_cast, pending):
    client.force_login(case_cast.supervisor)
    url = f"{_base(case_cast.case)}{pending.pk}/"
    response = client.post(url + "tolak/", {"note": "Kurang jelas", "version": pending.version})
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.state == DecisionState.UNDECIDED
    assert "ditolak oleh supervisor" in client.get(_tab(case_cast.case)).text


def test_stale_approval_shows_a_conflict(client, case_cast, pending):
    client.force_login(case_cast.supervisor)
    url = f"{_base(case_cast.case)}{pending.pk}/"
    client.post(url + "setujui/", {"version": pending.version - 1}, follow=False)
    pending.refresh_from_db()
    assert pending.state == DecisionState.PENDING_APPROVAL
    assert "sudah diubah orang lain" in client.get(url).text


# The permission matrix. ``None`` means "redirected to the login page".
MATRIX = {
    "assigned": {"tab": 200, "record": 200, "detail": 200, "decide": 200, "approve": 403},
    "supervisor": {"tab": 200, "record": 200, "detail": 200, "decide": 200, "approve": 302},
    "colleague": {"tab": 404, "record": 404, "detail": 404, "decide": 404, "approve": 403},
    "outsider": {"tab": 404, "record": 404, "detail": 404, "decide": 404, "approve": 403},
    "recipient": {"tab": 200, "record": 403, "detail": 403, "decide": 403, "approve": 403},
    "analyst": {"tab": 403, "record": 403, "detail": 403, "decide": 403, "approve": 403},
    "anonymous": {"tab": None, "record": None, "detail": None, "decide": None, "approve": None},
}


@pytest.mark.parametrize("who", sorted(MATRIX))
def test_permission_matrix(client, referred, pending, who):
    if who != "anonymous":
        client.force_login(getattr(referred, who))
    base = f"{_base(referred.case)}{pending.pk}/"
    responses = {
        "tab": client.get(_tab(referred.case)),
        "record": client.get(_base(referred.case) + "baru/"),
        "detail": client.get(base),
        "decide": client.get(base + "keputusan/"),
        "approve": client.post(base + "setujui/", {"version": pending.version}),
    }
    for page, expected in MATRIX[who].items():
        response = responses[page]
        if expected is None:
            assert response.status_code == 302 and "/akun/login/" in response["Location"], page
        else:
            assert response.status_code == expected, (who, page, response.status_code)
    approved = Interview.objects.get(pk=pending.pk).state == DecisionState.DECIDED
    assert approved is (who == "supervisor")


def test_recipient_sees_the_decided_status_but_not_the_interviews(client, referred, pending):
    client.force_login(referred.supervisor)
    client.post(f"{_base(referred.case)}{pending.pk}/setujui/", {"version": pending.version})
    client.force_login(referred.recipient)
    tab = client.get(_tab(referred.case)).text
    assert "Korban" in tab and "IOM Indonesia" in tab
    assert "hanya dapat dibaca organisasi pemilik kasus" in tab
    assert "Usulan sistem" not in tab and "Perekrutan" not in tab
