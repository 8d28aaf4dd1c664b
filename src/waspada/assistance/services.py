"""Writes on the case plan and the services delivered, and audited reads of their free text.

Every function checks permission first, validates before writing (nothing is written while a
field is wrong), runs in one transaction and records its audit event inside it. Edits of goals
and services carry the ``version`` the editor loaded: a stale one raises ``ConflictError`` and
writes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from waspada.accounts.models import Organisation, User
from waspada.assistance import notes, rules
from waspada.assistance.models import FollowUp, Goal, ServiceDelivery
from waspada.assistance.validation import validate_follow_up, validate_goal, validate_service
from waspada.audit import services as audit
from waspada.cases import voiding
from waspada.cases.models import Case
from waspada.cases.selectors import case_queryset_for, is_owner_side
from waspada.validation import ConflictError

__all__ = [
    "ConflictError",
    "follow_up_complete",
    "follow_up_create",
    "follow_up_void",
    "goal_create",
    "goal_update",
    "notes_open",
    "service_record",
    "service_update",
    "service_void",
    "void_reason_open",
]

SERVICE_FIELDS = (
    "service_type", "provider_organisation", "provider_name", "started_on", "ended_on",
    "status", "outcome", "cost_idr",
)  # fmt: skip


def _conflict() -> ConflictError:
    return ConflictError(
        _("Data ini sudah diubah orang lain sejak Anda membukanya. Perubahan Anda belum "
          "disimpan: muat ulang halaman, lalu ulangi.")
    )  # fmt: skip


def _require_visible(actor: User, case: Case) -> None:
    # Callers fetch the case through get_case_for; this keeps the services safe on their own.
    if not case_queryset_for(actor, writing=True).filter(pk=case.pk).exists():
        raise PermissionDenied


def _require_plan_editor(actor: User, case: Case) -> None:
    if not rules.can_edit_plan(actor, case):
        raise PermissionDenied
    _require_visible(actor, case)


def goal_create(
    *, actor: User, case: Case, data: Mapping[str, Any], request: HttpRequest | None = None
) -> Goal:
    """Add a goal to the plan (owning side only); the description is sealed."""
    _require_plan_editor(actor, case)
    clean = validate_goal(data)
    notes.ensure_sealable(case, "description", clean["description"])
    with transaction.atomic():
        goal = Goal.objects.create(
            case=case, target_date=clean["target_date"], status=clean["status"], created_by=actor
        )
        # The ciphertext is bound to the row id, so it is written once the id exists.
        goal.sealed_description = notes.seal_text(case, goal, clean["description"])
        goal.save(update_fields=["sealed_description"])
        audit.record("assistance.goal.created", actor=actor, obj=goal, request=request,
                     details={"case": case.code, "status": goal.status})  # fmt: skip
    return goal


def goal_update(
    *,
    actor: User,
    goal: Goal,
    data: Mapping[str, Any],
    version: int,
    request: HttpRequest | None = None,
) -> Goal:
    """Change a goal's description, target date or status; stale ``version`` → ConflictError."""
    case = goal.case
    _require_plan_editor(actor, case)
    clean = validate_goal(data, partial=True)
    if "description" in clean:
        notes.ensure_sealable(case, "description", clean["description"])
    with transaction.atomic():
        if not Goal.objects.filter(pk=goal.pk, version=version).update(version=version + 1):
            raise _conflict()
        goal.refresh_from_db()
        if "description" in clean:
            goal.sealed_description = notes.seal_text(case, goal, clean["description"])
        for field in ("target_date", "status"):
            if field in clean:
                setattr(goal, field, clean[field])
        goal.save()
        audit.record("assistance.goal.updated", actor=actor, obj=goal, request=request,
                     details={"case": case.code, "fields": sorted(clean), "status": goal.status,
                              "version": goal.version})  # fmt: skip
    return goal


def follow_up_create(
    *, actor: User, case: Case, data: Mapping[str, Any], request: HttpRequest | None = None
) -> FollowUp:
    """Plan a follow-up (owning side only); what to check is sealed."""
    _require_plan_editor(actor, case)
    clean = validate_follow_up(data)
    notes.ensure_sealable(case, "note", clean["note"])
    with transaction.atomic():
        follow_up = FollowUp.objects.create(case=case, due_on=clean["due_on"], created_by=actor)
        follow_up.sealed_note = notes.seal_text(case, follow_up, clean["note"])
        follow_up.save(update_fields=["sealed_note"])
        audit.record("assistance.follow_up.created", actor=actor, obj=follow_up, request=request,
                     details={"case": case.code, "due_on": str(follow_up.due_on)})  # fmt: skip
    return follow_up


def follow_up_complete(
    *, actor: User, follow_up: FollowUp, request: HttpRequest | None = None
) -> FollowUp:
    """Mark a follow-up done, once: a second attempt raises ValidationError on ``done_at``."""
    case = follow_up.case
    _require_plan_editor(actor, case)
    with transaction.atomic():
        now = timezone.now()
        done = FollowUp.objects.filter(pk=follow_up.pk, done_at__isnull=True).update(
            done_at=now, done_by=actor
        )
        if not done:
            raise ValidationError({"done_at": [_("Tindak lanjut ini sudah ditandai selesai.")]})
        follow_up.refresh_from_db()
        audit.record("assistance.follow_up.completed", actor=actor, obj=follow_up,
                     request=request, details={"case": case.code,
                                               "days_late": _days_late(follow_up)})  # fmt: skip
    return follow_up


def _days_late(follow_up: FollowUp) -> int:
    return max(0, (timezone.localdate() - follow_up.due_on).days)


