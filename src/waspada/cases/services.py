"""Writes on victims' cases. Every write and every read of personal data is audited."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from waspada.accounts.models import User
from waspada.accounts.permissions import Perm, can
from waspada.accounts.roles import Role
from waspada.audit import services as audit
from waspada.cases import reference
from waspada.cases.codes import new_case_code
from waspada.cases.grants import (
    CAUSE_CASE_CLOSED,
    CAUSE_CONSENT_WITHDRAWN,
    case_access_end_all,
    closure_grace_end,
)
from waspada.cases.models import (
    PERSONAL_FIELDS,
    Case,
    CaseClosure,
    CaseStatus,
    Consent,
    ConsentKind,
    Person,
    PersonNameToken,
    StatusChange,
)
from waspada.cases.signals import case_assigned, person_erased, recruiter_contacts_saved
from waspada.cases.validation import validate_case_fields
from waspada.privacy import normalise
from waspada.privacy import services as privacy
from waspada.ratelimit import hit
from waspada.validation import ConflictError

CASE_FIELDS = (
    "exploitation_types", "scam_typology", "destination_country", "destination_city",
    "compound", "recruitment_channel", "recruiter_relation", "means_of_control",
    "recruited_on", "departed_on", "arrived_on", "exited_on", "returned_on",
    "recruitment_channels", "recruitment_place", "transit_countries", "recruiter_kind",
    "recruiter_agency", "recruiter_licence", "exploitation_platforms", "vulnerabilities",
    "case_source", "also_suspect",
)  # fmt: skip
PERSON_FIELDS = ("sex", "province_of_origin", "regency_of_origin", "education", "citizenship")
# Yes/no facts: stored as given (False is a value, not an empty one).
FLAG_FIELDS = ("also_suspect", "deceased")

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


def name_tokens(full_name: str) -> list[str]:
    """Blind indexes of each distinct word of a name (normalised: case, accents, punctuation)."""
    words = sorted(set(normalise.name(full_name or "").split()))
    return [privacy.index("name_token", word) for word in words if len(word) >= 2]


def person_name_tokens_set(*, person: Person, full_name: str) -> None:
    PersonNameToken.objects.filter(person=person).delete()
    PersonNameToken.objects.bulk_create(
        PersonNameToken(person=person, digest=digest) for digest in name_tokens(full_name)
    )


@dataclass(frozen=True)
class Duplicate:
    """A possible earlier registration of the same person."""

    organisation_id: int
    organisation_name: str
    case_code: str | None  # only when the viewer may open that case
    matched_on: tuple[str, ...]


class DuplicateCheckLimited(ValidationError):
    """Too many duplicate checks by this user in the last hour."""


PURPOSE_REGISTRATION = "registration"


def duplicates_find(
    *,
    viewer: User,
    data: Mapping[str, Any],
    purpose: str = PURPOSE_REGISTRATION,
    request: HttpRequest | None = None,
    limited: bool = True,
) -> list[Duplicate]:
    """Cases whose person matches on NIK, passport, phone, or name with the same birth date.

    Answers only at registration or for a deliberate check with a purpose from the reference
    list ``duplicate_check_purposes``; every check is audited with the fields that matched
    (never the values) and limited per user (``WASPADA_DUPLICATE_CHECKS_PER_HOUR``), so that
    it cannot be used to learn, at scale, who is registered where. ``limited=False`` is for a
    registration that writes the case whatever the answer (the API): no answer without an
    audited registration, so no oracle, and bulk registration is not throttled. Matches in other
    organisations name the organisation only, never the case or the person.
    """
    from waspada.cases.selectors import case_queryset_for

    if purpose != PURPOSE_REGISTRATION and purpose not in reference.codes(
        "duplicate_check_purposes"
    ):
        raise ValidationError({"purpose": [_("Pilih tujuan pemeriksaan.")]})
    if limited and hit("duplicate-check", str(viewer.pk), window_seconds=3600) > (
        settings.WASPADA_DUPLICATE_CHECKS_PER_HOUR
    ):
        audit.record("cases.duplicates.limited", actor=viewer, request=request)
        raise DuplicateCheckLimited(
            _("Batas pemeriksaan duplikat per jam sudah tercapai. Coba lagi nanti.")
        )
    found = _duplicates(viewer=viewer, data=data, visible_for=case_queryset_for)
    audit.record(
        "cases.duplicates.checked",
        actor=viewer,
        request=request,
        details={
            "purpose": purpose,
            "matches": len(found),
            "matched_fields": sorted({field for d in found for field in d.matched_on}),
            "organisation_ids": sorted({d.organisation_id for d in found}),
        },
    )
    return found


def _duplicates(*, viewer: User, data: Mapping[str, Any], visible_for: Any) -> list[Duplicate]:
    case_queryset_for = visible_for
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
                organisation_id=case.organisation_id,
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
            deceased=bool(clean.get("deceased")),
            **_indexes(personal),
        )
        # The ciphertext is bound to the row id, so it is written once the id exists.
        person.sealed = privacy.seal(data_key, personal, context=_context(person))
        person.save(update_fields=["sealed"])
        person_name_tokens_set(person=person, full_name=personal.get("full_name") or "")
        case = _create_case(actor=actor, person=person, clean=clean)
        case.assigned.add(actor)
        StatusChange.objects.create(case=case, to_status=case.status, changed_by=actor)
        audit.record("cases.case.registered", actor=actor, obj=case, request=request)
        for kind, granted in (consents or {}).items():
            consent_record(case=case, kind=ConsentKind(kind), granted=granted, actor=actor)
        recruiter_contacts_saved.send(
            sender=Case, case=case, contacts=personal.get("recruiter_contacts") or ""
        )
    return case


def _create_case(*, actor: User, person: Person, clean: Mapping[str, Any]) -> Case:
    assert actor.organisation_id is not None  # PROTECTION_MANAGE implies an organisation
    fields = {field: clean[field] for field in CASE_FIELDS if clean.get(field) not in (None, "")}
    fields["also_suspect"] = bool(clean.get("also_suspect"))
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
        if "deceased" in clean:
            person.deceased = bool(clean["deceased"])
        if "birth_date" in clean:
            person.age_at_identification = _age(clean["birth_date"] or None, case.created_at.date())
        person.version += 1
        person.save()
        if "full_name" in changed_personal:
            person_name_tokens_set(person=person, full_name=personal.get("full_name") or "")
        for field in CASE_FIELDS:
            if field in clean:
                new: Any = bool(clean[field]) if field in FLAG_FIELDS else clean[field]
                setattr(case, field, None if field.endswith("_on") and new == "" else new)
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
        if "recruiter_contacts" in clean:
            recruiter_contacts_saved.send(
                sender=Case, case=case, contacts=personal.get("recruiter_contacts") or ""
            )
    return case


def case_recruiter_contacts(case: Case) -> str:
    """The case's recruiter contacts in clear, for derived data (recruitment intelligence's
    rebuild); '' after erasure. Not for display: pages use ``person_personal_data``, audited."""
    person = case.person
    opened = privacy.open_sealed(person.data_key, person.sealed, context=_context(person))
    if not isinstance(opened, dict):
        return ""
    return str(opened.get("recruiter_contacts") or "")


# The workflow's order: a move to an earlier status undoes work, so it is confirmed and needs
# a reason (as does reopening a closed case); a move forward is one click.
STATUS_ORDER: dict[str, int] = {
    CaseStatus.REGISTERED: 1, CaseStatus.IDENTIFICATION: 2, CaseStatus.ASSISTANCE: 3,
    CaseStatus.RETURN: 4, CaseStatus.REINTEGRATION: 5, CaseStatus.CLOSED: 6,
}  # fmt: skip
STATUS_REASON_LIMIT = 1000


def transition_needs_reason(from_status: str, to_status: str) -> bool:
    """A reopening or a move back: confirmed on its own page, with a reason."""
    if to_status == CaseStatus.CLOSED:
        return False  # closing has its own page (reason from the list and a summary)
    return STATUS_ORDER.get(to_status, 0) < STATUS_ORDER.get(from_status, 0)


def case_transition(
    *,
    actor: User,
    case: Case,
    to_status: str,
    reason: str = "",
    request: HttpRequest | None = None,
) -> Case:
    """Move the case along its workflow; closing needs a supervisor. A move back or a
    reopening needs a ``reason`` (a field error otherwise), sealed in the status history."""
    if not can(actor, Perm.PROTECTION_MANAGE):
        raise PermissionDenied
    if to_status == CaseStatus.CLOSED:
        if not can(actor, Perm.PROTECTION_APPROVE):
            raise PermissionDenied
    elif to_status not in TRANSITIONS.get(case.status, ()):
        raise ValidationError({"status": [_("Perpindahan status ini tidak diizinkan.")]})
    reason = str(reason or "").strip()
    if transition_needs_reason(case.status, to_status):
        if not reason:
            raise ValidationError({"reason": [_("Tuliskan alasan perubahan status ini.")]})
        if len(reason) > STATUS_REASON_LIMIT:
            raise ValidationError({"reason": [
                _("Paling banyak %(n)d karakter.") % {"n": STATUS_REASON_LIMIT}
            ]})  # fmt: skip
    with transaction.atomic():
        previous = case.status
        case.status = to_status
        case.version += 1
        case.save(update_fields=["status", "version", "updated_at"])
        change = StatusChange.objects.create(
            case=case, from_status=previous, to_status=to_status, changed_by=actor
        )
        if reason:
            change.sealed_reason = privacy.seal(
                case.person.data_key, {"reason": reason}, context=_change_context(change)
            )
            change.save(update_fields=["sealed_reason"])
        if previous == CaseStatus.CLOSED:  # reopening: the closure stays, marked as reopened
            CaseClosure.objects.filter(case=case, reopened_at__isnull=True).update(
                reopened_at=timezone.now(), reopened_by=actor
            )
        audit.record("cases.case.status_changed", actor=actor, obj=case, request=request,
                     details={"from": previous, "to": to_status,
                              "with_reason": bool(reason)})  # fmt: skip
        if to_status == CaseStatus.CLOSED:  # other organisations keep access for a grace period
            case_access_end_all(
                actor=actor, case=case, cause=CAUSE_CASE_CLOSED, at=closure_grace_end(),
                request=request,
            )  # fmt: skip
    return case


def _change_context(change: StatusChange) -> str:
    return f"cases.statuschange:{change.pk}"


def status_change_reason(case: Case, change: StatusChange) -> str | None:
    """The reason of a status change in clear ("" when none; None when erased)."""
    if not change.sealed_reason:
        return ""
    opened = privacy.open_sealed(
        case.person.data_key, change.sealed_reason, context=_change_context(change)
    )
    return str(opened.get("reason", "")) if isinstance(opened, dict) else None


def consent_record(
    *,
    case: Case,
    kind: ConsentKind,
    granted: bool,
    actor: User,
    request: HttpRequest | None = None,
) -> Consent:
    """Record the person's decision on one kind of consent (who recorded it and when).

    Withdrawing consent to share ends, at once, every other organisation's access to the case
    (referrals and any other grant); they are told through ``access_ended``."""
    with transaction.atomic():
        consent = Consent.objects.create(case=case, kind=kind, granted=granted, recorded_by=actor)
        audit.record("cases.consent.recorded", actor=actor, obj=case, request=request,
                     details={"kind": str(kind), "granted": granted})  # fmt: skip
        if kind == ConsentKind.SHARING and not granted:
            case_access_end_all(
                actor=actor, case=case, cause=CAUSE_CONSENT_WITHDRAWN, request=request
            )
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
        PersonNameToken.objects.filter(person=person).delete()
        Case.objects.filter(person=person).update(sealed_notes="")
        # Apps holding the person's data under keys of their own (the evidence vault) destroy
        # it here, inside this transaction: a receiver that fails undoes the whole erasure.
        person_erased.send(sender=Person, person=person, case=case, actor=actor)
        audit.record("cases.person.erased", actor=actor, obj=person, details={"case": case.code})


def case_search_audit(*, viewer: User, found: int, request: HttpRequest | None = None) -> None:
    """A search by identifier is a read of personal data: audited (never the query)."""
    audit.record("cases.case.searched", actor=viewer, request=request, details={"found": found})


@dataclass(frozen=True)
class SamePerson:
    """A case whose person the blind indexes say is the same one, and on which identifiers."""

    case: Case
    matched_on: tuple[str, ...]


_SAME_PERSON_INDEXES = ("nik_index", "passport_index", "phone_index", "name_birth_index")


def person_cases_find(*, case: Case) -> list[SamePerson]:
    """Every case of the person in ``case``, in any organisation: this one, and those whose
    person matches on NIK, passport, phone, or name with birth date (blind indexes only). The
    administrator reviews this list before ``person_erase`` (a phone may be shared)."""
    person = case.person
    matches: dict[int, set[str]] = {person.pk: {"case"}}
    for field in _SAME_PERSON_INDEXES:
        value = getattr(person, field)
        if value:
            for other in Person.objects.filter(**{field: value}).values_list("pk", flat=True):
                if other != person.pk:
                    matches.setdefault(other, set()).add(field.removesuffix("_index"))
    cases = Case.objects.filter(person_id__in=matches).select_related("organisation", "person")
    return [
        SamePerson(case=c, matched_on=tuple(sorted(matches[c.person_id])))
        for c in cases.order_by("created_at")
    ]


def person_erase(*, actor: User | None, cases: list[Case]) -> int:
    """Erase the personal data of the people in ``cases`` (the list the administrator
    confirmed), all or nothing. Returns how many people were erased."""
    erased = 0
    with transaction.atomic():
        done: set[int] = set()
        for case in cases:
            if case.person_id in done or case.person.erased_at is not None:
                continue
            case_erase(actor=actor, case=case)
            done.add(case.person_id)
            erased += 1
        if len(cases) > 1:
            audit.record(
                "cases.person.erased_across_cases",
                actor=actor,
                details={"cases": sorted(c.code for c in cases), "people": erased},
            )
    return erased
