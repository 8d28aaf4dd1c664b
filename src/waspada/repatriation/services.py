"""Writes on repatriation records. Every write, and every read of a sealed note, is audited."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _

from waspada.accounts.models import User
from waspada.accounts.permissions import Perm, can
from waspada.accounts.roles import Role
from waspada.audit import services as audit
from waspada.cases import voiding
from waspada.cases.grants import case_access_hold
from waspada.cases.models import AccessReason, Case
from waspada.cases.selectors import case_queryset_for, is_owner_side
from waspada.cases.signals import cases_changed
from waspada.privacy import services as privacy
from waspada.repatriation import reference, selectors
from waspada.repatriation.models import Repatriation, StageEntry
from waspada.repatriation.validation import validate_stage


def _note_context(entry: StageEntry) -> str:
    return f"repatriation.stageentry:{entry.pk}"


def repatriation_stage_record(
    *,
    actor: User,
    case: Case,
    data: Mapping[str, Any],
    request: HttpRequest | None = None,
) -> StageEntry:
    """Record that the case reached the next stage of its repatriation.

    Guarantees: only the owning organisation's side, or a referral recipient, with
    PROTECTION_MANAGE, may record (PermissionDenied otherwise), and a recipient only stages
    with itself as the responsible organisation (a field error on ``organisation``); stages
    follow the reference order and dates never go backwards (skipping is allowed); field
    errors are raised as one ValidationError and nothing is written; the note is sealed with
    the person's key; recording the arrival stage sets ``case.returned_on`` when it is empty,
    and nothing else on the case.
    """
    if not selectors.may_record(actor, case):
        raise PermissionDenied
    latest = selectors.latest_entry(case)
    owner = is_owner_side(actor, case)
    recipient = None if owner else actor.organisation  # records only what it is doing
    clean = validate_stage(data, case=case, latest=latest, recipient=recipient)
    organisation = clean["organisation"]
    stage: reference.Stage = clean["stage"]
    with transaction.atomic():
        repatriation, _created = Repatriation.objects.select_for_update().get_or_create(case=case)
        if repatriation.current_order != (latest.order if latest else 0):
            # Someone recorded a stage meanwhile: validate again against what now holds.
            validate_stage(
                data, case=case, latest=selectors.latest_entry(case), recipient=recipient
            )
        entry = StageEntry.objects.create(
            repatriation=repatriation,
            stage=stage.code,
            order=stage.order,
            reached_on=clean["reached_on"],
            organisation=organisation,
            responsible_party=clean["responsible_party"],
            cost_idr=clean["cost_idr"],
            cost_payer=clean["cost_payer"],
            recorded_by=actor,
        )
        if clean["note"]:
            # The ciphertext is bound to the row id, so it is written once the id exists.
            entry.sealed_note = privacy.seal(
                case.person.data_key, {"note": clean["note"]}, context=_note_context(entry)
            )
            entry.save(update_fields=["sealed_note"])
        repatriation.current_stage = stage.code
        repatriation.current_order = stage.order
        repatriation.started_on = repatriation.started_on or entry.reached_on
        repatriation.save(
            update_fields=["current_stage", "current_order", "started_on", "updated_at"]
        )
        audit.record(
            "repatriation.stage.recorded",
            actor=actor,
            obj=entry,
            request=request,
            details={
                "case": case.code,
                "stage": stage.code,
                "skipped": [s.code for s in _skipped(repatriation, stage)],
                "organisation_id": organisation.pk if organisation else None,
                "cost_idr": entry.cost_idr,
                "cost_payer": entry.cost_payer,
                "has_note": bool(clean["note"]),
                "by_recipient": not owner,
            },
        )
        # The organisation responsible for the stage now open may see the case; the one of the
        # stage just done no longer does (a later correction of stages calls this again).
        case_access_hold(
            actor=actor,
            case=case,
            organisation=organisation,
            reason=AccessReason.REPATRIATION,
            source_id=entry.pk,
            request=request,
        )
        if stage.marks == "arrival":
            case_returned_on_set(
                actor=actor, case=case, returned_on=entry.reached_on, request=request
            )
    return entry


def repatriation_stage_void(
    *,
    actor: User,
    entry: StageEntry,
    reason: str,
    request: HttpRequest | None = None,
) -> StageEntry:
    """Void a stage entered by mistake (a wrong stage, or a later one recorded first).

    Guarantees: only someone who may record this case's stages (PermissionDenied otherwise);
    a ``reason`` is required (a field error); the entry is kept, marked voided with who, when
    and the reason (sealed with the person's key), and leaves every count and list; the
    repatriation's current stage falls back to the latest stage still standing, so the
    stages passed over become recordable again; audited. A return date already set on the
    case is left as it is (the audit row says it came from a voided stage).
    """
    case = entry.repatriation.case
    if not selectors.may_record(actor, case):
        raise PermissionDenied
    reason = voiding.check_void(entry, reason, missing=_("Tuliskan mengapa tahap ini dibatalkan."))
    with transaction.atomic():
        repatriation = Repatriation.objects.select_for_update().get(pk=entry.repatriation_id)
        voiding.mark_voided(entry, actor=actor, reason=reason, data_key=case.person.data_key)
        standing = repatriation.stages.order_by("-order", "-pk").first()
        repatriation.current_stage = standing.stage if standing else ""
        repatriation.current_order = standing.order if standing else 0
        repatriation.save(update_fields=["current_stage", "current_order", "updated_at"])
        audit.record(
            "repatriation.stage.voided",
            actor=actor,
            obj=entry,
            request=request,
            details={
                "case": case.code,
                "stage": entry.stage,
                "current_stage": repatriation.current_stage,
                "case_returned_on_kept": bool(case.returned_on),
            },
        )
    return entry


def stage_void_reason(entry: StageEntry) -> str:
    return voiding.void_reason(entry, entry.repatriation.case.person.data_key) or ""


def _skipped(repatriation: Repatriation, stage: reference.Stage) -> list[reference.Stage]:
    recorded = set(repatriation.stages.values_list("stage", flat=True))
    return [s for s in reference.stages() if s.order < stage.order and s.code not in recorded]


def case_returned_on_set(
    *, actor: User, case: Case, returned_on: date, request: HttpRequest | None = None
) -> bool:
    """Set ``case.returned_on`` if it is empty, touching no other field; audited.

    Returns whether the date was set (an existing date is never overwritten).
    """
    with transaction.atomic():
        updated = Case.objects.filter(pk=case.pk, returned_on__isnull=True).update(
            returned_on=returned_on
        )
        if not updated:
            return False
        case.returned_on = returned_on
        cases_changed.send(sender=Case, case_ids=[case.pk])
        audit.record(
            "repatriation.case.returned_on_set",
            actor=actor,
            obj=case,
            request=request,
            details={"case": case.code, "returned_on": returned_on.isoformat()},
        )
    return True


def stage_notes_open(
    *,
    viewer: User,
    case: Case,
    entries: Iterable[StageEntry],
    request: HttpRequest | None = None,
) -> dict[int, str | None]:
    """Decrypt the notes of ``entries`` that the viewer may read; the read is audited once.

    The owning organisation's side reads every note; a referral recipient only the notes of
    stages its organisation is responsible for. Returns {entry id: note}, with None for a note
    made unreadable by erasure.
    """
    if not can(viewer, Perm.PROTECTION_VIEW) or viewer.role == Role.ANALYST:
        raise PermissionDenied
    if not case_queryset_for(viewer).filter(pk=case.pk).exists():
        raise PermissionDenied
    owner = is_owner_side(viewer, case)
    readable = [
        entry
        for entry in entries
        if entry.sealed_note and (owner or entry.organisation_id == viewer.organisation_id)
    ]
    if not readable:
        return {}
    notes: dict[int, str | None] = {}
    for entry in readable:
        opened = privacy.open_sealed(
            case.person.data_key, entry.sealed_note, context=_note_context(entry)
        )
        notes[entry.pk] = str(opened["note"]) if isinstance(opened, dict) else None  # or ERASED
    audit.record(
        "repatriation.notes.viewed",
        actor=viewer,
        obj=case,
        request=request,
        details={"case": case.code, "entries": sorted(notes)},
    )
    return notes
