"""Writes on victims' cases. Every write and every read of personal data is audited."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from waspada.accounts.models import User
from waspada.accounts.permissions import Perm, can
from waspada.accounts.roles import Role
from waspada.audit import services as audit
from waspada.cases.codes import new_case_code
from waspada.cases.models import (
    PERSONAL_FIELDS,
    Case,
    CaseStatus,
    Consent,
    ConsentKind,
    Person,
    StatusChange,
)
from waspada.cases.signals import case_assigned, person_erased
from waspada.cases.validation import validate_case_fields
from waspada.privacy import services as privacy
from waspada.validation import ConflictError

CASE_FIELDS = (
    "exploitation_types", "scam_typology", "destination_country", "destination_city",
    "compound", "recruitment_channel", "recruiter_relation", "means_of_control",
    "recruited_on", "departed_on", "arrived_on", "exited_on", "returned_on",
)  # fmt: skip
PERSON_FIELDS = ("sex", "province_of_origin", "regency_of_origin", "education", "citizenship")

# Allowed status moves; any status may be closed, and a closed case may be reopened.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    CaseStatus.REGISTERED: (CaseStatus.IDENTIFICATION,),
    CaseStatus.IDENTIFICATION: (CaseStatus.ASSISTANCE, CaseStatus.REGISTERED),
    CaseStatus.ASSISTANCE: (CaseStatus.RETURN, CaseStatus.REINTEGRATION),
    CaseStatus.RETURN: (CaseStatus.REINTEGRATION, CaseStatus.ASSISTANCE),
    CaseStatus.REINTEGRATION: (CaseStatus.ASSISTANCE,),
    CaseStatus.CLOSED: (CaseStatus.ASSISTANCE,),  # reopen
}


def _context(person: Person) -> str:
    return f"cases.person:{person.pk}"


def _age(birth: date | None, on: date) -> int | None:
    if birth is None:
        return None
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def _indexes(personal: Mapping[str, Any]) -> dict[str, str]:
    birth = str(personal.get("birth_date") or "")
    return {
        "nik_index": privacy.index("nik", personal.get("nik") or ""),
        "passport_index": privacy.index("passport", personal.get("passport_number") or ""),
        "phone_index": privacy.index("phone", personal.get("phone") or ""),
        "name_index": privacy.index("name", personal.get("full_name") or ""),
        "name_birth_index": (
            privacy.index("name", personal.get("full_name") or "", extra=birth) if birth else ""
        ),
    }


@dataclass(frozen=True)
class Duplicate:
    """A possible earlier registration of the same person."""

    organisation_name: str
    case_code: str | None  # only when the viewer may open that case
    matched_on: tuple[str, ...]


def duplicates_find(*, viewer: User, data: Mapping[str, Any]) -> list[Duplicate]:
    """Cases whose person matches on NIK, passport, phone, or name with the same birth date.

    Matches in other organisations name the organisation only, never the case or the person.
    """
    from waspada.cases.selectors import case_queryset_for

    indexes = _indexes(data)
    matches: dict[int, set[str]] = {}
    for field in ("nik_index", "passport_index", "phone_index", "name_birth_index"):
        if indexes[field]:
            for person_id in Person.objects.filter(**{field: indexes[field]}).values_list(
                "pk", flat=True
            ):
                matches.setdefault(person_id, set()).add(field.removesuffix("_index"))
    if not matches:
        return []
    candidates = Case.objects.filter(person_id__in=matches)
    visible = set(
        case_queryset_for(viewer).filter(person_id__in=matches).values_list("pk", flat=True)
    )
    found = []
    for case in candidates.select_related("organisation"):
        found.append(
            Duplicate(
                organisation_name=case.organisation.name,
                case_code=case.code if case.pk in visible else None,
                matched_on=tuple(sorted(matches[case.person_id])),
            )
        )
    return found


def case_register(
    *,
    actor: User,
    data: Mapping[str, Any],
    consents: Mapping[str, bool] | None = None,
    request: HttpRequest | None = None,
) -> Case:
    """Register a person and their case in the actor's organisation, assigned to the actor.

    Raises ValidationError (per field) before anything is written.
    """
    if not can(actor, Perm.PROTECTION_MANAGE):
        raise PermissionDenied
    clean = validate_case_fields({"full_name": "", "sex": "", **data})
    personal = {field: clean.get(field) or "" for field in PERSONAL_FIELDS}
    with transaction.atomic():
        data_key = privacy.data_key_create()
        person = Person.objects.create(
            data_key=data_key,
            sealed="",
            age_at_identification=_age(clean.get("birth_date") or None, timezone.localdate()),
            **{field: clean.get(field) or "" for field in PERSON_FIELDS if field != "citizenship"},
            citizenship=(clean.get("citizenship") or "ID").upper(),
            **_indexes(personal),
        )
        # The ciphertext is bound to the row id, so it is written once the id exists.
        person.sealed = privacy.seal(data_key, personal, context=_context(person))
        person.save(update_fields=["sealed"])
        case = _create_case(actor=actor, person=person, clean=clean)
        case.assigned.add(actor)
        StatusChange.objects.create(case=case, to_status=case.status, changed_by=actor)
        audit.record("cases.case.registered", actor=actor, obj=case, request=request)
        for kind, granted in (consents or {}).items():
            consent_record(case=case, kind=ConsentKind(kind), granted=granted, actor=actor)
    return case


def _create_case(*, actor: User, person: Person, clean: Mapping[str, Any]) -> Case:
    assert actor.organisation_id is not None  # PROTECTION_MANAGE implies an organisation
    fields = {field: clean[field] for field in CASE_FIELDS if clean.get(field) not in (None, "")}
    for attempt in range(5):  # a clash of 6 random characters is rare; retry rather than fail
        try:
            with transaction.atomic():
                return Case.objects.create(
                    code=new_case_code(),
                    organisation_id=actor.organisation_id,
                    person=person,
                    created_by=actor,
                    **fields,
                )
        except IntegrityError:
            if attempt == 4:
                raise
    raise AssertionError("unreachable")


def person_personal_data(*, viewer: User, case: Case, request: HttpRequest | None = None) -> Any:
    """Decrypt the person's personal fields for an authorised viewer; the read is audited.

    Returns ``privacy.ERASED`` after erasure. Analysts and administrators never get here:
    the caller fetched ``case`` through the scoped selector, and this checks the role again.
    """
    if not can(viewer, Perm.PROTECTION_VIEW) or viewer.role == Role.ANALYST:
        raise PermissionDenied
    person = case.person
    audit.record("cases.person.viewed", actor=viewer, obj=person, request=request,
                 details={"case": case.code})  # fmt: skip
    return privacy.open_sealed(person.data_key, person.sealed, context=_context(person))


def case_update(
    *,
    actor: User,
    case: Case,
    data: Mapping[str, Any],
    version: int,
    request: HttpRequest | None = None,
) -> Case:
    """Update personal and case fields. ``version`` is what the editor loaded: if the case
    changed since, ConflictError is raised and nothing is written."""
    if not can(actor, Perm.PROTECTION_MANAGE):
        raise PermissionDenied
    clean = validate_case_fields(data)
    person = case.person
    with transaction.atomic():
        if not Case.objects.filter(pk=case.pk, version=version).update(version=version + 1):
            raise ConflictError(_("Kasus ini sudah diubah orang lain. Muat ulang lalu ulangi."))
        current = privacy.open_sealed(person.data_key, person.sealed, context=_context(person))
        if current is privacy.ERASED:
            raise ValidationError(_("Data pribadi orang ini sudah dihapus."))
        assert isinstance(current, dict)
        changed_personal = [f for f in PERSONAL_FIELDS if f in clean and clean[f] != current.get(f)]
        personal = {**current, **{f: clean[f] or "" for f in PERSONAL_FIELDS if f in clean}}
        person.sealed = privacy.seal(person.data_key, personal, context=_context(person))
        for field, value in _indexes(personal).items():
            setattr(person, field, value)
        for field in PERSON_FIELDS:
            if field in clean:
                setattr(person, field, clean[field] or "")
        if "birth_date" in clean:
            person.age_at_identification = _age(clean["birth_date"] or None, case.created_at.date())
        person.version += 1
        person.save()
        for field in CASE_FIELDS:
            if field in clean:
                value = clean[field]
                setattr(case, field, None if field.endswith("_on") and value == "" else value)
        case.version = version + 1
        case.save()
        audit.record(
            "cases.case.updated",
            actor=actor,
            obj=case,
            request=request,
            details={
                "personal_fields": sorted(changed_personal),
                "case_fields": sorted(f for f in CASE_FIELDS if f in clean),
            },
        )
    return case


def case_transition(
    *, actor: User, case: Case, to_status: str, request: HttpRequest | None = None
) -> Case:
    """Move the case along its workflow; closing needs a supervisor."""
    if not can(actor, Perm.PROTECTION_MANAGE):
        raise PermissionDenied
    if to_status == CaseStatus.CLOSED:
        if not can(actor, Perm.PROTECTION_APPROVE):
            raise PermissionDenied
    elif to_status not in TRANSITIONS.get(case.status, ()):
        raise ValidationError({"status": [_("Perpindahan status ini tidak diizinkan.")]})
    with transaction.atomic():
        previous = case.status
        case.status = to_status
        case.version += 1
        case.save(update_fields=["status", "version", "updated_at"])
        StatusChange.objects.create(
            case=case, from_status=previous, to_status=to_status, changed_by=actor
        )
        audit.record("cases.case.status_changed", actor=actor, obj=case, request=request,
                     details={"from": previous, "to": to_status})  # fmt: skip
    return case


def consent_record(
    *,
    case: Case,
    kind: ConsentKind,
    granted: bool,
    actor: User,
    request: HttpRequest | None = None,
) -> Consent:
    """Record the person's decision on one kind of consent (who recorded it and when)."""
    with transaction.atomic():
        consent = Consent.objects.create(case=case, kind=kind, granted=granted, recorded_by=actor)
        audit.record("cases.consent.recorded", actor=actor, obj=case, request=request,
                     details={"kind": str(kind), "granted": granted})  # fmt: skip
    return consent


