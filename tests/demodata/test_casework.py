"""Demo data for case work: hand-overs between demo organisations, shared cases seen by the
receiving organisations, interviews consistent with their decision, case facts, and open
follow-ups that are days or weeks old."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from waspada.accounts.models import Organisation
from waspada.assistance.models import FollowUp
from waspada.cases.models import Case, CaseAccessGrant, CaseTransfer
from waspada.demodata.generator import GenerationResult
from waspada.identification.facts import cross_check
from waspada.identification.models import Interview

pytestmark = pytest.mark.django_db


def test_embassy_cases_are_handed_to_kp2mi_then_to_the_province(
    generated: GenerationResult,
) -> None:
    kp2mi = Organisation.objects.get(name="UPT KP2MI Jakarta (demo)")
    ppa = Organisation.objects.get(name="UPTD PPA Jawa Barat (demo)")
    transfers = list(CaseTransfer.objects.select_related("case", "from_organisation"))
    assert transfers and all(t.status == "accepted" and t.bast_number for t in transfers)
    first_hops = [t for t in transfers if t.to_organisation_id == kp2mi.pk]
    assert first_hops and all(t.from_organisation.type == "embassy" for t in first_hops)
    for transfer in transfers:
        # The sender keeps an expiring read grant; the case's owner is the chain's last receiver.
        grant = CaseAccessGrant.objects.get(reason="transfer", source_id=transfer.pk)
        assert grant.organisation_id == transfer.from_organisation_id
        assert grant.revoked_at == transfer.answered_at + timedelta(days=30)
        assert transfer.answered_at >= transfer.requested_at
        assert transfer.bast_number.endswith(f"/{transfer.case.code}/{transfer.pk}")
        last = CaseTransfer.objects.filter(case=transfer.case).order_by("answered_at").last()
        assert transfer.case.organisation_id == last.to_organisation_id
    onward = [t for t in transfers if t.to_organisation_id == ppa.pk]
    assert all(t.from_organisation_id == kp2mi.pk for t in onward)


def test_receiving_organisations_see_shared_cases(generated: GenerationResult) -> None:
    for name in ("Yayasan Migran Sejahtera (demo)", "UPT KP2MI Jakarta (demo)"):
        organisation = Organisation.objects.get(name=name)
        shared = CaseAccessGrant.objects.filter(organisation=organisation).exclude(
            case__organisation=organisation
        )
        assert shared.exists(), name


def test_interviews_agree_with_their_decision_and_the_case_profile(
    generated: GenerationResult,
) -> None:
    decided = Interview.objects.exclude(decided_status="").select_related("case")
    assert decided.filter(decided_status="not_victim").exists()
    for interview in decided:
        assert interview.proposed_status == interview.decided_status, interview.pk
        assert cross_check(interview.facts, interview.case) == [], interview.pk
    for case in Case.objects.filter(trafficking_status="not_victim"):
        assert case.means_of_control == [] and case.exploitation_types == []
        assert not case.also_suspect and case.vulnerabilities == []
    not_victims = Interview.objects.filter(decided_status="not_victim")
    assert all(i.facts["actual_pay_usd"] == i.facts["promised_pay_usd"] for i in not_victims)


def test_cases_carry_their_facts(generated: GenerationResult) -> None:
    cases = Case.objects.all()
    assert cases.exclude(case_source="").count() == cases.count()
    assert cases.exclude(recruitment_channels=[]).count() == cases.count()
    assert cases.exclude(transit_countries=[]).exists()
    assert all(c.recruiter_agency for c in cases.filter(recruiter_kind="p3mi"))
    embassy_owned_at_first = CaseTransfer.objects.values_list("case_id", flat=True)
    assert all(c.case_source == "kbri" for c in cases.filter(pk__in=embassy_owned_at_first))


def test_open_follow_ups_are_weeks_old_at_most(generated: GenerationResult) -> None:
    today = timezone.localdate()
    overdue = FollowUp.objects.filter(done_at__isnull=True, due_on__lt=today)
    assert all(today - f.due_on <= timedelta(days=43) for f in overdue)
