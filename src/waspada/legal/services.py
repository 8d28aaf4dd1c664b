"""Writes on legal cases. Every write is audited inside the service, in its transaction.

Only legal officers and supervisors of the owning organisation write (``can_manage_legal_case``);
input is validated before anything is written; free text is sealed under the case's data key.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from waspada.accounts.models import Organisation, User
from waspada.accounts.permissions import Perm, can
from waspada.accounts.roles import Role
from waspada.audit import services as audit
from waspada.cases.selectors import get_case_for
from waspada.legal.codes import new_legal_case_code
from waspada.legal.models import LegalCase, LegalCaseShare, StageChange
from waspada.legal.selectors import can_manage_legal_case
from waspada.legal.validation import (
    CONSISTENCY_FIELDS,
    validate_legal_case_fields,
    validate_stage_change,
)
from waspada.notifications.models import Kind
from waspada.notifications.selectors import recipients
from waspada.notifications.services import notify
from waspada.privacy import services as privacy
from waspada.validation import ConflictError

__all__ = ["ConflictError"]


def notes_context(legal_case: LegalCase) -> str:
    return f"legal.legalcase:{legal_case.pk}"


def reason_context(change: StageChange) -> str:
    return f"legal.stagechange:{change.pk}"


def require_manage(actor: User, legal_case: LegalCase) -> None:
    if not can_manage_legal_case(actor, legal_case):
        raise PermissionDenied


def legal_case_create(
    *, actor: User, data: Mapping[str, Any], request: HttpRequest | None = None
) -> LegalCase:
    """Open a legal case in the actor's organisation at stage ``report``.

    Raises PermissionDenied for anyone but a legal officer or supervisor, and
    ValidationError (per field) before anything is written.
    """
    if not can(actor, Perm.PROSECUTION_MANAGE) or actor.role not in (
        Role.LEGAL_OFFICER,
        Role.SUPERVISOR,
    ):
        raise PermissionDenied
    clean = validate_legal_case_fields(data, creating=True)
    notes = clean.pop("notes", "")
    with transaction.atomic():
        legal_case = _create_with_code(actor=actor, fields=clean)
        if notes:
            legal_case.sealed_notes = privacy.seal(
                legal_case.data_key, {"note": notes}, context=notes_context(legal_case)
            )
            legal_case.save(update_fields=["sealed_notes"])
        StageChange.objects.create(
            legal_case=legal_case, to_stage=legal_case.stage, changed_by=actor
        )
        audit.record(
            "legal.legal_case.created",
            actor=actor,
            obj=legal_case,
            request=request,
            details={"code": legal_case.code},
        )
    return legal_case


def _create_with_code(*, actor: User, fields: Mapping[str, Any]) -> LegalCase:
    assert actor.organisation_id is not None  # PROSECUTION_MANAGE implies an organisation
    data_key = privacy.data_key_create()
    for attempt in range(5):  # a clash of 6 random characters is rare; retry rather than fail
        try:
            with transaction.atomic():
                return LegalCase.objects.create(
                    code=new_legal_case_code(),
                    organisation_id=actor.organisation_id,
                    data_key=data_key,
                    created_by=actor,
                    **fields,
                )
        except IntegrityError:
            if attempt == 4:
                raise
    raise AssertionError("unreachable")


def legal_case_notes(legal_case: LegalCase) -> str:
    """The sealed notes in clear ('' when none or erased)."""
    if not legal_case.sealed_notes:
        return ""
    opened = privacy.open_sealed(
        legal_case.data_key, legal_case.sealed_notes, context=notes_context(legal_case)
    )
    return str(opened.get("note", "")) if isinstance(opened, dict) else ""


def _bump(legal_case: LegalCase, version: int) -> None:
    if not LegalCase.objects.filter(pk=legal_case.pk, version=version).update(version=version + 1):
        raise ConflictError(_("Perkara ini sudah diubah orang lain. Muat ulang lalu ulangi."))
    legal_case.version = version + 1


def legal_case_update(
    *,
    actor: User,
    legal_case: LegalCase,
    data: Mapping[str, Any],
    version: int,
    request: HttpRequest | None = None,
) -> LegalCase:
    """Change the given fields (not the stage). ``version`` is the one the editor loaded: if
    the case changed since, ConflictError is raised and nothing is written."""
    require_manage(actor, legal_case)
    current = {field: getattr(legal_case, field) for field in CONSISTENCY_FIELDS}
    clean = validate_legal_case_fields(data, current=current)
    with transaction.atomic():
        _bump(legal_case, version)
        if "notes" in clean:
            notes = clean.pop("notes")
            legal_case.sealed_notes = (
                privacy.seal(
                    legal_case.data_key, {"note": notes}, context=notes_context(legal_case)
                )
                if notes
                else ""
            )
        for field, value in clean.items():
            setattr(legal_case, field, value)
        legal_case.save()
        audit.record(
            "legal.legal_case.updated",
            actor=actor,
            obj=legal_case,
            request=request,
            details={"fields": sorted({*clean, *(["notes"] if "notes" in data else [])})},
        )
    return legal_case


def stage_change(
    *,
    actor: User,
    legal_case: LegalCase,
    to_stage: str,
    reason: str,
    version: int,
    request: HttpRequest | None = None,
) -> StageChange:
    """Move the case to ``to_stage``, recording who, when and why (the reason is sealed).

    Refused with ValidationError when the move is not allowed (``to_stage``), the reason is
    empty (``reason``), or the data the stage needs is missing (each missing field named:
    ``court``, ``verdict``, ``charges``…). ConflictError when ``version`` is stale.
    Nothing is written then.
    """
    require_manage(actor, legal_case)
    clean = validate_stage_change(legal_case, {"to_stage": to_stage, "reason": reason})
    with transaction.atomic():
        _bump(legal_case, version)
        change = StageChange.objects.create(
            legal_case=legal_case,
            from_stage=legal_case.stage,
            to_stage=to_stage,
            changed_by=actor,
            changed_at=timezone.now(),
        )
        change.sealed_reason = privacy.seal(
            legal_case.data_key, {"note": clean["reason"]}, context=reason_context(change)
        )
        change.save(update_fields=["sealed_reason"])
        legal_case.stage = to_stage
        legal_case.save(update_fields=["stage", "updated_at"])
        audit.record(
            "legal.legal_case.stage_changed",
            actor=actor,
            obj=legal_case,
            request=request,
            details={"from": change.from_stage, "to": to_stage},
        )
        for organisation_id in legal_case.shares.values_list("organisation_id", flat=True):
            notify(
                users=recipients(organisation_id, Perm.PROSECUTION_VIEW).filter(
                    role__in=[Role.LEGAL_OFFICER, Role.SUPERVISOR]
                ),
                kind=Kind.LEGAL_STAGE_CHANGED,
                params={"code": legal_case.code},
                link=reverse("legal:detail", args=[legal_case.code]),
            )
    return change


def stage_reason(legal_case: LegalCase, change: StageChange) -> str:
    if not change.sealed_reason:
        return ""
    opened = privacy.open_sealed(
        legal_case.data_key, change.sealed_reason, context=reason_context(change)
    )
    return str(opened.get("note", "")) if isinstance(opened, dict) else ""


def victim_case_link(
    *, actor: User, legal_case: LegalCase, case_code: str, request: HttpRequest | None = None
) -> None:
    """Link a victim's case; the actor must be able to see it (``get_case_for``), else
    ValidationError on ``case_code`` that does not reveal whether the code exists."""
    require_manage(actor, legal_case)
    try:
        case = get_case_for(actor, (case_code or "").strip().upper())
    except Http404:
        raise ValidationError(
            {"case_code": [_("Kasus korban tidak ditemukan atau tidak boleh Anda lihat.")]}
        ) from None
    with transaction.atomic():
        legal_case.victim_cases.add(case)
        audit.record(
            "legal.legal_case.victim_linked",
            actor=actor,
            obj=legal_case,
            request=request,
            details={"case": case.code},
        )


def victim_case_unlink(
    *, actor: User, legal_case: LegalCase, case_code: str, request: HttpRequest | None = None
) -> None:
    require_manage(actor, legal_case)
    case = legal_case.victim_cases.filter(code=case_code).first()
    if case is None:
        raise ValidationError({"case_code": [_("Kasus korban ini tidak tertaut.")]})
    with transaction.atomic():
        legal_case.victim_cases.remove(case)
        audit.record(
            "legal.legal_case.victim_unlinked",
            actor=actor,
            obj=legal_case,
            request=request,
            details={"case": case.code},
        )


def legal_case_share(
    *,
    actor: User,
    legal_case: LegalCase,
    organisation_id: int | None,
    request: HttpRequest | None = None,
) -> LegalCaseShare:
    """Share read-only with another active organisation (its legal officers and supervisors
    then see the case). Audited."""
    require_manage(actor, legal_case)
    organisation = (
        Organisation.objects.filter(pk=organisation_id, is_active=True).first()
        if organisation_id is not None
        else None
    )
    if organisation is None:
        raise ValidationError({"organisation": [_("Pilih organisasi dari daftar.")]})
    if organisation.pk == legal_case.organisation_id:
        raise ValidationError({"organisation": [_("Perkara ini milik organisasi tersebut.")]})
    if legal_case.shares.filter(organisation=organisation, ended_at__isnull=True).exists():
        raise ValidationError({"organisation": [_("Sudah dibagikan ke organisasi ini.")]})
    with transaction.atomic():
        share, _created = LegalCaseShare.objects.update_or_create(
            legal_case=legal_case,
            organisation=organisation,
            defaults={"shared_by": actor, "ended_at": None, "ended_by": None, "end_cause": ""},
        )
        audit.record(
            "legal.legal_case.shared",
            actor=actor,
            obj=legal_case,
            request=request,
            details={"organisation_id": organisation.pk},
        )
    return share


def legal_case_unshare(
    *,
    actor: User,
    legal_case: LegalCase,
    organisation_id: int,
    request: HttpRequest | None = None,
    reason: str = "",
) -> None:
    """End a share now (kept as ended, with when and why, for the recipient to see). The
    ``reason`` is audited; keep personal data out of it."""
    require_manage(actor, legal_case)
    with transaction.atomic():
        ended = legal_case.shares.filter(
            organisation_id=organisation_id, ended_at__isnull=True
        ).update(ended_at=timezone.now(), ended_by=actor, end_cause="owner")
        if not ended:
            raise ValidationError({"organisation": [_("Perkara ini tidak dibagikan ke sana.")]})
        audit.record(
            "legal.legal_case.unshared",
            actor=actor,
            obj=legal_case,
            request=request,
            details={"organisation_id": organisation_id, "reason": reason.strip()[:200]},
        )


def legal_shares_end_for_case(*, case: Any, cause: str, actor: Any) -> int:
    """The person withdrew consent to share: every share of the legal cases linked to their
    case ends now (receiver of ``cases.signals.access_ended``)."""
    with transaction.atomic():
        shares = LegalCaseShare.objects.filter(legal_case__victim_cases=case, ended_at__isnull=True)
        ids = list(shares.values_list("pk", flat=True))
        LegalCaseShare.objects.filter(pk__in=ids).update(
            ended_at=timezone.now(), ended_by=actor, end_cause=cause
        )
        if ids:
            audit.record(
                "legal.legal_case.shares_ended",
                actor=actor,
                obj=case,
                details={"shares": len(ids), "cause": cause},
            )
    return len(ids)
