"""Case notes (sealed, confidential to the writing organisation) and closure with history."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from waspada.audit.models import AuditEvent
from waspada.cases import casenotes, closure
from waspada.cases.grants import case_access_grant
from waspada.cases.models import AccessReason, CaseClosure, CaseNote, CaseStatus
from waspada.cases.services import case_transition


def test_note_is_sealed_dated_signed_and_its_read_audited(case_cast):
    casenotes.note_add(actor=case_cast.assigned, case=case_cast.case,
                       data={"text": "Ibu Siti menelepon dari Cianjur"})  # fmt: skip
    note = CaseNote.objects.get()
    assert "Cianjur" not in note.sealed_text and note.author == case_cast.assigned
    shown = casenotes.notes_for(viewer=case_cast.supervisor, case=case_cast.case)
    assert [n.text for n in shown] == ["Ibu Siti menelepon dari Cianjur"]
    assert shown[0].author == "cw.assigned"
    events = AuditEvent.objects.filter(action__startswith="cases.note.")
    assert sorted(events.values_list("action", flat=True)) == ["cases.note.added",
                                                               "cases.note.read"]  # fmt: skip
    assert all("Cianjur" not in str(e.details) for e in events)


def test_confidential_notes_stay_in_the_writing_organisation(case_cast):
    recipient_org = case_cast.recipient.organisation
    case_access_grant(actor=None, case=case_cast.case, organisation=recipient_org,
                      reason=AccessReason.REFERRAL)  # fmt: skip
    casenotes.note_add(actor=case_cast.assigned, case=case_cast.case,
                       data={"text": "rahasia", "confidential": True})  # fmt: skip
    casenotes.note_add(actor=case_cast.assigned, case=case_cast.case, data={"text": "terbuka"})
    assert [n.text for n in casenotes.notes_for(viewer=case_cast.recipient, case=case_cast.case)
            ] == ["terbuka"]  # fmt: skip
    assert len(casenotes.notes_for(viewer=case_cast.colleague, case=case_cast.case)) == 2


def test_empty_note_refused_and_outsiders_cannot_write(case_cast):
    with pytest.raises(ValidationError) as caught:
        casenotes.note_add(actor=case_cast.assigned, case=case_cast.case, data={"text": " "})
    assert "text" in caught.value.message_dict
    with pytest.raises(PermissionDenied):
        casenotes.note_add(actor=case_cast.outsider, case=case_cast.case, data={"text": "x"})
    assert not CaseNote.objects.exists()


def test_close_needs_a_listed_reason_and_a_summary(case_cast):
    with pytest.raises(ValidationError) as caught:
        closure.case_close(actor=case_cast.supervisor, case=case_cast.case,
                           data={"reason": "bored", "summary": ""})  # fmt: skip
    assert set(caught.value.message_dict) == {"reason", "summary"}
    with pytest.raises(PermissionDenied):  # caseworkers do not close
        closure.case_close(actor=case_cast.assigned, case=case_cast.case,
                           data={"reason": "reintegrated", "summary": "Selesai"})  # fmt: skip
    case_cast.case.refresh_from_db()
    assert case_cast.case.status == CaseStatus.REGISTERED


def test_close_and_reopen_keep_the_history(case_cast):
    closure.case_close(actor=case_cast.supervisor, case=case_cast.case,
                       data={"reason": "lost_contact", "summary": "Nomor tidak aktif"})  # fmt: skip
    assert case_cast.case.status == CaseStatus.CLOSED
    row = CaseClosure.objects.get()
    assert "tidak aktif" not in row.sealed_summary and row.reopened_at is None
    case_transition(
        actor=case_cast.supervisor,
        case=case_cast.case,
        to_status="assistance",
        reason="Dibuka lagi",
    )
    row.refresh_from_db()
    assert row.reopened_by == case_cast.supervisor and row.reopened_at is not None
    closure.case_close(actor=case_cast.supervisor, case=case_cast.case,
                       data={"reason": "reintegrated", "summary": "Kembali bekerja"})  # fmt: skip
    history = closure.closures_for(case_cast.case)
    assert [(h["closure"].reason, h["summary"]) for h in history] == [
        ("lost_contact", "Nomor tidak aktif"), ("reintegrated", "Kembali bekerja"),
    ]  # fmt: skip
    assert AuditEvent.objects.filter(action="cases.case.closed").count() == 2
