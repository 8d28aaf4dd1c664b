"""Case notes: dated, signed, sealed with the person's key, optionally confidential.

A confidential note is read only by the organisation that wrote it; the others are read by
every organisation that may see the case. Writing and reading are audited (the text never
goes into the audit trail).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest
from django.utils.translation import gettext as _

from waspada.accounts.models import User
from waspada.accounts.permissions import Perm, can
from waspada.audit import services as audit
from waspada.cases.models import Case, CaseNote
from waspada.cases.selectors import case_queryset_for
from waspada.privacy import services as privacy

TEXT_LIMIT = 5000


def _context(note: CaseNote) -> str:
    return f"cases.note:{note.pk}"


def validate_note(data: dict[str, Any]) -> tuple[str, bool]:
    text = str(data.get("text") or "").strip()
    errors: dict[str, list[str]] = {}
    if not text:
        errors["text"] = [_("Catatan wajib diisi.")]
    elif len(text) > TEXT_LIMIT:
        errors["text"] = [
            _("Paling banyak %(limit)d karakter (sekarang %(n)d).")
            % {"limit": TEXT_LIMIT, "n": len(text)}
        ]
    if errors:
        raise ValidationError(errors)
    return text, bool(data.get("confidential"))


def note_add(
    *, actor: User, case: Case, data: dict[str, Any], request: HttpRequest | None = None
) -> CaseNote:
    """Add a note by ``actor`` in their organisation's name. Any organisation that may write on
    the case may add notes (not a read-only transfer sender)."""
    if not can(actor, Perm.PROTECTION_MANAGE):
        raise PermissionDenied
    if not case_queryset_for(actor, writing=True).filter(pk=case.pk).exists():
        raise PermissionDenied
    if case.person.erased_at is not None:
        raise ValidationError(_("Data pribadi orang ini sudah dihapus."))
    text, confidential = validate_note(data)
    assert actor.organisation_id is not None
    with transaction.atomic():
        note = CaseNote.objects.create(
            case=case,
            organisation_id=actor.organisation_id,
            author=actor,
            confidential=confidential,
            sealed_text="",
        )
        note.sealed_text = privacy.seal(
            case.person.data_key, {"text": text}, context=_context(note)
        )
        note.save(update_fields=["sealed_text"])
        audit.record("cases.note.added", actor=actor, obj=case, request=request,
                     details={"note_id": note.pk, "confidential": confidential})  # fmt: skip
    return note


@dataclass(frozen=True)
class NoteView:
    id: int
    created_at: datetime
    author: str
    organisation: str
    confidential: bool
    text: str | None  # None once the person's data was erased


def notes_for(*, viewer: User, case: Case, request: HttpRequest | None = None) -> list[NoteView]:
    """The notes ``viewer`` may read on a case they can see, newest first; the read is audited
    (once per listing, with the ids read)."""
    notes = (
        case.notes.filter(Q(confidential=False) | Q(organisation_id=viewer.organisation_id))
        .select_related("author", "organisation")
        .order_by("-created_at", "-pk")
    )
    shown = []
    for note in notes:
        opened = privacy.open_sealed(case.person.data_key, note.sealed_text, context=_context(note))
        author = note.author
        shown.append(
            NoteView(
                id=note.pk,
                created_at=note.created_at,
                author=(author.get_full_name() or author.username) if author else "–",
                organisation=str(note.organisation),
                confidential=note.confidential,
                text=opened.get("text") if isinstance(opened, dict) else None,
            )
        )
    if shown:
        audit.record("cases.note.read", actor=viewer, obj=case, request=request,
                     details={"note_ids": [n.id for n in shown]})  # fmt: skip
    return shown
