"""Referring a case to another organisation: consent-gated, answered by the recipient."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from waspada.accounts.models import Organisation, User
from waspada.accounts.permissions import Perm, can
from waspada.audit import services as audit
from waspada.cases.grants import case_access_grant, case_access_revoke
from waspada.cases.models import AccessReason, Case
from waspada.cases.selectors import is_owner_side
from waspada.notifications.models import Kind
from waspada.notifications.selectors import recipients
from waspada.notifications.services import notify
from waspada.privacy import services as privacy
from waspada.referrals.models import EndCause, Referral, ReferralStatus, ServiceOffering
from waspada.referrals.validation import (
    validate_referral,
    validate_referral_answer,
    validate_service_offering,
)


def referral_create(
    *,
    actor: User,
    case: Case,
    to_organisation: Organisation | int | str | None,
    service_type: str,
    override_reason: str = "",
    needs: str = "",
    contact: str = "",
    urgency: str = "",
    request: HttpRequest | None = None,
) -> Referral:
    """Refer ``case`` to another organisation (a record or its id) for one service.

    Blocked unless the person's consent to share is recorded; a supervisor may override with
    a reason (kept encrypted, the override itself audited). Every refusal of the input is one
    ValidationError (``validate_referral``) and nothing is written.
    """
    if not can(actor, Perm.PROTECTION_MANAGE) or not is_owner_side(actor, case):
        raise PermissionDenied
    clean = validate_referral(
        {
            "to_organisation": to_organisation,
            "service_type": service_type,
            "override_reason": override_reason,
            "needs": needs,
            "contact": contact,
            "urgency": urgency,
        },
        case=case,
        may_override=can(actor, Perm.PROTECTION_APPROVE),
    )
    overridden = clean["overridden"]
    with transaction.atomic():
        referral = Referral.objects.create(
            case=case,
            from_organisation_id=case.organisation_id,
            to_organisation=clean["to_organisation"],
            service_type=clean["service_type"],
            consent_overridden=overridden,
            urgency=clean["urgency"],
            requested_by=actor,
        )
        key, context = case.person.data_key, f"referrals.referral:{referral.pk}"
        referral.sealed_request = privacy.seal(
            key, {"needs": clean["needs"], "contact": clean["contact"]}, context=context
        )
        if overridden:
            referral.sealed_note = privacy.seal(
                key, {"override_reason": clean["override_reason"]}, context=context
            )
        referral.save(update_fields=["sealed_request", "sealed_note"])
        audit.record(
            "referrals.referral.created",
            actor=actor,
            obj=referral,
            request=request,
            details={
                "case": case.code,
                "to_organisation_id": referral.to_organisation_id,
                "service_type": referral.service_type,
                "consent_overridden": overridden,
                "urgency": referral.urgency,
            },
        )
        notify(
            users=recipients(referral.to_organisation_id, Perm.PROTECTION_MANAGE),
            kind=Kind.REFERRAL_RECEIVED,
            params={"code": case.code},
            link=reverse("referrals_inbox:incoming"),
        )
    return referral


def referral_request(referral: Referral) -> dict[str, str]:
    """The sender's note in clear: ``needs`` and ``contact`` ('' when none or erased)."""
    return _opened(referral, referral.sealed_request, ("needs", "contact"))


def referral_decline_reason(referral: Referral) -> str:
    return _opened(referral, referral.sealed_decline_reason, ("decline_reason",))["decline_reason"]


def _opened(referral: Referral, sealed: str, fields: tuple[str, ...]) -> dict[str, str]:
    opened: Any = None
    if sealed:
        opened = privacy.open_sealed(
            referral.case.person.data_key, sealed, context=f"referrals.referral:{referral.pk}"
        )
    found = opened if isinstance(opened, dict) else {}
    return {field: str(found.get(field, "")) for field in fields}


def referral_respond(
    *,
    actor: User,
    referral: Referral,
    accept: bool,
    decline_reason: str = "",
    request: HttpRequest | None = None,
) -> Referral:
    """The receiving organisation accepts (gaining access to that case only) or declines
    with a reason the sender reads (sealed with the person's key)."""
    if (
        not can(actor, Perm.REFERRAL_RESPOND)
        or actor.organisation_id != referral.to_organisation_id
    ):
        raise PermissionDenied
    if referral.status != ReferralStatus.PENDING:
        raise ValidationError({"status": [_("Rujukan ini sudah dijawab.")]})
    clean = validate_referral_answer({"accept": accept, "decline_reason": decline_reason})
    with transaction.atomic():
        referral.status = ReferralStatus.ACCEPTED if accept else ReferralStatus.DECLINED
        referral.responded_by = actor
        referral.responded_at = timezone.now()
        if not accept:
            referral.sealed_decline_reason = privacy.seal(
                referral.case.person.data_key,
                {"decline_reason": clean["decline_reason"]},
                context=f"referrals.referral:{referral.pk}",
            )
        referral.save(
            update_fields=["status", "responded_by", "responded_at", "sealed_decline_reason"]
        )
        if accept:
            case_access_grant(
                actor=actor,
                case=referral.case,
                organisation=referral.to_organisation,
                reason=AccessReason.REFERRAL,
                source_id=referral.pk,
                request=request,
            )
        audit.record(
            "referrals.referral.accepted" if accept else "referrals.referral.declined",
            actor=actor,
            obj=referral,
            request=request,
            details={"case": referral.case.code, "turnaround_hours": referral.turnaround_hours},
        )
    return referral


