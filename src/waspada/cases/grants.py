"""Transitions that open a case to another organisation or close it again.

They belong to the case kernel, as in Primero: a satellite (an accepted referral today; later
a transfer or a repatriation stage) asks for a grant, and the kernel records it, audits it
and is the only place that decides who may see the case (``selectors.case_queryset_for``).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from waspada.accounts.models import Organisation
from waspada.audit import services as audit
from waspada.cases.models import AccessReason, Case, CaseAccessGrant
from waspada.cases.signals import access_ended

# Why a grant ended, sent with ``access_ended`` so satellites (referrals) can say so.
CAUSE_REVOKED = "revoked"
CAUSE_CONSENT_WITHDRAWN = "consent_withdrawn"
CAUSE_CASE_CLOSED = "case_closed"


def case_access_grant(
    *,
    actor: Any,
    case: Case,
    organisation: Organisation,
    reason: AccessReason,
    source_id: int | None = None,
    request: HttpRequest | None = None,
    ends_at: datetime | None = None,
) -> CaseAccessGrant:
    """Open ``case`` to ``organisation`` for ``reason``, until revoked or until ``ends_at``
    (a read period). The caller has already checked that the actor may cause this (e.g.
    answers the referral); the grant is audited here, in the caller's transaction when there
    is one."""
    with transaction.atomic():
        grant = CaseAccessGrant.objects.create(
            case=case,
            organisation=organisation,
            reason=reason,
            source_id=source_id,
            granted_by=actor,
            granted_at=timezone.now(),
            revoked_at=ends_at,
        )
        audit.record(
            "cases.access.granted",
            actor=actor,
            obj=case,
            request=request,
            details={"organisation_id": organisation.pk, "reason": reason, "source_id": source_id,
                     "ends_at": ends_at.isoformat() if ends_at else None},
        )  # fmt: skip
    return grant


def case_access_revoke(
    *,
    actor: Any,
    case: Case,
    organisation: Organisation,
    reason: AccessReason,
    source_id: int | None = None,
    request: HttpRequest | None = None,
    cause: str = CAUSE_REVOKED,
    at: datetime | None = None,
) -> int:
    """End the active grants of ``organisation`` on ``case`` for ``reason`` (and ``source_id``
    when given), now or at ``at`` (a later time: a grace period). Returns how many ended; the
    rows stay as the record of past access. ``access_ended`` tells the satellites."""
    ends = at or timezone.now()
    with transaction.atomic():
        grants = _live(CaseAccessGrant.objects.filter(case=case, organisation=organisation))
        grants = grants.filter(reason=reason)
        if source_id is not None:
            grants = grants.filter(source_id=source_id)
        ended = grants.update(revoked_at=ends)
        if ended:
            audit.record(
                "cases.access.revoked",
                actor=actor,
                obj=case,
                request=request,
                details={"organisation_id": organisation.pk, "reason": reason, "ended": ended,
                         "cause": cause, "ends_at": ends.isoformat()},
            )  # fmt: skip
        access_ended.send(
            sender=CaseAccessGrant, case=case, organisation=organisation, source_id=source_id,
            cause=cause, at=ends, actor=actor,
        )  # fmt: skip
    return ended


def case_access_hold(
    *,
    actor: Any,
    case: Case,
    organisation: Organisation | None,
    reason: AccessReason,
    source_id: int | None = None,
    request: HttpRequest | None = None,
) -> None:
    """Make ``organisation`` the only one holding a ``reason`` grant on ``case`` (none when
    ``None``): the responsible organisation of the open repatriation stage gets access, the
    one of the stage just done loses it. The owner never needs a grant."""
    with transaction.atomic():
        keep = organisation if organisation and organisation.pk != case.organisation_id else None
        held = _live(CaseAccessGrant.objects.filter(case=case, reason=reason))
        for org_id in set(held.values_list("organisation_id", flat=True)):
            if keep is None or org_id != keep.pk:
                case_access_revoke(
                    actor=actor,
                    case=case,
                    organisation=Organisation.objects.get(pk=org_id),
                    reason=reason,
                    request=request,
                )
        if keep is not None and not held.filter(organisation=keep).exists():
            case_access_grant(
                actor=actor,
                case=case,
                organisation=keep,
                reason=reason,
                source_id=source_id,
                request=request,
            )


def _live(grants: Any) -> Any:
    return grants.filter(CaseAccessGrant.live_q())


def case_access_end_all(
    *, actor: Any, case: Case, cause: str, at: datetime | None = None,
    request: HttpRequest | None = None,
) -> int:  # fmt: skip
    """End every other organisation's access to ``case`` (consent to share withdrawn: now;
    case closed: after the grace period). Grants already ending earlier keep their time."""
    ends = at or timezone.now()
    with transaction.atomic():
        grants = CaseAccessGrant.objects.filter(CaseAccessGrant.live_q(ends), case=case)
        organisation_ids = sorted(set(grants.values_list("organisation_id", flat=True)))
        ended = grants.update(revoked_at=ends)
        if ended:
            audit.record(
                "cases.access.revoked",
                actor=actor,
                obj=case,
                request=request,
                details={"organisation_ids": organisation_ids, "ended": ended, "cause": cause,
                         "ends_at": ends.isoformat()},
            )  # fmt: skip
        access_ended.send(
            sender=CaseAccessGrant, case=case, organisation=None, source_id=None,
            cause=cause, at=ends, actor=actor,
        )  # fmt: skip
    return ended


def closure_grace_end() -> datetime:
    """When access granted to other organisations ends after a case is closed now."""
    return timezone.now() + timedelta(days=settings.WASPADA_CLOSED_CASE_ACCESS_DAYS)
