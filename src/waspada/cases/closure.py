"""Closing a case with a reason and a summary, and reopening it; the history is kept.

Closing needs a supervisor of the owning organisation (PROTECTION_APPROVE). The summary may
describe the person, so it is sealed with their key. Closing also ends the access of the
organisation responsible for a repatriation stage: nothing remains open for it to do.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from waspada.accounts.models import User
from waspada.accounts.permissions import Perm, can
from waspada.audit import services as audit
from waspada.cases import reference
from waspada.cases.grants import case_access_hold
from waspada.cases.models import AccessReason, Case, CaseClosure, CaseStatus
from waspada.cases.selectors import is_owner_side
from waspada.cases.services import case_transition
from waspada.privacy import services as privacy

SUMMARY_LIMIT = 5000


def _context(closure: CaseClosure) -> str:
    return f"cases.closure:{closure.pk}"


def validate_closure(data: dict[str, Any]) -> tuple[str, str]:
    errors: dict[str, list[str]] = {}
    reason = str(data.get("reason") or "")
    if reason not in reference.codes("closure_reasons"):
        errors["reason"] = [_("Pilih alasan penutupan dari daftar.")]
    summary = str(data.get("summary") or "").strip()
    if not summary:
        errors["summary"] = [_("Ringkasan penutupan wajib diisi.")]
    elif len(summary) > SUMMARY_LIMIT:
        errors["summary"] = [
            _("Paling banyak %(limit)d karakter (sekarang %(n)d).")
            % {"limit": SUMMARY_LIMIT, "n": len(summary)}
        ]
    if errors:
        raise ValidationError(errors)
    return reason, summary


def case_close(
    *, actor: User, case: Case, data: dict[str, Any], request: HttpRequest | None = None
) -> CaseClosure:
    """Close the case with a reason from the reference list and a closing summary."""
    if not can(actor, Perm.PROTECTION_APPROVE) or not is_owner_side(actor, case):
        raise PermissionDenied
    reason, summary = validate_closure(data)
    if case.status == CaseStatus.CLOSED:
        raise ValidationError({"__all__": [_("Kasus ini sudah ditutup.")]})
    with transaction.atomic():
        case_transition(actor=actor, case=case, to_status=CaseStatus.CLOSED, request=request)
        closure = CaseClosure.objects.create(
            case=case, reason=reason, closed_by=actor, closed_at=timezone.now()
        )
        closure.sealed_summary = privacy.seal(
            case.person.data_key, {"summary": summary}, context=_context(closure)
        )
        closure.save(update_fields=["sealed_summary"])
        case_access_hold(
            actor=actor, case=case, organisation=None, reason=AccessReason.REPATRIATION,
            request=request,
        )  # fmt: skip
        audit.record("cases.case.closed", actor=actor, obj=case, request=request,
                     details={"closure_id": closure.pk, "reason": reason})  # fmt: skip
    return closure


def closures_for(case: Case) -> list[dict[str, Any]]:
    """The closing history, oldest first, with the summaries opened (for the owner side)."""
    rows = []
    for closure in case.closures.select_related("closed_by", "reopened_by"):
        opened = privacy.open_sealed(
            case.person.data_key, closure.sealed_summary, context=_context(closure)
        ) if closure.sealed_summary else {}  # fmt: skip
        rows.append(
            {
                "closure": closure,
                "reason": reference.label("closure_reasons", closure.reason),
                "summary": opened.get("summary", "") if isinstance(opened, dict) else None,
            }
        )
    return rows