def service_offering_add(
    *, actor: User, data: Mapping[str, Any], request: HttpRequest | None = None
) -> ServiceOffering:
    """Add a service to the directory (administrators only, audited): ``organisation``,
    ``service_type``, ``regions`` and ``description``, checked by
    ``validate_service_offering`` before anything is written."""
    if not can(actor, Perm.ADMIN_MANAGE_USERS):
        raise PermissionDenied
    clean = validate_service_offering(data)
    with transaction.atomic():
        offering = ServiceOffering.objects.create(**clean)
        audit.record(
            "referrals.service.added",
            actor=actor,
            obj=offering,
            request=request,
            details={
                "organisation_id": offering.organisation_id,
                "service_type": offering.service_type,
            },
        )
    return offering


def service_offering_remove(
    *, actor: User, offering: ServiceOffering, request: HttpRequest | None = None
) -> None:
    """Take a service out of the directory (kept, marked inactive; administrators only)."""
    if not can(actor, Perm.ADMIN_MANAGE_USERS):
        raise PermissionDenied
    with transaction.atomic():
        offering.is_active = False
        offering.save(update_fields=["is_active"])
        audit.record("referrals.service.removed", actor=actor, obj=offering, request=request)


def referral_end(
    *, actor: User, referral: Referral, reason: str, request: HttpRequest | None = None
) -> Referral:
    """The owning organisation ends a referral (pending or accepted) with a reason: the
    recipient's access to the case ends now (``cases.grants.case_access_revoke``), and the
    recipient sees that it ended and when. The reason is sealed with the person's key."""
    if not can(actor, Perm.PROTECTION_MANAGE) or not is_owner_side(actor, referral.case):
        raise PermissionDenied
    if referral.status not in (ReferralStatus.PENDING, ReferralStatus.ACCEPTED):
        raise ValidationError({"status": [_("Rujukan ini sudah tidak berjalan.")]})
    reason = reason.strip()
    if len(reason) < 5:
        raise ValidationError({"reason": [_("Tulis alasan mengakhiri rujukan.")]})
    case = referral.case
    with transaction.atomic():
        referral.status = ReferralStatus.ENDED
        referral.ended_at = timezone.now()
        referral.end_cause = EndCause.OWNER
        referral.ended_by = actor
        referral.sealed_end_note = privacy.seal(
            case.person.data_key,
            {"end_reason": reason[:500]},
            context=f"referrals.referral.end:{referral.pk}",
        )
        referral.save(
            update_fields=["status", "ended_at", "end_cause", "ended_by", "sealed_end_note"]
        )
        audit.record(
            "referrals.referral.ended",
            actor=actor,
            obj=referral,
            request=request,
            details={"case": case.code, "cause": EndCause.OWNER.value},
        )
        case_access_revoke(
            actor=actor,
            case=case,
            organisation=referral.to_organisation,
            reason=AccessReason.REFERRAL,
            source_id=referral.pk,
            request=request,
        )
    return referral


def referrals_end_for_access(
    *,
    case: Case,
    organisation: Organisation | None,
    source_id: int | None,
    cause: str,
    at: Any,
    actor: Any,
) -> int:
    """Mark as ended the running referrals behind access the case kernel ended (consent to
    share withdrawn, case closed, a grant revoked): receiver of ``cases.signals.access_ended``.
    A pending referral ends too, so it can no longer be accepted."""
    referrals = Referral.objects.filter(
        case=case, status__in=[ReferralStatus.PENDING, ReferralStatus.ACCEPTED]
    )
    if organisation is not None:
        referrals = referrals.filter(to_organisation=organisation)
    if source_id is not None:
        referrals = referrals.filter(pk=source_id)
    cause = cause if cause in EndCause.values else EndCause.REVOKED
    count = 0
    for referral in referrals:
        referral.status = ReferralStatus.ENDED
        referral.ended_at, referral.end_cause, referral.ended_by = at, cause, actor
        referral.save(update_fields=["status", "ended_at", "end_cause", "ended_by"])
        audit.record(
            "referrals.referral.ended",
            actor=actor,
            obj=referral,
            details={"case": case.code, "cause": cause, "ends_at": at.isoformat()},
        )
        count += 1
    return count


def referral_end_note(referral: Referral) -> str:
    """The owner's reason for ending (decrypted; empty when there is none or it was erased)."""
    if not referral.sealed_end_note:
        return ""
    opened = privacy.open_sealed(
        referral.case.person.data_key,
        referral.sealed_end_note,
        context=f"referrals.referral.end:{referral.pk}",
    )
    return str(opened.get("end_reason", "")) if isinstance(opened, dict) else ""