def _recipient(actor: User, case: Case) -> Organisation | None:
    """The actor's organisation when it records as a referral recipient (not the owning side)."""
    return None if is_owner_side(actor, case) else actor.organisation


def service_record(
    *, actor: User, case: Case, data: Mapping[str, Any], request: HttpRequest | None = None
) -> ServiceDelivery:
    """Record a service delivered (owning side: any provider; recipient: its own services)."""
    if not rules.can_record_service(actor, case):
        raise PermissionDenied
    _require_visible(actor, case)
    clean = validate_service(data, recipient=_recipient(actor, case))
    notes.ensure_sealable(case, "note", clean["note"])
    organisation = actor.organisation
    assert organisation is not None  # can() refuses users without one
    with transaction.atomic():
        service = ServiceDelivery.objects.create(
            case=case,
            recorded_by_organisation=organisation,
            created_by=actor,
            **{field: clean[field] for field in SERVICE_FIELDS},
        )
        service.sealed_note = notes.seal_text(case, service, clean["note"])
        service.save(update_fields=["sealed_note"])
        audit.record("assistance.service.recorded", actor=actor, obj=service, request=request,
                     details={"case": case.code, "service_type": service.service_type,
                              "status": service.status})  # fmt: skip
    return service


def service_update(
    *,
    actor: User,
    service: ServiceDelivery,
    data: Mapping[str, Any],
    version: int,
    request: HttpRequest | None = None,
) -> ServiceDelivery:
    """Change a service (only the keys given); the result is checked as a whole, and a stale
    ``version`` raises ConflictError with nothing written."""
    case = service.case
    if not rules.can_edit_service(actor, service):
        raise PermissionDenied
    _require_visible(actor, case)
    current: dict[str, Any] = {field: getattr(service, field) for field in SERVICE_FIELDS}
    changes = {key: value for key, value in data.items() if key in (*SERVICE_FIELDS, "note")}
    clean = validate_service({**current, **changes}, recipient=_recipient(actor, case))
    if "note" in changes:
        notes.ensure_sealable(case, "note", clean["note"])
    with transaction.atomic():
        if not ServiceDelivery.objects.filter(pk=service.pk, version=version).update(
            version=version + 1
        ):
            raise _conflict()
        service.refresh_from_db()
        for field in SERVICE_FIELDS:
            setattr(service, field, clean[field])
        if "note" in changes:
            service.sealed_note = notes.seal_text(case, service, clean["note"])
        service.save()
        audit.record("assistance.service.updated", actor=actor, obj=service, request=request,
                     details={"case": case.code, "fields": sorted(changes),
                              "status": service.status, "version": service.version})  # fmt: skip
    return service


def follow_up_void(
    *, actor: User, follow_up: FollowUp, reason: str, request: HttpRequest | None = None
) -> FollowUp:
    """Void a follow-up entered by mistake (owning side): kept in the history with who, when
    and the reason (sealed); it leaves the overdue lists, reminders and counts. Audited."""
    case = follow_up.case
    _require_plan_editor(actor, case)
    return _void(actor, follow_up, reason, "assistance.follow_up.voided", request)


def service_void(
    *, actor: User, service: ServiceDelivery, reason: str, request: HttpRequest | None = None
) -> ServiceDelivery:
    """Void a service entered by mistake (whoever may edit it): kept in the history, counted
    nowhere (dashboards, reports, exports). Audited."""
    if not rules.can_edit_service(actor, service):
        raise PermissionDenied
    _require_visible(actor, service.case)
    return _void(actor, service, reason, "assistance.service.voided", request)


def _void(actor: User, item: Any, reason: str, action: str, request: HttpRequest | None) -> Any:
    case = item.case
    reason = voiding.check_void(item, reason)
    with transaction.atomic():
        # Lock the row: two people voiding at once must not both succeed.
        locked = type(item).all_objects.select_for_update().get(pk=item.pk)
        if locked.voided_at is not None:
            raise ValidationError({"voided_at": [_("Data ini sudah dibatalkan.")]})
        voiding.mark_voided(item, actor=actor, reason=reason, data_key=case.person.data_key)
        audit.record(action, actor=actor, obj=item, request=request,
                     details={"case": case.code, "has_reason": True})  # fmt: skip
    return item


def void_reason_open(*, case: Case, item: FollowUp | ServiceDelivery) -> str | None:
    """The reason a record was voided (shown with the history to those who may read it)."""
    return voiding.void_reason(item, case.person.data_key)


Item = Goal | FollowUp | ServiceDelivery


def notes_open(
    *,
    viewer: User,
    case: Case,
    items: Iterable[Item],
    request: HttpRequest | None = None,
) -> dict[tuple[str, int], str | None]:
    """Decrypt the free text of the items the viewer may read, keyed ``(model_name, pk)``.

    Items the viewer may not read are left out; ``None`` means erased. One
    ``assistance.notes.viewed`` event lists the ids opened (never the text).
    """
    texts: dict[tuple[str, int], str | None] = {}
    opened: dict[str, list[int]] = {}
    for item in items:
        if not rules.can_read_text(viewer, case, item):
            continue
        token = item.sealed_description if isinstance(item, Goal) else item.sealed_note
        texts[(item._meta.model_name or "", item.pk)] = notes.open_text(case, item, token)
        if token:
            opened.setdefault(_AUDIT_KEYS[type(item)], []).append(item.pk)
    if opened:
        details = {"case": case.code, **{kind: sorted(ids) for kind, ids in opened.items()}}
        audit.record("assistance.notes.viewed", actor=viewer, obj=case, request=request,
                     details=details)  # fmt: skip
    return texts


_AUDIT_KEYS: dict[type, str] = {Goal: "goals", FollowUp: "follow_ups", ServiceDelivery: "services"}
