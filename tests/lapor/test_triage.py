"""Duty officers' work on a report: who sees it, claim, notes and messages, closing, audit."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from tests.lapor.conftest import SECRETS
from waspada.accounts.roles import OrganisationType, Role
from waspada.audit.models import AuditEvent
from waspada.lapor import selectors, services, triage
from waspada.lapor.models import PublicReport
from waspada.referrals.models import ServiceOffering

pytestmark = pytest.mark.django_db


def offer(**extra):  # type: ignore[no-untyped-def]
    data = {"kind": "suspicious_offer", "description": "Lowongan admin Kamboja gaji USD 1200"}
    data.update(extra)
    return services.report_submit(data=data).report


def audit_row(action: str) -> AuditEvent:
    return AuditEvent.objects.filter(action=action).order_by("-seq").first()


def test_an_unclaimed_report_is_seen_by_duty_officers_of_every_organisation(
    sos_report, duty, duty_ngo, make_user
):
    code = sos_report.tracking_code
    assert selectors.get_report_for(duty, code) == sos_report.report
    assert selectors.get_report_for(duty_ngo, code) == sos_report.report
    caseworker = make_user("cw", Role.CASEWORKER)
    assert not selectors.report_queryset_for(caseworker).exists()


def test_once_claimed_only_the_claiming_organisation_sees_and_acts(sos_report, duty, duty_ngo):
    from django.http import Http404

    report = triage.report_claim(actor=duty, report=sos_report.report)
    assert report.status == "in_progress" and report.organisation_id == duty.organisation_id
    with pytest.raises(Http404):
        selectors.get_report_for(duty_ngo, report.tracking_code)
    with pytest.raises(PermissionDenied):
        triage.report_message(actor=duty_ngo, report=report, body="halo")


def test_claiming_is_the_first_response_and_is_audited_without_content(sos_report, duty):
    report = triage.report_claim(actor=duty, report=sos_report.report)
    stored = PublicReport.objects.get(pk=report.pk)
    assert stored.first_response_at is not None and stored.claimed_by == duty
    event = audit_row("lapor.report.claimed")
    assert event.actor_id == duty.pk and event.details == {"code": report.tracking_code}


def test_opening_a_report_is_audited_and_decrypts_it(sos_report, duty):
    opened = triage.report_open(viewer=duty, report=sos_report.report)
    assert opened["person_name"] == "Dewi Anggraini Saputri"
    assert audit_row("lapor.report.viewed").actor_id == duty.pk


def test_notes_and_messages_are_sealed_and_audited(sos_report, duty):
    report = sos_report.report
    note = triage.report_note(actor=duty, report=report, body="Dewi Anggraini dihubungi")
    message = triage.report_message(actor=duty, report=report, body="Kami menghubungi KBRI")
    assert "Dewi" not in note.sealed and "KBRI" not in message.sealed
    assert [n.body for n in triage.thread(report)] == [
        "Dewi Anggraini dihubungi",
        "Kami menghubungi KBRI",
    ]
    assert audit_row("lapor.report.note_added").details["code"] == report.tracking_code
    assert audit_row("lapor.report.message_sent").details["message"] == message.pk
    # acting on an unclaimed report claims it for the actor's organisation
    assert PublicReport.objects.get(pk=report.pk).organisation_id == duty.organisation_id
    with pytest.raises(ValidationError):
        triage.report_message(actor=duty, report=report, body="   ")


def test_close_as_intelligence_keeps_the_contacts_searchable(duty):
    report = offer(recruiter_contacts=["0812-9999-1111"])
    triage.report_close_intelligence(actor=duty, report=report)
    stored = PublicReport.objects.get(pk=report.pk)
    assert (stored.status, stored.outcome) == ("closed", "intelligence")
    assert stored.closed_by == duty and stored.first_response_at is not None
    found = selectors.queue(
        viewer=duty, filters=selectors.QueueFilters(view="closed", contact="+62 812 9999 1111")
    )
    assert list(found) == [stored]
    assert audit_row("lapor.report.closed").details == {
        "code": report.tracking_code, "outcome": "intelligence", "contacts": 1,
    }  # fmt: skip


def test_close_as_duplicate_links_the_earlier_report(sos_data, duty):
    first = services.report_submit(data=sos_data).report
    second = services.report_submit(data=sos_data).report
    with pytest.raises(ValidationError) as raised:
        triage.report_close_duplicate(actor=duty, report=second, of_code="LPR-2026-NONONO")
    assert "duplicate_of" in raised.value.message_dict
    with pytest.raises(ValidationError):
        triage.report_close_duplicate(actor=duty, report=second, of_code=second.tracking_code)
    triage.report_close_duplicate(actor=duty, report=second, of_code=first.tracking_code.lower())
    stored = PublicReport.objects.get(pk=second.pk)
    assert (stored.outcome, stored.duplicate_of) == ("duplicate", first)


def test_close_as_not_actionable_needs_a_reason_which_is_sealed(sos_report, duty):
    report = sos_report.report
    with pytest.raises(ValidationError) as raised:
        triage.report_close_not_actionable(actor=duty, report=report, reason=" ")
    assert "reason" in raised.value.message_dict
    triage.report_close_not_actionable(actor=duty, report=report, reason="Laporan iseng Rudi")
    stored = PublicReport.objects.get(pk=report.pk)
    assert stored.outcome == "not_actionable" and "Rudi" not in stored.sealed_close_reason
    assert triage.close_reason(stored) == "Laporan iseng Rudi"
    assert "Rudi" not in repr(audit_row("lapor.report.closed").details)


def test_a_closed_report_cannot_be_changed(sos_report, duty):
    report = triage.report_close_intelligence(actor=duty, report=sos_report.report)
    with pytest.raises(ValidationError):
        triage.report_message(actor=duty, report=report, body="lagi")


def test_referral_hands_the_report_to_an_organisation_of_the_directory(sos_report, duty, make_user):
    from waspada.accounts.models import Organisation

    kbri = Organisation.objects.create(name="KBRI Phnom Penh", type=OrganisationType.EMBASSY)
    offering = ServiceOffering.objects.create(organisation=kbri, service_type="documents")
    kbri_duty = make_user("piket.kbri", Role.DUTY_OFFICER, organisation=kbri)
    triage.report_refer(actor=duty, report=sos_report.report, offering=offering)
    stored = PublicReport.objects.get(pk=sos_report.report.pk)
    assert (stored.outcome, stored.referred_to, stored.referred_service) == (
        "referral", kbri, "documents",
    )  # fmt: skip
    referred = selectors.queue(viewer=kbri_duty, filters=selectors.QueueFilters(view="referred"))
    assert list(referred) == [stored]
    assert audit_row("lapor.report.closed").details["to_organisation_id"] == kbri.pk


def test_referral_to_an_inactive_service_is_refused(sos_report, duty, org_ngo):
    offering = ServiceOffering.objects.create(
        organisation=org_ngo, service_type="shelter", is_active=False
    )
    with pytest.raises(ValidationError):
        triage.report_refer(actor=duty, report=sos_report.report, offering=offering)


def test_the_queue_puts_urgent_first_and_newest_first_within_a_priority(sos_data, duty):
    older_high = services.report_submit(data={**sos_data, "situations": []}).report
    normal = offer()
    urgent = services.report_submit(data=sos_data).report
    newer_high = services.report_submit(data={**sos_data, "situations": ["forced_scam"]}).report
    PublicReport.objects.filter(pk=older_high.pk).update(
        created_at=timezone.now() - timedelta(hours=5)
    )
    rows = list(selectors.queue(viewer=duty, filters=selectors.QueueFilters()))
    assert rows == [urgent, newer_high, PublicReport.objects.get(pk=older_high.pk), normal]


def test_timing_says_when_a_report_is_past_its_target(sos_report):
    report = sos_report.report
    now = report.created_at + timedelta(hours=3)
    late = selectors.timing(report, now)
    assert (late.target_hours, late.overdue, late.late_hours) == (2, True, 1.0)
    report.first_response_at = report.created_at + timedelta(minutes=30)
    answered = selectors.timing(report, now)
    assert (answered.responded, answered.overdue, answered.elapsed_hours) == (True, False, 0.5)


def test_duplicates_match_person_and_recruiter_without_revealing_other_organisations(
    sos_data, duty, duty_ngo, make_user, org_ngo
):
    from waspada.cases.services import case_register

    first = services.report_submit(data=sos_data).report
    triage.report_claim(actor=duty_ngo, report=first)  # now the NGO's
    ngo_worker = make_user("cw.ngo", Role.CASEWORKER, organisation=org_ngo)
    case = case_register(
        actor=ngo_worker,
        data={"full_name": "Dewi Anggraini Saputri", "sex": "female", "phone": "+855975550142"},
    )
    second = services.report_submit(
        data={**sos_data, "person_phone": "+855 97 555 0142", "person_name": "dewi anggraini"}
    ).report
    matches = selectors.duplicates_for(viewer=duty, report=second, opened={})
    kinds = {(m.what, m.code, m.organisation_name, m.matched_on) for m in matches}
    assert ("report", None, "Yayasan Contoh", ("person_phone",)) in kinds
    assert ("case", None, "Yayasan Contoh", ("person_phone",)) in kinds
    assert case.code not in repr(kinds) and first.tracking_code not in repr(kinds)
    # the NGO's own officer sees the codes of its own report and, as a supervisor, its case
    ngo_supervisor = make_user("sup.ngo", Role.SUPERVISOR, organisation=org_ngo)
    own = selectors.duplicates_for(viewer=ngo_supervisor, report=second, opened={})
    assert {m.code for m in own} == {first.tracking_code, case.code}


def test_name_and_birth_year_match_reports_and_cases(sos_data, duty):
    from waspada.cases.services import case_register

    case_register(
        actor=duty,
        data={"full_name": "Saputri Dewi Anggraini", "sex": "female",
              "birth_date": f"{timezone.localdate().year - 23}-01-15"},
    )  # fmt: skip
    first = services.report_submit(data={**sos_data, "person_phone": ""}).report
    second = services.report_submit(data={**sos_data, "person_phone": ""}).report
    opened = triage.report_open(viewer=duty, report=second)
    matches = selectors.duplicates_for(viewer=duty, report=second, opened=opened)
    found = {(m.what, m.matched_on) for m in matches}
    assert ("report", ("person_name_birth_year",)) in found
    assert ("case", ("person_name_birth_year",)) in found
    other_year = services.report_submit(
        data={**sos_data, "person_phone": "", "person_age": "40"}
    ).report
    opened = triage.report_open(viewer=duty, report=other_year)
    assert not selectors.duplicates_for(viewer=duty, report=other_year, opened=opened)
    assert first.pk != second.pk


def test_recruiter_contacts_match_across_reports(duty):
    first = offer(recruiter_contacts=["@loker.kamboja", "BCA 111 222 3333"])
    second = offer(recruiter_contacts=["https://instagram.com/x", "1112223333"])
    third = offer(recruiter_contacts=["@LOKER.KAMBOJA"])
    on_second = selectors.duplicates_for(viewer=duty, report=second, opened={})
    assert [(m.code, m.matched_on) for m in on_second] == [
        (first.tracking_code, ("recruiter_account",))
    ]
    on_third = selectors.duplicates_for(viewer=duty, report=third, opened={})
    assert [(m.code, m.matched_on) for m in on_third] == [
        (first.tracking_code, ("recruiter_handle",))
    ]


def test_nothing_personal_reaches_the_audit_trail(sos_report, duty):
    report = sos_report.report
    triage.report_open(viewer=duty, report=report)
    triage.report_message(actor=duty, report=report, body="Halo Rudi Hartono")
    triage.report_close_not_actionable(actor=duty, report=report, reason="Dewi Anggraini pulang")
    trail = repr(list(AuditEvent.objects.values_list("details", flat=True)))
    assert not any(secret in trail for secret in (*SECRETS, "Halo Rudi", "pulang"))


def test_the_case_a_report_became_is_not_listed_as_its_duplicate(sos_report, duty):
    report = sos_report.report
    opened = triage.report_open(viewer=duty, report=report)
    case = triage.report_convert_to_case(
        actor=duty, report=report, data=triage.case_prefill(report, opened)
    )
    matches = selectors.duplicates_for(viewer=duty, report=report, opened=opened)
    assert case.code not in {m.code for m in matches}
