"""Reading the audit trail."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from waspada.accounts.permissions import Perm, can
from waspada.audit.models import AuditEvent


def audit_event_list(*, viewer: Any, limit: int = 50) -> QuerySet[AuditEvent]:
    """The most recent events; only for roles allowed to see the audit trail."""
    if not can(viewer, Perm.AUDIT_VIEW):
        raise PermissionDenied
    return AuditEvent.objects.order_by("-seq")[:limit]
