"""Case status moves: forward is one click; a move back or a reopening is confirmed on a page
of its own (no JavaScript) and needs a reason, sealed in the status history; the status the
identification decision or the repatriation stage implies is proposed, never applied."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from waspada.accounts.services import token_create
from waspada.audit.models import AuditEvent
from waspada.cases import proposals, services
from waspada.cases.models import Case, CaseStatus, StatusChange
from waspada.repatriation.services import repatriation_stage_record


def _status(case: Case) -> str:
    return Case.objects.values_list("status", flat=True).get(pk=case.pk)


def _url(case: Case) -> str:
    return f"/perlindungan/kasus/{case.code}/status/"


def test_a_move_back_needs_a_reason_sealed_in_the_history(case_cast):
    case = case_cast.case
    services.case_transition(actor=case_cast.assigned, case=case, to_status="identification")
    with pytest.raises(ValidationError) as caught:
        services.case_transition(actor=case_cast.assigned, case=case, to_status="registered")
    assert list(caught.value.message_dict) == ["reason"]
    assert _status(case) == "identification"
    services.case_transition(actor=case_cast.assigned, case=case, to_status="registered",
                             reason="Identifikasi dimulai terlalu cepat")  # fmt: skip
    change = StatusChange.objects.filter(case=case).last()
    assert change is not None and "terlalu" not in change.sealed_reason
    assert services.status_change_reason(case, change) == "Identifikasi dimulai terlalu cepat"
    event = AuditEvent.objects.filter(action="cases.case.status_changed").last()
    assert event is not None and event.details["with_reason"] is True
    assert "terlalu" not in str(event.details)


def test_which_moves_need_a_reason():
    assert services.transition_needs_reason("closed", "assistance")  # reopening
    assert services.transition_needs_reason("return", "assistance")
    assert not services.transition_needs_reason("registered", "identification")
    assert not services.transition_needs_reason("assistance", "closed")  # own page


def test_the_page_confirms_a_move_back_and_asks_the_reason(client, case_cast):
    case = case_cast.case
    client.force_login(case_cast.assigned)
    # forward: one click
    assert client.post(_url(case), {"status": "identification"}).status_code == 302
    assert _status(case) == "identification"
    profile = client.get(f"/perlindungan/kasus/{case.code}/").text
    assert "perlu alasan" in profile
    # back: the first post shows the confirmation page and changes nothing
    asked = client.post(_url(case), {"status": "registered"})
    assert asked.status_code == 200
    assert 'name="confirmed"' in asked.text and 'for="id_reason"' in asked.text
    assert 'value="registered"' in asked.text
    assert _status(case) == "identification"
    # confirmed without a reason: the page again, the field named
    refused = client.post(_url(case), {"status": "registered", "confirmed": "1", "reason": ""})
    assert refused.status_code == 400
    assert "Alasan perubahan status: Tuliskan alasan perubahan status ini." in refused.text
    assert _status(case) == "identification"
    done = client.post(_url(case), {"status": "registered", "confirmed": "1",
                                    "reason": "Salah klik"}, follow=True)  # fmt: skip
    assert done.status_code == 200 and _status(case) == "registered"
    timeline = client.get(f"/perlindungan/kasus/{case.code}/?tab=riwayat").text
    assert "Salah klik" in timeline and "Identifikasi" in timeline


def test_reopening_a_closed_case_is_confirmed_with_a_reason(client, case_cast):
    case = case_cast.case
    services.case_transition(actor=case_cast.supervisor, case=case, to_status="closed")
    client.force_login(case_cast.assigned)
    asked = client.post(_url(case), {"status": "assistance"})
    assert asked.status_code == 200 and "Buka kembali kasus" in asked.text
    assert _status(case) == "closed"
    client.post(_url(case), {"status": "assistance", "confirmed": "1", "reason": "Kontak lagi"})
    assert _status(case) == "assistance"


def test_the_identification_decision_is_proposed_not_imposed(client, case_cast):
    case = case_cast.case
    services.case_transition(actor=case_cast.assigned, case=case, to_status="identification")
    Case.objects.filter(pk=case.pk).update(trafficking_status="actual")
    case.refresh_from_db()
    assert [(p.to_status, p.because) for p in proposals.status_proposals(case)] == [
        ("assistance", "Keputusan identifikasi: Korban")
    ]
    client.force_login(case_cast.assigned)
    page = client.get(f"/perlindungan/kasus/{case.code}/").text
    assert "Keputusan identifikasi: Korban" in page
    assert 'name="status" value="assistance"' in page
    assert _status(case) == "identification"  # nothing applied by itself
    client.post(_url(case), {"status": "assistance"})
    assert _status(case) == "assistance"
    page = client.get(f"/perlindungan/kasus/{case.code}/").text
    assert "Keputusan identifikasi" not in page
    # someone outside the owning side sees no proposal
    client.force_login(case_cast.analyst)
    assert "Keputusan identifikasi" not in client.get(f"/perlindungan/kasus/{case.code}/").text


def test_not_a_victim_proposes_the_closing_page(client, case_cast):
    case = case_cast.case
    Case.objects.filter(pk=case.pk).update(trafficking_status="not_victim")
    case.refresh_from_db()
    [proposal] = proposals.status_proposals(case)
    assert proposal.closes and proposal.to_status == CaseStatus.CLOSED
    client.force_login(case_cast.supervisor)
    page = client.get(f"/perlindungan/kasus/{case.code}/").text
    assert "Keputusan identifikasi: Bukan korban" in page
    assert f"/perlindungan/kasus/{case.code}/tutup/" in page


def test_the_repatriation_stage_is_proposed(case_cast):
    case = case_cast.case
    repatriation_stage_record(actor=case_cast.assigned, case=case,
                              data={"stage": "departure", "reached_on": "2023-06-20"})  # fmt: skip
    case.refresh_from_db()
    assert proposals.status_proposals(case) == []  # registered -> return is not a move
    for step in ("identification", "assistance"):
        services.case_transition(actor=case_cast.assigned, case=case, to_status=step)
    assert [(p.to_status, p.because) for p in proposals.status_proposals(case)] == [
        ("return", "Tahap pemulangan: Keberangkatan pulang")
    ]
    repatriation_stage_record(actor=case_cast.assigned, case=case,
                              data={"stage": "handover", "reached_on": "2023-06-25"})  # fmt: skip
    assert [p.to_status for p in proposals.status_proposals(case)] == ["reintegration"]


def test_the_api_refuses_a_move_back_without_a_reason_like_the_page(client, case_cast):
    case = case_cast.case
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token_create(user=case_cast.assigned)}"}
    url = f"/api/v1/cases/{case.code}/status"
    ok = client.post(url, {"status": "identification"}, content_type="application/json",
                     **headers)  # fmt: skip
    assert ok.status_code == 200 and ok.json()["status"] == "identification"
    bad = client.post(url, {"status": "registered"}, content_type="application/json", **headers)
    assert bad.status_code == 400 and list(bad.json()["errors"]) == ["reason"]
    assert _status(case) == "identification"
    done = client.post(url, {"status": "registered", "reason": "Salah klik"},
                       content_type="application/json", **headers)  # fmt: skip
    assert done.status_code == 200 and _status(case) == "registered"
    outsider = {"HTTP_AUTHORIZATION": f"Bearer {token_create(user=case_cast.outsider)}"}
    assert client.post(url, {"status": "identification"}, content_type="application/json",
                       **outsider).status_code == 404  # fmt: skip
