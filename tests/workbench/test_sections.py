"""Each workbench section shows its item to the users who handle it and to nobody else; the
count comes from the same query as the list."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.utils import timezone, translation

from waspada.accounts.roles import Role
from waspada.assistance.models import FollowUp
from waspada.cases.models import Case
from waspada.identification.models import DecisionState, Interview
from waspada.lapor.models import PublicReport
from waspada.legal import services as services_legal
from waspada.legal.models import Hearing, LegalCase, LegalCaseShare, StageChange
from waspada.legal.selectors import legal_case_queryset_for
from waspada.prevention.models import SharedOffer
from waspada.privacy import services as privacy
from waspada.referrals.services import referral_create
from waspada.screening.loading import shipped_model_dir
from waspada.ui import workbench as workbench_ui
from waspada.ui.workbench import sections_for
from waspada.workbench import model_evaluation, selectors
from waspada.workbench.sections import _percent

pytestmark = pytest.mark.django_db


def shown(user, key):  # type: ignore[no-untyped-def]
    """The codes listed in section ``key`` for ``user``, or None when the section is absent."""
    for filled in sections_for(user):
        if filled.section.key == key:
            assert filled.count >= len(filled.items)
            return [item.text for item in filled.items]
    return None


def test_overdue_and_due_follow_ups_show_to_the_assigned_caseworker_and_supervisor(case_cast):
    case = case_cast.case
    today = timezone.localdate()
    FollowUp.objects.create(
        case=case, due_on=today - timedelta(days=2), created_by=case_cast.assigned
    )
    FollowUp.objects.create(
        case=case, due_on=today + timedelta(days=3), created_by=case_cast.assigned
    )
    for key in ("follow_ups_overdue", "follow_ups_due"):
        assert shown(case_cast.assigned, key) == [case.code]
        assert shown(case_cast.supervisor, key) == [case.code]
        assert shown(case_cast.colleague, key) == []
        assert shown(case_cast.outsider, key) == []
        assert shown(case_cast.recipient, key) == []
        assert shown(case_cast.analyst, key) is None


def test_a_referral_shows_in_the_receiving_organisation_and_as_sent_by_the_sender(case_cast):
    case = case_cast.case
    referral_create(
        actor=case_cast.assigned,
        case=case,
        to_organisation=case_cast.recipient.organisation_id,
        service_type="shelter",
    )
    assert shown(case_cast.recipient, "referrals_incoming") == [case.code]
    assert shown(case_cast.assigned, "referrals_incoming") == []
    assert shown(case_cast.outsider, "referrals_incoming") == []
    assert shown(case_cast.assigned, "referrals_sent") == [case.code]
    assert shown(case_cast.supervisor, "referrals_sent") == [case.code]
    assert shown(case_cast.colleague, "referrals_sent") == []
    assert shown(case_cast.recipient, "referrals_sent") == []


def test_a_decision_awaiting_approval_shows_to_the_supervisor_only(case_cast, make_user, org_ngo):
    Interview.objects.create(
        case=case_cast.case,
        interviewer=case_cast.assigned,
        interviewed_on=timezone.localdate(),
        indicators_version="t",
        proposed_status="actual",
        proposed_reasons=[],
        state=DecisionState.PENDING_APPROVAL,
        decided_status="actual",
        decided_at=timezone.now(),
    )
    other_supervisor = make_user("sup.ngo", Role.SUPERVISOR, organisation=org_ngo)
    assert shown(case_cast.supervisor, "decisions_awaiting") == [case_cast.case.code]
    assert shown(other_supervisor, "decisions_awaiting") == []
    assert shown(case_cast.assigned, "decisions_awaiting") is None


def test_a_hearing_this_week_shows_to_legal_officers_of_owner_and_sharee(legal_cast):
    legal_case = legal_cast.legal_case
    Hearing.objects.create(
        legal_case=legal_case,
        scheduled_at=timezone.now() + timedelta(days=2),
        court="PN Jakarta Pusat",
        agenda="Saksi",
    )
    assert shown(legal_cast.officer, "hearings_soon") == [legal_case.code]
    assert shown(legal_cast.supervisor, "hearings_soon") == [legal_case.code]
    assert shown(legal_cast.sharee_officer, "hearings_soon") == [legal_case.code]
    assert shown(legal_cast.outsider_officer, "hearings_soon") == []
    assert shown(legal_cast.caseworker, "hearings_soon") is None
    # A hearing in three weeks is not "this week".
    Hearing.objects.update(scheduled_at=timezone.now() + timedelta(days=21))
    assert shown(legal_cast.officer, "hearings_soon") == []


def test_texts_to_review_show_to_programme_officers(cast):
    offer = SharedOffer.objects.create(text="Kerja admin gaji 15 juta", risk=0.9, verdict="high")
    assert shown(cast[Role.PROGRAMME_OFFICER], "texts_to_review") == [f"#{offer.pk}"]
    assert shown(cast[Role.SUPERVISOR], "texts_to_review") == [f"#{offer.pk}"]
    assert shown(cast[Role.CASEWORKER], "texts_to_review") is None
    offer.label = "scam"
    offer.save()
    assert shown(cast[Role.PROGRAMME_OFFICER], "texts_to_review") == []


def test_public_reports_waiting_show_to_duty_officers(cast):
    PublicReport.objects.create(
        tracking_code="LPR-WB1",
        kind="sos",
        channel="web",
        priority="urgent",
        priority_rank=0,
        pin_digest="x",
        data_key=privacy.data_key_create(),
    )
    assert shown(cast[Role.DUTY_OFFICER], "public_reports") == ["LPR-WB1"]
    assert shown(cast[Role.CASEWORKER], "public_reports") is None


def test_a_case_without_activity_for_30_days_shows_to_its_caseworker(case_cast):
    Case.objects.filter(pk=case_cast.case.pk).update(updated_at=timezone.now() - timedelta(days=31))
    assert shown(case_cast.assigned, "stale_cases") == [case_cast.case.code]
    assert shown(case_cast.colleague, "stale_cases") == []
    Case.objects.filter(pk=case_cast.case.pk).update(updated_at=timezone.now())
    assert shown(case_cast.assigned, "stale_cases") == []


def test_count_and_list_come_from_one_query(case_cast):
    today = timezone.localdate()
    for days in range(1, 9):
        FollowUp.objects.create(
            case=case_cast.case, due_on=today - timedelta(days=days), created_by=case_cast.assigned
        )
    filled = next(
        f for f in sections_for(case_cast.assigned) if f.section.key == "follow_ups_overdue"
    )
    assert filled.count == 8
    assert len(filled.items) == 5
    assert [i.overdue for i in filled.items] == [True] * 5


def test_stage_deadlines_show_to_legal_officers_soonest_first(legal_cast):
    legal_case = legal_cast.legal_case  # stage "report": 30 days from entering it
    entered = timezone.now() - timedelta(days=25)
    LegalCase.objects.filter(pk=legal_case.pk).update(created_at=entered)
    StageChange.objects.filter(legal_case=legal_case).update(changed_at=entered)
    for user in (legal_cast.officer, legal_cast.supervisor, legal_cast.sharee_officer):
        assert shown(user, "stage_deadlines") == [legal_case.code]
    assert shown(legal_cast.outsider_officer, "stage_deadlines") == []
    assert shown(legal_cast.caseworker, "stage_deadlines") is None
    assert shown(legal_cast.analyst, "stage_deadlines") is None
    row = selectors.stage_deadlines_due(legal_cast.officer).get()
    assert row.deadline.date() == (timezone.now() + timedelta(days=5)).date()
    filled = next(f for f in sections_for(legal_cast.officer) if f.section.key == "stage_deadlines")
    assert filled.items[0].overdue is False
    assert "Laporan polisi" in filled.items[0].meta


def test_a_stage_deadline_counts_from_the_last_change_to_that_stage(legal_cast):
    legal_case = legal_cast.legal_case
    LegalCase.objects.filter(pk=legal_case.pk).update(
        stage="investigation", created_at=timezone.now() - timedelta(days=400)
    )
    # Entered investigation 70 days ago: 60 days allowed, 10 days overdue.
    StageChange.objects.create(
        legal_case=legal_case, from_stage="report", to_stage="investigation",
        changed_at=timezone.now() - timedelta(days=70),
    )  # fmt: skip
    filled = next(f for f in sections_for(legal_cast.officer) if f.section.key == "stage_deadlines")
    assert [i.text for i in filled.items] == [legal_case.code]
    assert filled.items[0].overdue is True
    # Entered it again 5 days ago: 55 days left, outside the 14-day window.
    StageChange.objects.create(
        legal_case=legal_case, from_stage="report", to_stage="investigation",
        changed_at=timezone.now() - timedelta(days=5),
    )  # fmt: skip
    assert shown(legal_cast.officer, "stage_deadlines") == []
    # A final judgement has no deadline.
    LegalCase.objects.filter(pk=legal_case.pk).update(stage="final")
    assert shown(legal_cast.officer, "stage_deadlines") == []


def test_the_models_last_evaluation_shows_to_programme_officers(cast):
    manifest = json.loads((shipped_model_dir() / "manifest.json").read_text(encoding="utf-8"))
    held = manifest["evaluation"]["held_out"]
    filled = next(
        f for f in sections_for(cast[Role.PROGRAMME_OFFICER]) if f.section.key == "model_evaluation"
    )
    assert filled.items[0].text == manifest["model_version"]
    assert f"{manifest['n_held_out']} teks uji" in filled.items[0].meta
    figures = {item.text: item.meta for item in filled.items[1:]}
    assert figures["Presisi"] == f"{held['precision'] * 100:.1f} %".replace(".", ",")
    assert figures["Recall (penipuan yang tertangkap)"] == (
        f"{held['recall'] * 100:.1f} %".replace(".", ",")
    )
    assert not filled.section.counted
    assert shown(cast[Role.CASEWORKER], "model_evaluation") is None
    assert shown(cast[Role.LEGAL_OFFICER], "model_evaluation") is None


def test_without_a_model_the_evaluation_section_says_so(cast, monkeypatch, tmp_path):
    monkeypatch.setattr(model_evaluation, "loaded_screener", lambda: None)
    monkeypatch.setattr(model_evaluation, "default_model_dir", lambda: tmp_path / "none")
    monkeypatch.setattr(model_evaluation, "shipped_model_dir", lambda: tmp_path / "none2")
    assert shown(cast[Role.PROGRAMME_OFFICER], "model_evaluation") == []


def test_an_installations_own_model_is_preferred_to_the_shipped_one(monkeypatch, tmp_path):
    monkeypatch.setattr(model_evaluation, "loaded_screener", lambda: None)
    own = tmp_path / "own"
    own.mkdir()
    (own / "model.npz").write_bytes(b"")
    (own / "manifest.json").write_text(json.dumps({
        "model_version": "screening-own", "n_held_out": 40,
        "evaluation": {"held_out": {"precision": 0.5, "recall": 0.25}},
    }))  # fmt: skip
    monkeypatch.setattr(model_evaluation, "default_model_dir", lambda: own)
    evaluation = model_evaluation.last_evaluation()
    assert evaluation is not None
    assert (evaluation.model_version, evaluation.source) == ("screening-own", "data_dir")
    assert evaluation.figures["precision"] == 0.5
    assert evaluation.figures["false_positive_rate"] is None


def test_the_stage_deadline_scope_is_the_legal_selectors(legal_cast, org_ngo):
    """The section's own scope (written for the indexes) equals ``legal_case_queryset_for``."""
    other = services_legal.legal_case_create(
        actor=legal_cast.outsider_officer, data={"title": "Lain", "police_report_number": "LP/2"}
    )
    ended = services_legal.legal_case_create(
        actor=legal_cast.officer, data={"title": "Kedua", "police_report_number": "LP/3"}
    )
    share = services_legal.legal_case_share(
        actor=legal_cast.officer, legal_case=ended, organisation_id=org_ngo.pk
    )
    LegalCaseShare.objects.filter(pk=share.pk).update(ended_at=timezone.now())
    StageChange.objects.update(changed_at=timezone.now() - timedelta(days=40))
    for user in (legal_cast.officer, legal_cast.supervisor, legal_cast.sharee_officer,
                 legal_cast.outsider_officer):  # fmt: skip
        expected = set(legal_case_queryset_for(user).values_list("code", flat=True))
        assert set(selectors.stage_deadlines_due(user).values_list("code", flat=True)) == expected
    assert other.code not in shown(legal_cast.officer, "stage_deadlines")
    assert ended.code not in shown(legal_cast.sharee_officer, "stage_deadlines")


def test_counts_stop_at_the_cap_and_say_so(case_cast, monkeypatch):
    monkeypatch.setattr(workbench_ui, "COUNT_CAP", 6)
    today = timezone.localdate()
    for days in range(1, 10):
        FollowUp.objects.create(
            case=case_cast.case, due_on=today - timedelta(days=days), created_by=case_cast.assigned
        )
    filled = next(
        f for f in sections_for(case_cast.assigned) if f.section.key == "follow_ups_overdue"
    )
    assert (filled.count, filled.capped, len(filled.items)) == (6, True, 5)
    FollowUp.objects.filter(due_on__lt=today - timedelta(days=6)).delete()  # 6 left
    filled = next(
        f for f in sections_for(case_cast.assigned) if f.section.key == "follow_ups_overdue"
    )
    assert (filled.count, filled.capped) == (6, False)


def test_model_figures_are_rounded_not_cut() -> None:
    # 0.95359 is 95.359 %: one decimal place rounds it to 95.4, it does not cut it to 95.3.
    with translation.override("id"):
        assert _percent(0.95359) == "95,4 %"
        assert _percent(0.12345) == "12,3 %"
        assert _percent(None) == "–"
