"""Scheduled reminders (jobs run daily and weekly by ``waspada scheduler``).

Every reminder has a key (the hearing and how many days before, the follow-up, the referral,
the week), so running a job twice, or after a crash, never reminds anyone twice.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from waspada.accounts.models import User
from waspada.accounts.permissions import Perm
from waspada.accounts.roles import Role
from waspada.assistance.models import FollowUp
from waspada.jobs.models import Job
from waspada.legal.models import Hearing
from waspada.notifications.models import Kind
from waspada.notifications.selectors import recipients
from waspada.notifications.services import notify
from waspada.referrals.models import Referral, ReferralStatus
from waspada.ui.workbench import sections_for
from waspada.workbench.settings_data import days, values

DAILY_JOB = "workbench.daily_reminders"
WEEKLY_JOB = "workbench.weekly_summary"


def _local_day(day: Any) -> tuple[datetime, datetime]:
    tz = timezone.get_current_timezone()
    start = timezone.make_aware(datetime.combine(day, time.min), tz)
    return start, start + timedelta(days=1)


def hearing_reminders(today: Any) -> int:
    sent = 0
    for before in values()["hearing_reminder_days"]:
        start, end = _local_day(today + timedelta(days=int(before)))
        hearings = Hearing.objects.filter(scheduled_at__gte=start, scheduled_at__lt=end)
        for hearing in hearings.select_related("legal_case"):
            legal_case = hearing.legal_case
            orgs = {
                legal_case.organisation_id,
                *legal_case.shares.values_list("organisation_id", flat=True),
            }
            users = User.objects.filter(
                organisation_id__in=orgs,
                is_active=True,
                role__in=[Role.LEGAL_OFFICER, Role.SUPERVISOR],
            )
            day = timezone.localtime(hearing.scheduled_at).date().isoformat()
            created = notify(
                users=users,
                kind=Kind.HEARING_SOON,
                params={"code": legal_case.code, "date": day},
                link=reverse("legal:detail", args=[legal_case.code]),
                key=f"hearing:{hearing.pk}:{before}",
            )
            sent += len(created)
    return sent


def follow_up_reminders(today: Any) -> int:
    sent = 0
    due = FollowUp.objects.filter(due_on=today, done_at__isnull=True).select_related("case")
    for follow_up in due:
        code = follow_up.case.code
        created = notify(
            users=follow_up.case.assigned.all(),
            kind=Kind.FOLLOW_UP_DUE,
            params={"code": code, "date": today.isoformat()},
            link=reverse("cases:detail", args=[code]) + "?tab=layanan",
            key=f"follow-up:{follow_up.pk}",
        )
        sent += len(created)
    return sent


def referral_reminders(today: Any) -> int:
    after = days("referral_unanswered_days")
    cutoff, _ = _local_day(today - timedelta(days=after))
    sent = 0
    waiting = Referral.objects.filter(status=ReferralStatus.PENDING, requested_at__lt=cutoff)
    for referral in waiting.select_related("case"):
        sent += len(notify(
            users=recipients(referral.to_organisation_id, Perm.PROTECTION_MANAGE),
            kind=Kind.REFERRAL_UNANSWERED, params={"code": referral.case.code, "days": after},
            link=reverse("referrals_inbox:incoming"), key=f"referral-unanswered:{referral.pk}",
        ))  # fmt: skip
    return sent


def daily_job(job: Job) -> dict[str, Any]:
    today = timezone.localdate()
    return {
        "hearings": hearing_reminders(today),
        "follow_ups": follow_up_reminders(today),
        "referrals": referral_reminders(today),
    }


def weekly_job(job: Job) -> dict[str, Any]:
    """Each supervisor: how many items wait on their workbench (their team's work)."""
    year, week, _ = timezone.localdate().isocalendar()
    supervisors = User.objects.filter(
        Q(role=Role.SUPERVISOR), is_active=True, organisation__is_active=True
    )
    sent = 0
    for supervisor in supervisors:
        count = sum(filled.count for filled in sections_for(supervisor, limit=1))
        sent += len(notify(
            users=[supervisor], kind=Kind.WEEKLY_SUMMARY, params={"count": count},
            link=reverse("ui:dashboard"), key=f"weekly:{year}-{week}",
        ))  # fmt: skip
    return {"sent": sent}
