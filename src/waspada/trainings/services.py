"""Writes on trainings and participants. Every write is audited inside its transaction.

Each service checks the permission first (``access.can_manage_trainings``), validates every
field before writing (``ValidationError({field: [message]})``, nothing written on error) and
records one audit event whose details never hold a participant's name.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _

from waspada.accounts.models import User
from waspada.audit import services as audit
from waspada.privacy import services as privacy
from waspada.trainings.access import can_manage_trainings
from waspada.trainings.importing import LineError, parse_participants
from waspada.trainings.models import Participant, Training
from waspada.trainings.validation import (
    PARTICIPANT_FIELDS,
    TRAINING_FIELDS,
    validate_participant,
    validate_training,
)
from waspada.validation import ConflictError


def name_context(participant: Participant) -> str:
    return f"trainings.participant:{participant.pk}"


def _require_manager(actor: User, training: Training | None = None) -> None:
    if not can_manage_trainings(actor, training):
        raise PermissionDenied


def training_create(
    *, actor: User, data: Mapping[str, Any], request: HttpRequest | None = None
) -> Training:
    """Create a training organised (and owned) by the actor's organisation, with its own
    data key for certificate names. Raises ValidationError per field before writing."""
    _require_manager(actor)
    clean = validate_training(data)
    assert actor.organisation_id is not None  # managers always belong to an organisation
    with transaction.atomic():
        training = Training.objects.create(
            organiser_id=actor.organisation_id,
            data_key=privacy.data_key_create(),
            created_by=actor,
            **clean,
        )
        audit.record(
            "trainings.training.created", actor=actor, obj=training, request=request,
            details={"topic": training.topic, "year": training.start_date.year},
        )  # fmt: skip
    return training


def training_update(
    *,
    actor: User,
    training: Training,
    data: Mapping[str, Any],
    version: int,
    request: HttpRequest | None = None,
) -> Training:
    """Update the given fields (others keep their value). ``version`` is what the editor
    loaded: if the training changed since, ConflictError is raised and nothing is written."""
    _require_manager(actor, training)
    current = {name: getattr(training, name) for name in TRAINING_FIELDS}
    clean = validate_training({**current, **data})
    changed = sorted(name for name in TRAINING_FIELDS if clean[name] != current[name])
    with transaction.atomic():
        if not Training.objects.filter(pk=training.pk, version=version).update(version=version + 1):
            raise ConflictError(_("Pelatihan ini sudah diubah orang lain. Muat ulang lalu ulangi."))
        for name, value in clean.items():
            setattr(training, name, value)
        training.version = version + 1
        training.save()
        audit.record(
            "trainings.training.updated", actor=actor, obj=training, request=request,
            details={"fields": changed},
        )  # fmt: skip
    return training


def _seal_name(participant: Participant, name: str) -> str:
    if not name:
        return ""
    return privacy.seal(
        participant.training.data_key, {"name": name}, context=name_context(participant)
    )


def participant_add(
    *,
    actor: User,
    training: Training,
    data: Mapping[str, Any],
    request: HttpRequest | None = None,
) -> Participant:
    """Add one participant. An optional ``certificate_name`` is stored only encrypted under
    the training's data key. Raises ValidationError per field before writing."""
    _require_manager(actor, training)
    clean = validate_participant(data)
    name = clean.pop("certificate_name", "")
    with transaction.atomic():
        participant = Participant.objects.create(training=training, created_by=actor, **clean)
        if name:
            # The ciphertext is bound to the row id, so it is written once the id exists.
            participant.sealed_name = _seal_name(participant, name)
            participant.save(update_fields=["sealed_name"])
        audit.record(
            "trainings.participant.added", actor=actor, obj=participant, request=request,
            details={"training": training.pk, "has_certificate_name": bool(name)},
        )  # fmt: skip
    return participant


def participant_update(
    *,
    actor: User,
    participant: Participant,
    data: Mapping[str, Any],
    remove_name: bool = False,
    request: HttpRequest | None = None,
) -> Participant:
    """Update the given fields. A non-empty ``certificate_name`` replaces the stored name, an
    empty or missing one keeps it, and ``remove_name`` deletes it."""
    training = participant.training
    _require_manager(actor, training)
    current = {name: getattr(participant, name) for name in PARTICIPANT_FIELDS}
    clean = validate_participant({**current, **data})
    name = clean.pop("certificate_name", "")
    changed = sorted(f for f in PARTICIPANT_FIELDS if clean[f] != current[f])
    with transaction.atomic():
        for key, value in clean.items():
            setattr(participant, key, value)
        name_change = ""
        if name:
            participant.sealed_name, name_change = _seal_name(participant, name), "replaced"
        elif remove_name and participant.sealed_name:
            participant.sealed_name, name_change = "", "removed"
        participant.save()
        audit.record(
            "trainings.participant.updated", actor=actor, obj=participant, request=request,
            details={"training": training.pk, "fields": changed, "certificate_name": name_change},
        )  # fmt: skip
    return participant


def participant_remove(
    *, actor: User, participant: Participant, request: HttpRequest | None = None
) -> None:
    """Delete a participant (and its encrypted name) for good."""
    training = participant.training
    _require_manager(actor, training)
    with transaction.atomic():
        audit.record(
            "trainings.participant.removed", actor=actor, obj=participant, request=request,
            details={"training": training.pk},
        )  # fmt: skip
        participant.delete()


@dataclass
class ImportResult:
    imported: list[Participant] = field(default_factory=list)
    imported_lines: list[int] = field(default_factory=list)
    errors: list[LineError] = field(default_factory=list)


def participants_import(
    *,
    actor: User,
    training: Training,
    content: bytes,
    filename: str = "",
    request: HttpRequest | None = None,
) -> ImportResult:
    """Import participants from a CSV or XLSX file (one participant a line or row), its type
    told by the content (``filename`` only to refuse a name that claims another type).

    A problem with the file itself (type, encoding, missing columns, size) raises
    ValidationError on ``file`` and imports nothing. Otherwise every line is checked: bad
    lines are returned with their line numbers and messages, and all good lines are imported
    together in one transaction (all or none of them), with one audit event.
    """
    _require_manager(actor, training)
    parsed = parse_participants(content, filename=filename)
    result = ImportResult(errors=list(parsed.errors))
    good: list[dict[str, Any]] = []
    for line, row in parsed.rows:
        try:
            good.append(validate_participant(row))
            result.imported_lines.append(line)
        except ValidationError as exc:
            result.errors.append(LineError.from_validation(line, exc))
    result.errors.sort(key=lambda error: error.line)
    if not good:
        return result
    # One transaction for every good line: they are imported together or not at all.
    with transaction.atomic():
        result.imported = Participant.objects.bulk_create(
            [Participant(training=training, created_by=actor, **row) for row in good]
        )
        audit.record(
            "trainings.participants.imported", actor=actor, obj=training, request=request,
            details={
                "imported": len(result.imported),
                "rejected_lines": [error.line for error in result.errors],
            },
        )  # fmt: skip
    return result
