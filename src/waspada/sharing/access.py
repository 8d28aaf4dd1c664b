"""Who sees which agreements and releases (the one place that decides it).

- administrators: every agreement and release;
- supervisors and analysts: those of their own organisation's agreements and of platform
  agreements (analysts work across organisations on de-identified data);
- approving: a supervisor only under their own organisation's agreements, an administrator
  under any; never the requester (four eyes, ``services.release_approve``).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from waspada.accounts.permissions import Perm, can
from waspada.accounts.roles import Role
from waspada.sharing.models import Agreement, Release, ReleaseStatus


def _agreement_scope(user: Any, prefix: str = "") -> Q:
    if user.role == Role.ADMIN:
        return Q()
    return Q(**{f"{prefix}organisation__isnull": True}) | Q(
        **{f"{prefix}organisation_id": user.organisation_id}
    )


def agreements_for(user: Any) -> QuerySet[Agreement]:
    if not can(user, Perm.SHARING_REQUEST):
        raise PermissionDenied
    return (
        Agreement.objects.filter(_agreement_scope(user))
        .select_related("organisation")
        .prefetch_related("covered_organisations")
    )


def releases_for(user: Any) -> QuerySet[Release]:
    if not can(user, Perm.SHARING_REQUEST):
        raise PermissionDenied
    return Release.objects.filter(_agreement_scope(user, "agreement__")).select_related(
        "agreement", "agreement__organisation", "requested_by", "decided_by"
    )


def get_agreement_for(user: Any, pk: int) -> Agreement:
    try:
        return agreements_for(user).get(pk=pk)
    except Agreement.DoesNotExist:
        raise Http404 from None


def get_release_for(user: Any, pk: int) -> Release:
    try:
        return releases_for(user).get(pk=pk)
    except Release.DoesNotExist:
        raise Http404 from None


def may_approve(user: Any, release: Release) -> bool:
    """Role and scope allow deciding ``release`` (the four-eyes rule is the service's)."""
    if not can(user, Perm.SHARING_APPROVE):
        return False
    if user.role == Role.ADMIN:
        return True
    organisation_id = release.agreement.organisation_id
    return organisation_id is not None and organisation_id == user.organisation_id


def releases_to_decide(user: Any) -> QuerySet[Release]:
    """Requested releases ``user`` may approve or refuse and did not request (four eyes), oldest
    first: the register's "waiting for you" list and the workbench's section."""
    if not can(user, Perm.SHARING_APPROVE):
        return Release.objects.none()
    rows = releases_for(user).filter(status=ReleaseStatus.REQUESTED).exclude(requested_by=user)
    if user.role != Role.ADMIN:
        rows = rows.filter(agreement__organisation_id=user.organisation_id)
    return rows.order_by("requested_at", "pk")
