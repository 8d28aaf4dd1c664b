"""Recording identification interviews and deciding, approving or rejecting their outcome.

Writers are the owning organisation's side only: caseworkers and supervisors record
interviews and decisions (PROTECTION_MANAGE), supervisors approve or reject them
(PROTECTION_APPROVE). When a decision takes effect, the case's trafficking status is set.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from waspada.accounts.models import Organisation, User
from waspada.accounts.permissions import Perm, can
from waspada.audit import services as audit
from waspada.cases.models import Case
from waspada.cases.signals import cases_changed
from waspada.identification import indicators, selectors
from waspada.identification.assessment import propose
from waspada.identification.models import (
    DecisionState,
    IdentificationPolicy,
    Interview,
)
from waspada.identification.signals import recruiter_contacts_saved
from waspada.identification.validation import validate_decision, validate_interview
from waspada.notifications.models import Kind
from waspada.notifications.selectors import recipients
from waspada.notifications.services import notify
from waspada.privacy import services as privacy
from waspada.validation import ConflictError


def _context(interview: Interview) -> str:
    return f"identification.interview:{interview.pk}"


def _seal(interview: Interview, key: str, text: str) -> str:
    if not text:
        return ""
    return privacy.seal(interview.case.person.data_key, {key: text}, context=_context(interview))


def _locked(interview: Interview, version: int | None) -> Interview:
    """The interview's current row, locked; ConflictError if it changed since ``version``."""
    current = Interview.objects.select_for_update().get(pk=interview.pk)
    if version is not None and current.version != version:
        raise ConflictError
    current.case = interview.case
    return current


def _state_error(message: str) -> ValidationError:
    return ValidationError({NON_FIELD_ERRORS: [message]})


def _refuse_if_erased(case: Case) -> None:
    # Nothing new can be sealed once the person's key is destroyed.
    if case.person.erased_at is not None or case.person.data_key.destroyed_at is not None:
        raise _state_error(_("Data pribadi orang ini sudah dihapus; tidak bisa dicatat lagi."))


def interview_record(
    *,
    actor: User,
    case: Case,
    data: Mapping[str, Any],
    request: HttpRequest | None = None,
) -> Interview:
    """Record an interview and the status the system proposes from it (with its reasons).

    ``data`` holds ``interviewed_on``, the code lists ``process``, ``means``, ``purpose`` and
    ``ilo``, ``summary`` and ``recruiter_contacts`` (both sealed with the person's key).
    Raises ValidationError per field before anything is written.
    """
    if not selectors.may_record(actor, case):
        raise PermissionDenied
    _refuse_if_erased(case)
    clean = validate_interview(data)
    proposal = propose(
        answers={name: clean[name] for name in indicators.SETS},
        age=case.person.age_at_identification,
    )
    with transaction.atomic():
        interview = Interview.objects.create(
            case=case,
            interviewer=actor,
            interviewed_on=clean["interviewed_on"],
            **{f"{name}_codes": clean[name] for name in indicators.SETS},
            indicators_version=indicators.version(),
            facts=clean["facts"],
            proposed_status=proposal.status,
            proposed_reasons=proposal.reasons,
        )
        # The ciphertext is bound to the row id, so it is written once the id exists. The
        # recruiter contacts are sealed in the same payload as the summary.
        texts = {k: clean[k] for k in ("summary", "recruiter_contacts") if clean.get(k)}
        if texts:
            interview.sealed_summary = privacy.seal(
                case.person.data_key, texts, context=_context(interview)
            )
        if clean["sealed"]:
            interview.sealed_facts = privacy.seal(
                case.person.data_key, clean["sealed"], context=_context(interview)
            )
        interview.save(update_fields=["sealed_summary", "sealed_facts"])
        recruiter_contacts_saved.send(
            sender=Interview, interview=interview, contacts=clean.get("recruiter_contacts", "")
        )
        audit.record("identification.interview.recorded", actor=actor, obj=interview,
                     request=request, details={"case": case.code,
                                               "proposed_status": proposal.status})  # fmt: skip
    return interview


