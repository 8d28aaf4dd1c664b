"""E-mails of notifications, sent by background jobs: at once, or one daily digest.

At most once: a notification is marked *sending* in its own committed transaction before
the message is handed to the mail backend. If the worker dies after that, it is not sent
again (a missed e-mail is better than two); if the backend refuses the message, the mark is
undone and the job retries. The message holds the sentence (codes, dates, numbers) and a
link, never personal data (see ``kinds``).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from waspada.jobs.models import Job
from waspada.notifications import kinds
from waspada.notifications.models import EmailState, Notification
from waspada.notifications.services import EMAIL_JOB

DIGEST_JOB = "notifications.digest"
__all__ = ["DIGEST_JOB", "EMAIL_JOB", "digest_job", "email_job"]


def _claim(ids: list[int], state: str) -> list[Notification]:
    with transaction.atomic():
        rows = list(
            Notification.objects.select_for_update()
            .filter(pk__in=ids, email=state)
            .select_related("user")
            .order_by("created_at", "pk")
        )
        Notification.objects.filter(pk__in=[n.pk for n in rows]).update(email=EmailState.SENDING)
    return rows


def _line(notification: Notification) -> str:
    link = f"{settings.WASPADA_BASE_URL}{notification.link}" if notification.link else ""
    return f"- {kinds.text(notification.kind, notification.params)}\n  {link}".rstrip()


def _send(rows: list[Notification], subject: str, state_back: str) -> None:
    user = rows[0].user
    with translation.override(settings.LANGUAGE_CODE):
        body = "\n".join(
            [
                _("Halo,"),
                "",
                *[_line(n) for n in rows],
                "",
                _(
                    "Pesan ini sengaja tidak memuat data pribadi. Masuk ke Waspada untuk "
                    "rinciannya."
                ),
                _("Atur e-mail notifikasi: %(url)s")
                % {"url": settings.WASPADA_BASE_URL + reverse("workbench:preferences")},
            ]
        )
        subject = f"[Waspada] {subject}"
    try:
        EmailMessage(subject=subject, body=body, to=[user.email]).send()
    except Exception:
        Notification.objects.filter(pk__in=[n.pk for n in rows]).update(email=state_back)
        raise
    Notification.objects.filter(pk__in=[n.pk for n in rows]).update(
        email=EmailState.SENT, emailed_at=timezone.now()
    )


def email_job(job: Job) -> dict[str, Any]:
    """Send each pending notification of the job as its own message."""
    sent = 0
    for notification in _claim(list(job.params.get("ids", [])), EmailState.PENDING):
        if not notification.user.email:
            Notification.objects.filter(pk=notification.pk).update(email=EmailState.NONE)
            continue
        with translation.override(settings.LANGUAGE_CODE):
            subject = kinds.text(notification.kind, notification.params)
        _send([notification], subject, EmailState.PENDING)
        sent += 1
    return {"sent": sent}


def digest_job(job: Job) -> dict[str, Any]:
    """One message per user gathering the notifications they asked to receive daily."""
    waiting = Notification.objects.filter(email=EmailState.DIGEST)
    sent = 0
    for user_id in sorted(set(waiting.values_list("user_id", flat=True))):
        ids = list(waiting.filter(user_id=user_id).values_list("pk", flat=True))
        rows = _claim(ids, EmailState.DIGEST)
        if not rows:
            continue
        with translation.override(settings.LANGUAGE_CODE):
            subject = _("Ringkasan harian: %(count)s notifikasi") % {"count": len(rows)}
        _send(rows, subject, EmailState.DIGEST)
        sent += 1
    return {"sent": sent}
