"""Writes on what a legal case holds: charges, suspects and hearings. Each write is audited.

Suspects' personal fields are sealed under the suspect's own data key and searchable only
through a keyed blind name index; their role in the process stays in clear for statistics.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest

from waspada.accounts.models import User
from waspada.audit import services as audit
from waspada.legal import reference
from waspada.legal.models import SUSPECT_PERSONAL_FIELDS, Charge, Hearing, LegalCase, Suspect
from waspada.legal.selectors import status_only
from waspada.legal.services import require_manage
from waspada.legal.validation import validate_charge, validate_hearing, validate_suspect
from waspada.privacy import services as privacy


def charge_add(
    *,
    actor: User,
    legal_case: LegalCase,
    data: Mapping[str, Any],
    request: HttpRequest | None = None,
) -> Charge:
    """Charge an article from the reference list. The article's texts, both penalty regimes
    and the list's version are copied, with the offence date (KUHP Art. 3)."""
    require_manage(actor, legal_case)
    clean = validate_charge(data)
    entry = clean["entry"]
    with transaction.atomic():
        charge = Charge.objects.create(
            legal_case=legal_case,
            article_key=entry["key"],
            instrument=entry["instrument"],
            article=entry["article"],
            offence_id=entry["offence"]["id"],
            offence_en=entry["offence"]["en"],
            penalty_before_2026=entry.get("penalty_before_2026", ""),
            penalty_from_2026=entry.get("penalty_from_2026", ""),
            reference_version=reference.version(),
            offence_date=clean["offence_date"],
            created_by=actor,
        )
        audit.record(
            "legal.charge.added",
            actor=actor,
            obj=charge,
            request=request,
            details={"legal_case": legal_case.code, "article": entry["key"]},
        )
    return charge


def charge_remove(*, actor: User, charge: Charge, request: HttpRequest | None = None) -> None:
    legal_case = charge.legal_case
    require_manage(actor, legal_case)
    with transaction.atomic():
        audit.record(
            "legal.charge.removed",
            actor=actor,
            obj=charge,
            request=request,
            details={"legal_case": legal_case.code, "article": charge.article_key},
        )
        charge.delete()


def _suspect_context(suspect: Suspect) -> str:
    return f"legal.suspect:{suspect.pk}"


def suspect_add(
    *,
    actor: User,
    legal_case: LegalCase,
    data: Mapping[str, Any],
    request: HttpRequest | None = None,
) -> Suspect:
    """Record a suspect: personal fields sealed under a new data key, a blind name index, and
    the role in clear. ValidationError (per field) before anything is written."""
    require_manage(actor, legal_case)
    clean = validate_suspect(data)
    personal = {field: clean[field] for field in SUSPECT_PERSONAL_FIELDS}
    with transaction.atomic():
        suspect = Suspect.objects.create(
            legal_case=legal_case,
            data_key=privacy.data_key_create(),
            sealed="",
            name_index=privacy.index("name", personal["full_name"]),
            role=clean["role"],
            created_by=actor,
        )
        # The ciphertext is bound to the row id, so it is written once the id exists.
        suspect.sealed = privacy.seal(suspect.data_key, personal, context=_suspect_context(suspect))
        suspect.save(update_fields=["sealed"])
        audit.record(
            "legal.suspect.added",
            actor=actor,
            obj=suspect,
            request=request,
            details={"legal_case": legal_case.code, "role": suspect.role},
        )
    return suspect


def suspect_identifiers(suspect: Suspect) -> str:
    """A suspect's identifiers field in clear (phones, accounts…), for derived data
    (recruitment intelligence); '' after erasure. Not for display (see below, audited)."""
    opened = privacy.open_sealed(
        suspect.data_key, suspect.sealed, context=_suspect_context(suspect)
    )
    return str(opened.get("identifiers") or "") if isinstance(opened, dict) else ""


def suspect_personal_data(
    *, viewer: User, suspect: Suspect, request: HttpRequest | None = None
) -> dict[str, Any] | object:
    """Decrypt a suspect's personal fields for a viewer with the full view of the case (its
    legal officers and supervisors, or those of an organisation it is shared with). The read
    is audited. Returns ``privacy.ERASED`` after erasure; PermissionDenied for anyone else."""
    if status_only(viewer, suspect.legal_case):
        raise PermissionDenied
    audit.record(
        "legal.suspect.viewed",
        actor=viewer,
        obj=suspect,
        request=request,
        details={"legal_case": suspect.legal_case.code},
    )
    return privacy.open_sealed(suspect.data_key, suspect.sealed, context=_suspect_context(suspect))


def hearing_add(
    *,
    actor: User,
    legal_case: LegalCase,
    data: Mapping[str, Any],
    request: HttpRequest | None = None,
) -> Hearing:
    """Schedule a hearing (date and time, court, short agenda)."""
    require_manage(actor, legal_case)
    clean = validate_hearing(data)
    with transaction.atomic():
        hearing = Hearing.objects.create(legal_case=legal_case, created_by=actor, **clean)
        audit.record(
            "legal.hearing.added",
            actor=actor,
            obj=hearing,
            request=request,
            details={"legal_case": legal_case.code},
        )
    return hearing