def decision_record(
    *,
    actor: User,
    interview: Interview,
    status: str,
    reason: str,
    version: int | None = None,
    request: HttpRequest | None = None,
) -> Interview:
    """Record a person's decision on an undecided interview, with a required reason.

    Where the organisation requires approval the decision waits for a supervisor; otherwise
    it takes effect at once and sets the case's trafficking status. A stale ``version``
    raises ConflictError; nothing is written on any error.
    """
    case = interview.case
    if not selectors.may_record(actor, case):
        raise PermissionDenied
    _refuse_if_erased(case)
    decided, text = validate_decision(status=status, reason=reason)
    needs_approval = selectors.requires_approval(case.organisation_id)
    with transaction.atomic():
        interview = _locked(interview, version)
        if interview.state != DecisionState.UNDECIDED:
            raise _state_error(_("Wawancara ini sudah punya keputusan."))
        interview.decided_status = decided
        interview.decided_by = actor
        interview.decided_at = timezone.now()
        interview.sealed_reason = _seal(interview, "reason", text)
        interview.requires_approval = needs_approval
        interview.approved_by = None
        interview.approved_at = None
        interview.state = (
            DecisionState.PENDING_APPROVAL if needs_approval else DecisionState.DECIDED
        )
        interview.version += 1
        interview.save()
        audit.record("identification.decision.recorded", actor=actor, obj=interview,
                     request=request, details={"case": case.code, "status": str(decided),
                                               "requires_approval": needs_approval})  # fmt: skip
        if not needs_approval:
            _apply_to_case(actor=actor, interview=interview, request=request)
        else:
            notify(
                users=recipients(case.organisation_id, Perm.PROTECTION_APPROVE),
                kind=Kind.DECISION_AWAITING,
                params={"code": case.code},
                link=reverse("identification:detail", args=[case.code, interview.pk]),
            )
    return interview


def decision_approve(
    *,
    actor: User,
    interview: Interview,
    version: int | None = None,
    request: HttpRequest | None = None,
) -> Interview:
    """A supervisor other than the decider approves a pending decision; it takes effect."""
    if not selectors.may_approve(actor, interview.case):
        raise PermissionDenied
    with transaction.atomic():
        interview = _locked(interview, version)
        if interview.state != DecisionState.PENDING_APPROVAL:
            raise _state_error(_("Tidak ada keputusan yang menunggu persetujuan."))
        if interview.decided_by_id == actor.pk:
            raise _state_error(_("Keputusan harus disetujui supervisor lain, bukan pembuatnya."))
        interview.state = DecisionState.DECIDED
        interview.approved_by = actor
        interview.approved_at = timezone.now()
        interview.version += 1
        interview.save()
        audit.record("identification.decision.approved", actor=actor, obj=interview,
                     request=request, details={"case": interview.case.code,
                                               "status": interview.decided_status})  # fmt: skip
        _apply_to_case(actor=actor, interview=interview, request=request)
    return interview


def decision_reject(
    *,
    actor: User,
    interview: Interview,
    note: str = "",
    version: int | None = None,
    request: HttpRequest | None = None,
) -> Interview:
    """A supervisor sends a pending decision back: the interview awaits a new decision.

    The case's trafficking status does not change. An optional note is sealed.
    """
    if not selectors.may_approve(actor, interview.case):
        raise PermissionDenied
    text = str(note or "").strip()
    if text:
        _refuse_if_erased(interview.case)
    if len(text) > 10_000:
        raise ValidationError({"note": [_("Teks terlalu panjang (paling banyak %(max)d karakter).")
                                        % {"max": 10_000}]})  # fmt: skip
    with transaction.atomic():
        interview = _locked(interview, version)
        if interview.state != DecisionState.PENDING_APPROVAL:
            raise _state_error(_("Tidak ada keputusan yang menunggu persetujuan."))
        interview.state = DecisionState.UNDECIDED
        interview.rejected_by = actor
        interview.rejected_at = timezone.now()
        interview.sealed_rejection = _seal(interview, "rejection", text)
        interview.version += 1
        interview.save()
        audit.record("identification.decision.rejected", actor=actor, obj=interview,
                     request=request, details={"case": interview.case.code,
                                               "status": interview.decided_status})  # fmt: skip
    return interview


