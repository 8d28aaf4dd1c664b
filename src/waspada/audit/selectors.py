"""Reading the audit trail."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from waspada.accounts.models import User
from waspada.accounts.permissions import Perm, can
from waspada.audit.models import AuditEvent


def audit_event_list(*, viewer: Any, limit: int = 50) -> QuerySet[AuditEvent]:
    """The most recent events; only for roles allowed to see the audit trail."""
    if not can(viewer, Perm.AUDIT_VIEW):
        raise PermissionDenied
    return AuditEvent.objects.order_by("-seq")[:limit]


def audit_event_list_with_actors(*, viewer: Any, limit: int = 50) -> list[AuditEvent]:
    """Recent events with ``actor_username`` attached (one extra query, not one per row)."""
    events = list(audit_event_list(viewer=viewer, limit=limit))
    ids = {event.actor_id for event in events if event.actor_id}
    names: dict[int | None, str] = dict(
        User.objects.filter(pk__in=ids).values_list("pk", "username")
    )
    for event in events:
        event.actor_username = names.get(event.actor_id, "")  # type: ignore[attr-defined]
    return events
