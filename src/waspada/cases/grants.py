"""Transitions that open a case to another organisation or close it again.

They belong to the case kernel, as in Primero: a satellite (an accepted referral today; later
a transfer or a repatriation stage) asks for a grant, and the kernel records it, audits it
and is the only place that decides who may see the case (``selectors.case_queryset_for``).
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from waspada.accounts.models import Organisation
from waspada.audit import services as audit
from waspada.cases.models import AccessReason, Case, CaseAccessGrant


def case_access_grant(
    *,
    actor: Any,
    case: Case,
    organisation: Organisation,
    reason: AccessReason,
    source_id: int | None = None,
    request: HttpRequest | None = None,
) -> CaseAccessGrant:
    """Open ``case`` to ``organisation`` for ``reason``. The caller has already checked that
    the actor may cause this (e.g. answers the referral); the grant is audited here, in the
    caller's transaction when there is one."""
    with transaction.atomic():
        grant = CaseAccessGrant.objects.create(
            case=case,
            organisation=organisation,
            reason=reason,
            source_id=source_id,
            granted_by=actor,
            granted_at=timezone.now(),
        )
        audit.record(
            "cases.access.granted",
            actor=actor,
            obj=case,
            request=request,
            details={"organisation_id": organisation.pk, "reason": reason, "source_id": source_id},
        )
    return grant


def case_access_revoke(
    *,
    actor: Any,
    case: Case,
    organisation: Organisation,
    reason: AccessReason,
    source_id: int | None = None,
    request: HttpRequest | None = None,
) -> int:
    """End the active grants of ``organisation`` on ``case`` for ``reason`` (and ``source_id``
    when given). Returns how many ended; the rows stay as the record of past access."""
    with transaction.atomic():
        grants = CaseAccessGrant.objects.filter(
            case=case, organisation=organisation, reason=reason, revoked_at__isnull=True
        )
        if source_id is not None:
            grants = grants.filter(source_id=source_id)
        ended = grants.update(revoked_at=timezone.now())
        if ended:
            audit.record(
                "cases.access.revoked",
                actor=actor,
                obj=case,
                request=request,
                details={"organisation_id": organisation.pk, "reason": reason, "ended": ended},
            )
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
        held = CaseAccessGrant.objects.filter(case=case, reason=reason, revoked_at__isnull=True)
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
