"""Referring a case to another organisation: consent-gated, answered by the recipient."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from waspada.accounts.models import Organisation, User
from waspada.accounts.permissions import Perm, can
from waspada.audit import services as audit
from waspada.cases import reference
from waspada.cases.grants import case_access_grant
from waspada.cases.models import AccessReason, Case, ConsentKind
from waspada.cases.selectors import is_owner_side
from waspada.privacy import services as privacy
from waspada.referrals.models import Referral, ReferralStatus, ServiceOffering


def sharing_consent_given(case: Case) -> bool:
    latest = case.consents.filter(kind=ConsentKind.SHARING).order_by("-recorded_at", "-pk").first()
    return bool(latest and latest.granted)


def referral_create(
    *,
    actor: User,
    case: Case,
    to_organisation: Organisation,
    service_type: str,
    override_reason: str = "",
    request: HttpRequest | None = None,
) -> Referral:
    """Refer ``case`` to another organisation for one service.

    Blocked unless the person's consent to share is recorded; a supervisor may override with
    a reason (kept encrypted, the override itself audited).
    """
    if not can(actor, Perm.PROTECTION_MANAGE) or not is_owner_side(actor, case):
        raise PermissionDenied
    errors: dict[str, list[str]] = {}
    if to_organisation.pk == case.organisation_id or not to_organisation.is_active:
        errors["to_organisation"] = [_("Pilih organisasi lain yang aktif.")]
    if service_type not in reference.codes("service_types"):
        errors["service_type"] = [_("Pilih jenis layanan dari daftar.")]
    overridden = False
    if not sharing_consent_given(case):
        if not override_reason.strip():
            errors["consent"] = [
                _("Belum ada persetujuan korban untuk berbagi data. Catat persetujuannya dulu.")
            ]
        elif not can(actor, Perm.PROTECTION_APPROVE):
            errors["consent"] = [_("Hanya supervisor yang boleh merujuk tanpa persetujuan.")]
        else:
            overridden = True
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        referral = Referral.objects.create(
            case=case,
            from_organisation_id=case.organisation_id,
            to_organisation=to_organisation,
            service_type=service_type,
            consent_overridden=overridden,
            requested_by=actor,
        )
        if overridden:
            referral.sealed_note = privacy.seal(
                case.person.data_key,
                {"override_reason": override_reason.strip()},
                context=f"referrals.referral:{referral.pk}",
            )
            referral.save(update_fields=["sealed_note"])
        audit.record(
            "referrals.referral.created",
            actor=actor,
            obj=referral,
            request=request,
            details={
                "case": case.code,
                "to_organisation_id": to_organisation.pk,
                "service_type": service_type,
                "consent_overridden": overridden,
            },
        )
    return referral


def referral_respond(
    *, actor: User, referral: Referral, accept: bool, request: HttpRequest | None = None
) -> Referral:
    """The receiving organisation accepts (gaining access to that case only) or declines."""
    if (
        not can(actor, Perm.PROTECTION_MANAGE)
        or actor.organisation_id != referral.to_organisation_id
    ):
        raise PermissionDenied
    if referral.status != ReferralStatus.PENDING:
        raise ValidationError({"status": [_("Rujukan ini sudah dijawab.")]})
    with transaction.atomic():
        referral.status = ReferralStatus.ACCEPTED if accept else ReferralStatus.DECLINED
        referral.responded_by = actor
        referral.responded_at = timezone.now()
        referral.save(update_fields=["status", "responded_by", "responded_at"])
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
    *,
    actor: User,
    organisation: Organisation,
    service_type: str,
    regions: str = "",
    description: str = "",
    request: HttpRequest | None = None,
) -> ServiceOffering:
    """Add a service to the directory (administrators only, audited)."""
    if not can(actor, Perm.ADMIN_MANAGE_USERS):
        raise PermissionDenied
    if service_type not in reference.codes("service_types"):
        raise ValidationError({"service_type": [_("Pilih jenis layanan dari daftar.")]})
    with transaction.atomic():
        offering = ServiceOffering.objects.create(
            organisation=organisation,
            service_type=service_type,
            regions=regions.strip(),
            description=description.strip(),
        )
        audit.record(
            "referrals.service.added",
            actor=actor,
            obj=offering,
            request=request,
            details={"organisation_id": organisation.pk, "service_type": service_type},
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