def case_assign(
    *, actor: User, case: Case, users: list[User], request: HttpRequest | None = None
) -> None:
    """Set the caseworkers of a case (supervisors of the owning organisation only)."""
    if not can(actor, Perm.PROTECTION_APPROVE) or actor.organisation_id != case.organisation_id:
        raise PermissionDenied
    if any(user.organisation_id != case.organisation_id for user in users):
        raise ValidationError({"assigned": [_("Petugas harus dari organisasi pemilik kasus.")]})
    with transaction.atomic():
        before = set(case.assigned.values_list("pk", flat=True))
        case.assigned.set(users)
        audit.record("cases.case.assigned", actor=actor, obj=case, request=request,
                     details={"user_ids": sorted(user.pk for user in users)})  # fmt: skip
        added = [user for user in users if user.pk not in before]
        if added:
            case_assigned.send(sender=Case, case=case, users=added, actor=actor)


def case_erase(*, actor: User | None, case: Case) -> None:
    """Erase the person's personal data by destroying their data key (admins, via the CLI).

    Statistical fields, the case's workflow and the audit trail remain; the sealed data and
    blind indexes become meaningless and are cleared.
    """
    if actor is not None and not can(actor, Perm.ADMIN_MANAGE_USERS):
        raise PermissionDenied
    person = case.person
    with transaction.atomic():
        privacy.data_key_destroy(person.data_key)
        Person.objects.filter(pk=person.pk).update(
            sealed="", nik_index="", passport_index="", phone_index="", name_index="",
            name_birth_index="", erased_at=timezone.now(),
        )  # fmt: skip
        Case.objects.filter(person=person).update(sealed_notes="")
        # Apps holding the person's data under keys of their own (the evidence vault) destroy
        # it here, inside this transaction: a receiver that fails undoes the whole erasure.
        person_erased.send(sender=Person, person=person, case=case, actor=actor)
        audit.record("cases.person.erased", actor=actor, obj=person, details={"case": case.code})