def _apply_to_case(*, actor: User, interview: Interview, request: HttpRequest | None) -> None:
    case = interview.case
    previous = Case.objects.filter(pk=case.pk).values_list("trafficking_status", flat=True)[0]
    Case.objects.filter(pk=case.pk).update(
        trafficking_status=interview.decided_status,
        trafficking_decided_by_id=case.organisation_id,
        version=F("version") + 1,
        updated_at=timezone.now(),
    )
    case.refresh_from_db(fields=["trafficking_status", "trafficking_decided_by", "version"])
    cases_changed.send(sender=Case, case_ids=[case.pk])
    audit.record("identification.trafficking_status.set", actor=actor, obj=case, request=request,
                 details={"from": previous, "to": interview.decided_status,
                          "interview": interview.pk})  # fmt: skip


@dataclass(frozen=True)
class InterviewTexts:
    summary: str
    reason: str
    rejection: str
    erased: bool = False
    promised_job: str = ""
    actual_job: str = ""
    recruiter_contacts: str = ""


def interview_texts(
    *, viewer: User, interview: Interview, request: HttpRequest | None = None
) -> InterviewTexts:
    """Decrypt an interview's summary, decision reason and rejection note; the read is audited.

    After the person's data was erased, every text is empty and ``erased`` is True.
    """
    if not selectors.may_read_interviews(viewer, interview.case):
        raise PermissionDenied
    audit.record("identification.interview.viewed", actor=viewer, obj=interview,
                 request=request, details={"case": interview.case.code})  # fmt: skip
    data_key = interview.case.person.data_key
    opened: dict[str, str] = {}
    contacts = ""
    for key, token in (
        ("summary", interview.sealed_summary),
        ("reason", interview.sealed_reason),
        ("rejection", interview.sealed_rejection),
    ):
        if not token:
            opened[key] = ""
            continue
        payload = privacy.open_sealed(data_key, token, context=_context(interview))
        if payload is privacy.ERASED:
            return InterviewTexts("", "", "", erased=True)
        opened[key] = str(payload.get(key, "")) if isinstance(payload, dict) else ""
        if key == "summary" and isinstance(payload, dict):
            contacts = str(payload.get("recruiter_contacts", ""))
    jobs: dict[str, Any] = {}
    if interview.sealed_facts:
        payload = privacy.open_sealed(data_key, interview.sealed_facts, context=_context(interview))
        if payload is privacy.ERASED:
            return InterviewTexts("", "", "", erased=True)
        jobs = payload if isinstance(payload, dict) else {}
    return InterviewTexts(
        summary=opened["summary"],
        reason=opened["reason"],
        rejection=opened["rejection"],
        promised_job=str(jobs.get("promised_job", "")),
        actual_job=str(jobs.get("actual_job", "")),
        recruiter_contacts=contacts,
    )


def interview_recruiter_contacts(interview: Interview) -> str:
    """The interview's recruiter contacts in clear, for derived data (recruitment
    intelligence's rebuild); '' after erasure. Not for display: pages use
    ``interview_texts``, audited. ``interview.case.person.data_key`` should be loaded."""
    if not interview.sealed_summary:
        return ""
    payload = privacy.open_sealed(
        interview.case.person.data_key, interview.sealed_summary, context=_context(interview)
    )
    return str(payload.get("recruiter_contacts") or "") if isinstance(payload, dict) else ""


def policy_set(
    *,
    actor: User,
    organisation: Organisation,
    requires_approval: bool,
    request: HttpRequest | None = None,
) -> IdentificationPolicy:
    """Set whether an organisation's identification decisions need a supervisor's approval
    (administrators only, audited). Decisions already recorded keep the rule they got."""
    if not can(actor, Perm.ADMIN_MANAGE_USERS):
        raise PermissionDenied
    with transaction.atomic():
        policy, _created = IdentificationPolicy.objects.update_or_create(
            organisation=organisation, defaults={"requires_approval": requires_approval}
        )
        audit.record("identification.policy.set", actor=actor, obj=policy, request=request,
                     details={"organisation_id": organisation.pk,
                              "requires_approval": requires_approval})  # fmt: skip
    return policy
