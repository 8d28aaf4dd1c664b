"""The one validator of referrals and of the service directory's offerings, called by the
services for the pages and the API alike.

It holds every rule of the input (the receiving organisation, the service type from the
reference list, the person's consent to share or a supervisor's emergency reason, lengths):
the forms only parse and display (their ``maxlength`` comes from the tables below) and the
API schema only describes the shape. Every problem is reported against its field, all at
once; the services validate before writing anything.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _

from waspada.accounts.models import Organisation
from waspada.cases import reference
from waspada.cases.models import Case
from waspada.referrals.models import Urgency
from waspada.referrals.selectors import sharing_consent_given
from waspada.validation import FieldErrors, as_id

# The longest text each field takes (the forms show it as the input's maxlength).
REFERRAL_LIMITS = {"override_reason": 2000, "needs": 2000, "contact": 300}
DECLINE_LIMITS = {"decline_reason": 1000}
OFFERING_LIMITS = {"regions": 200, "description": 300}


def _organisation(value: Any) -> Organisation | None:
    """An active organisation from a record or its id; None when there is no such one."""
    if isinstance(value, Organisation):
        return value if value.is_active else None
    pk = as_id(value) if value not in (None, "") else None
    return Organisation.objects.filter(pk=pk, is_active=True).first() if pk else None


def _text(errors: FieldErrors, data: Mapping[str, Any], field: str, limit: int) -> str:
    text = str(data.get(field) or "").strip()
    if len(text) > limit:
        errors.add(field, _("Paling banyak %(n)d karakter.") % {"n": limit})
    return text


def _service_type(errors: FieldErrors, data: Mapping[str, Any]) -> str:
    service_type = str(data.get("service_type") or "")
    if service_type not in reference.codes("service_types"):
        errors.add("service_type", _("Pilih jenis layanan dari daftar."))
    return service_type


def validate_referral(data: Mapping[str, Any], *, case: Case, may_override: bool) -> dict[str, Any]:
    """``to_organisation`` (another active organisation than the case's), ``service_type``,
    ``needs`` (what the person needs), ``contact``, ``urgency`` and ``override_reason``;
    ``consent`` is refused while the person has not agreed to share their data, unless a
    reason is given by someone who ``may_override`` (a supervisor).
    Returns the cleaned values with ``overridden`` (sent without consent)."""
    errors = FieldErrors()
    organisation = _organisation(data.get("to_organisation"))
    if organisation is None or organisation.pk == case.organisation_id:
        errors.add("to_organisation", _("Pilih organisasi lain yang aktif."))
    service_type = _service_type(errors, data)
    reason = _text(errors, data, "override_reason", REFERRAL_LIMITS["override_reason"])
    needs = _text(errors, data, "needs", REFERRAL_LIMITS["needs"])
    contact = _text(errors, data, "contact", REFERRAL_LIMITS["contact"])
    urgency = str(data.get("urgency") or Urgency.ROUTINE)
    if urgency not in Urgency.values:
        errors.add("urgency", _("Pilih urgensi dari daftar."))
    overridden = False
    if not sharing_consent_given(case):
        if not reason:
            errors.add(
                "consent",
                _("Belum ada persetujuan korban untuk berbagi data. Catat persetujuannya dulu."),
            )
        elif not may_override:
            errors.add("consent", _("Hanya supervisor yang boleh merujuk tanpa persetujuan."))
        else:
            overridden = True
    errors.raise_if_any()
    return {
        "to_organisation": organisation,
        "service_type": service_type,
        "override_reason": reason,
        "overridden": overridden,
        "needs": needs,
        "contact": contact,
        "urgency": urgency,
    }


def validate_referral_answer(data: Mapping[str, Any]) -> dict[str, Any]:
    """``accept`` (a yes or no) and, when declining, a ``decline_reason`` the sender reads."""
    errors = FieldErrors()
    accept = bool(data.get("accept"))
    reason = _text(errors, data, "decline_reason", DECLINE_LIMITS["decline_reason"])
    if not accept and not reason:
        errors.add(
            "decline_reason",
            _("Tuliskan alasan penolakan, agar pengirim bisa mencari layanan lain."),
        )
    errors.raise_if_any()
    return {"accept": accept, "decline_reason": "" if accept else reason}


def validate_service_offering(data: Mapping[str, Any]) -> dict[str, Any]:
    """``organisation`` (active), ``service_type`` from the reference list, ``regions`` and
    ``description``."""
    errors = FieldErrors()
    organisation = _organisation(data.get("organisation"))
    if organisation is None:
        errors.add("organisation", _("Pilih organisasi dari daftar."))
    clean = {
        "organisation": organisation,
        "service_type": _service_type(errors, data),
        **{field: _text(errors, data, field, limit) for field, limit in OFFERING_LIMITS.items()},
    }
    errors.raise_if_any()
    return clean
