"""The one validator of goals, follow-ups and services, called by the services for the pages
and the API alike.

It holds every rule of the input (required, lengths, dates, choices, who may be the provider):
the forms only parse and display (their ``maxlength`` comes from the tables below) and the API
schemas only describe the shape. Each function checks a complete set of values (for an edit:
the stored values merged with the changes), reports every problem against its field at once,
and returns cleaned values.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from waspada.accounts.models import Organisation
from waspada.assistance.models import GoalStatus, ServiceOutcome, ServiceStatus
from waspada.cases import reference
from waspada.validation import FieldErrors, as_id

# The longest text each field takes (the forms show it as the input's maxlength).
GOAL_LIMITS = {"description": 1000}
FOLLOW_UP_LIMITS = {"note": 300}
SERVICE_LIMITS = {"provider_name": 120, "note": 2000}
COST_MAX = 10**12  # one trillion rupiah: anything above is a typing mistake
EARLIEST = date(2000, 1, 1)
_DIGITS = re.compile(r"^\d+$")


def _date(errors: FieldErrors, field: str, value: Any, *, required: bool = False) -> date | None:
    if value in (None, ""):
        if required:
            errors.add(field, _("Tanggal wajib diisi."))
        return None
    if isinstance(value, date):
        parsed: date | None = value
    else:
        try:
            parsed = date.fromisoformat(str(value))
        except ValueError:
            parsed = None
    if parsed is None:
        errors.add(field, _("Tanggal tidak valid (format TTTT-BB-HH)."))
    elif parsed < EARLIEST or parsed.year > 2100:
        errors.add(field, _("Tanggal tidak mungkin."))
        return None
    return parsed


def _text(errors: FieldErrors, field: str, value: Any, *, limit: int, required: bool) -> str:
    text = str(value or "").strip()
    if required and not text:
        errors.add(field, _("Wajib diisi."))
    if len(text) > limit:
        errors.add(
            field,
            _("Paling banyak %(limit)d karakter (sekarang %(n)d).")
            % {"limit": limit, "n": len(text)},
        )
    return text


def validate_goal(data: Mapping[str, Any], *, partial: bool = False) -> dict[str, Any]:
    """``description`` (required), ``target_date`` (optional), ``status``.

    With ``partial`` only the keys present are checked and returned (an edit).
    """
    errors = FieldErrors()
    clean: dict[str, Any] = {}
    if not partial or "description" in data:
        clean["description"] = _text(
            errors,
            "description",
            data.get("description"),
            limit=GOAL_LIMITS["description"],
            required=True,
        )
    if not partial or "target_date" in data:
        clean["target_date"] = _date(errors, "target_date", data.get("target_date"))
    if not partial or "status" in data:
        clean["status"] = data.get("status") or GoalStatus.OPEN
        if clean["status"] not in GoalStatus.values:
            errors.add("status", _("Pilih status dari daftar."))
    errors.raise_if_any()
    return clean


def validate_follow_up(data: Mapping[str, Any]) -> dict[str, Any]:
    """``due_on`` (required, today or later) and ``note`` (what to check, required)."""
    errors = FieldErrors()
    due_on = _date(errors, "due_on", data.get("due_on"), required=True)
    if due_on is not None and due_on < timezone.localdate():
        errors.add("due_on", _("Tanggal tindak lanjut tidak boleh sebelum hari ini."))
    note = _text(errors, "note", data.get("note"), limit=FOLLOW_UP_LIMITS["note"], required=True)
    errors.raise_if_any()
    return {"due_on": due_on, "note": note}


def _cost(errors: FieldErrors, value: Any) -> int | None:
    if value in (None, ""):
        return None
    if isinstance(value, bool):
        errors.add("cost_idr", _("Biaya harus bilangan bulat rupiah, tanpa koma."))
        return None
    text = str(value).strip().replace(" ", "").replace(".", "")
    if text.startswith("-"):
        errors.add("cost_idr", _("Biaya tidak boleh negatif."))
        return None
    if not _DIGITS.match(text):
        errors.add("cost_idr", _("Biaya harus bilangan bulat rupiah, tanpa koma."))
        return None
    amount = int(text)
    if amount > COST_MAX:
        errors.add("cost_idr", _("Biaya terlalu besar. Periksa lagi angkanya."))
        return None
    return amount


def _organisation(errors: FieldErrors, value: Any) -> Organisation | None:
    if value in (None, ""):
        return None
    if isinstance(value, Organisation):
        return value
    pk = as_id(value)
    organisation = Organisation.objects.filter(pk=pk, is_active=True).first() if pk else None
    if organisation is None:
        errors.add("provider_organisation", _("Organisasi tidak dikenal."))
    return organisation


def _provider(
    errors: FieldErrors, value: Any, recipient: Organisation | None
) -> Organisation | None:
    """The provider organisation; a referral recipient (``recipient``) records only what it
    delivers itself, so the provider is it (when left empty) or nothing else."""
    organisation = _organisation(errors, value)
    if recipient is None or "provider_organisation" in errors.errors:
        return organisation
    if organisation is None:
        return recipient
    if organisation.pk != recipient.pk:
        errors.add(
            "provider_organisation",
            _("Organisasi Anda hanya bisa mencatat layanan yang diberikannya sendiri."),
        )
    return organisation


def validate_service(
    data: Mapping[str, Any], *, recipient: Organisation | None = None
) -> dict[str, Any]:
    """All fields of a service delivered; dates must be in order and the end not in the future.
    ``recipient`` is the organisation recording as a referral recipient (None for the owning
    side, which may name any active provider)."""
    limits = SERVICE_LIMITS
    errors = FieldErrors()
    today = timezone.localdate()
    service_type = str(data.get("service_type") or "")
    if service_type not in reference.codes("service_types"):
        errors.add("service_type", _("Pilih jenis layanan dari daftar."))
    status = str(data.get("status") or ServiceStatus.PLANNED)
    if status not in ServiceStatus.values:
        errors.add("status", _("Pilih status dari daftar."))
    outcome = str(data.get("outcome") or "")
    if outcome not in ServiceOutcome.values:
        errors.add("outcome", _("Pilih hasil dari daftar."))
    started_on = _date(errors, "started_on", data.get("started_on"))
    ended_on = _date(errors, "ended_on", data.get("ended_on"))
    if started_on and status != ServiceStatus.PLANNED and started_on > today:
        errors.add("started_on", _("Layanan yang sudah berjalan tidak bisa mulai di masa depan."))
    running = status in (ServiceStatus.ONGOING, ServiceStatus.COMPLETED)
    if running and started_on is None and "started_on" not in errors.errors:
        errors.add("started_on", _("Isi tanggal mulai untuk layanan yang berjalan atau selesai."))
    if ended_on:
        if ended_on > today:
            errors.add("ended_on", _("Tanggal selesai tidak boleh di masa depan."))
        if started_on and ended_on < started_on:
            errors.add("ended_on", _("Tanggal selesai tidak boleh sebelum tanggal mulai."))
    elif status == ServiceStatus.COMPLETED and "ended_on" not in errors.errors:
        errors.add("ended_on", _("Isi tanggal selesai untuk layanan yang sudah selesai."))
    clean = {
        "service_type": service_type,
        "status": status,
        "outcome": outcome,
        "started_on": started_on,
        "ended_on": ended_on,
        "provider_organisation": _provider(errors, data.get("provider_organisation"), recipient),
        "provider_name": _text(
            errors,
            "provider_name",
            data.get("provider_name"),
            limit=limits["provider_name"],
            required=False,
        ),
        "note": _text(errors, "note", data.get("note"), limit=limits["note"], required=False),
        "cost_idr": _cost(errors, data.get("cost_idr")),
    }
    errors.raise_if_any()
    return clean
