"""Reads of a user's own notifications (nobody reads another user's)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from waspada.accounts.models import User
from waspada.accounts.permissions import MATRIX, Perm
from waspada.notifications import kinds
from waspada.notifications.models import Delivery, Kind, Notification, Preference


def notifications_for(user: Any) -> QuerySet[Notification]:
    if not getattr(user, "is_authenticated", False):
        return Notification.objects.none()
    return Notification.objects.filter(user_id=user.pk).order_by("-created_at", "-pk")


def unread_count(user: Any) -> int:
    return notifications_for(user).filter(read_at__isnull=True).count()


def get_notification_for(user: Any, pk: int) -> Notification:
    notification = notifications_for(user).filter(pk=pk).first()
    if notification is None:
        raise Http404
    return notification


def text_of(notification: Notification) -> str:
    return kinds.text(notification.kind, notification.params)


def preferences_of(user: Any) -> dict[str, str]:
    chosen = dict(Preference.objects.filter(user=user).values_list("kind", "delivery"))
    return {kind: chosen.get(kind, Delivery.IMMEDIATE) for kind in Kind.values}


def recipients(organisation_id: int, perm: Perm) -> QuerySet[User]:
    """The active users of an organisation whose role holds ``perm`` (who handle the event)."""
    return User.objects.filter(
        organisation_id=organisation_id, is_active=True, role__in=[r.value for r in MATRIX[perm]]
    ).order_by("pk")
