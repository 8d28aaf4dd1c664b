"""Scheduled reminders: hearings 7 and 1 day before, follow-ups on their due date, referrals
unanswered after N days, the weekly summary; each sent once however often the job runs."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone

from waspada.assistance.models import FollowUp
from waspada.jobs import commands
from waspada.legal.models import Hearing
from waspada.notifications.models import Kind, Notification
from waspada.referrals.models import Referral
from waspada.referrals.services import referral_create

pytestmark = pytest.mark.django_db


def at_ten(days: int) -> datetime:
    day = timezone.localdate() + timedelta(days=days)
    return timezone.make_aware(datetime.combine(day, time(10)))


def kinds_of(user) -> list[str]:  # type: ignore[no-untyped-def]
    return sorted(Notification.objects.filter(user=user).values_list("kind", flat=True))


def test_hearing_reminders_seven_days_and_one_day_before(legal_cast):
    Hearing.objects.create(
        legal_case=legal_cast.legal_case, scheduled_at=at_ten(1), court="PN", agenda="a"
    )
    Hearing.objects.create(
        legal_case=legal_cast.legal_case, scheduled_at=at_ten(7), court="PN", agenda="b"
    )
    Hearing.objects.create(
        legal_case=legal_cast.legal_case, scheduled_at=at_ten(3), court="PN", agenda="c"
    )
    commands.run_periodic()
    commands.run_periodic()  # a second run (or a retried job) reminds nobody twice
    assert kinds_of(legal_cast.officer) == [Kind.HEARING_SOON] * 2
    assert kinds_of(legal_cast.sharee_officer) == [Kind.HEARING_SOON] * 2
    assert kinds_of(legal_cast.outsider_officer) == []
    assert kinds_of(legal_cast.caseworker) == []


def test_follow_up_due_today_and_referral_unanswered_after_n_days(case_cast):
    FollowUp.objects.create(
        case=case_cast.case, due_on=timezone.localdate(), created_by=case_cast.assigned
    )
    referral = referral_create(
        actor=case_cast.assigned,
        case=case_cast.case,
        to_organisation=case_cast.recipient.organisation_id,
        service_type="shelter",
    )
    Referral.objects.filter(pk=referral.pk).update(requested_at=timezone.now() - timedelta(days=6))
    commands.run_periodic()
    assert Kind.FOLLOW_UP_DUE in kinds_of(case_cast.assigned)
    assert Kind.FOLLOW_UP_DUE not in kinds_of(case_cast.colleague)
    assert kinds_of(case_cast.recipient).count(Kind.REFERRAL_UNANSWERED) == 1
    assert Kind.WEEKLY_SUMMARY in kinds_of(case_cast.supervisor)
    assert Kind.WEEKLY_SUMMARY not in kinds_of(case_cast.assigned)
