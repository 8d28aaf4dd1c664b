"""The one validator of a repatriation stage, called by the service for the pages and the API.

It holds every rule of the input (the stage order, dates, the responsible organisation, cost
and payer, lengths): the form only parses and displays (its ``maxlength`` comes from
``STAGE_LIMITS``) and the API schema only describes the shape. Every problem is reported
against the field it concerns, all at once, as ``ValidationError({field: [message]})``; the
service calls this before writing anything.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from waspada.accounts.models import Organisation
from waspada.cases.models import Case
from waspada.cases.validation import as_date
from waspada.repatriation import reference
from waspada.repatriation.models import StageEntry
from waspada.validation import as_id

MAX_COST_IDR = 10**13  # ten trillion rupiah: anything above is a typing mistake
# The longest text each field takes (the form shows it as the input's maxlength).
STAGE_LIMITS = {"responsible_party": 200, "note": 2000}
# Case journey dates that a return home cannot precede (see waspada.cases.validation.JOURNEY).
CASE_DATES_BEFORE_RETURN = ("recruited_on", "departed_on", "arrived_on", "exited_on")


def _as_cost(value: Any) -> int:
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int):
        return value
    text = str(value).strip().replace(" ", "")
    return int(text)  # ValueError for anything that is not a whole number


def validate_stage(
    data: Mapping[str, Any],
    *,
    case: Case,
    latest: StageEntry | None,
    recipient: Organisation | None = None,
) -> dict[str, Any]:
    """Return the cleaned stage fields or raise ValidationError({field: [message]}).

    ``latest`` is the furthest stage recorded so far: a new stage must come after it in the
    reference order (skipping is allowed) and may not be dated before it. ``recipient`` is
    the organisation recording as a referral recipient: it records only the stages it is
    responsible for, so ``organisation`` must be it (None for the owning side, which may name
    any active organisation).
    """
    errors: dict[str, list[str]] = {}

    def err(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    clean: dict[str, Any] = {}
    code = str(data.get("stage") or "").strip()
    stage = reference.stage(code)
    if not code:
        err("stage", _("Pilih tahap."))
    elif stage is None:
        err("stage", _("Tahap tidak dikenal: %(code)s") % {"code": code})
    elif latest is not None and stage.order <= latest.order:
        if (
            stage.code == latest.stage
            or StageEntry.objects.filter(
                repatriation_id=latest.repatriation_id, stage=stage.code
            ).exists()
        ):
            err("stage", _("Tahap ini sudah dicatat."))
        else:
            message = _(
                "Tahap dicatat berurutan: tahap ini ada sebelum tahap saat ini (%(current)s)."
            )
            err("stage", message % {"current": reference.stage_label(latest.stage)})
    clean["stage"] = stage

    raw_date = data.get("reached_on")
    reached_on = as_date(raw_date) if raw_date not in (None, "") else None
    if raw_date in (None, ""):
        err("reached_on", _("Tanggal wajib diisi."))
    elif reached_on is None:
        err("reached_on", _("Tanggal tidak valid (format TTTT-BB-HH)."))
    elif reached_on > timezone.localdate():
        err("reached_on", _("Tanggal tidak boleh di masa depan."))
    elif latest is not None and reached_on < latest.reached_on:
        err(
            "reached_on",
            _("Tanggal ini lebih awal dari tahap sebelumnya (%(stage)s, %(date)s).")
            % {
                "stage": reference.stage_label(latest.stage),
                "date": date_format(latest.reached_on, "SHORT_DATE_FORMAT"),
            },
        )
    elif stage is not None and stage.marks == "arrival":
        for field in CASE_DATES_BEFORE_RETURN:
            earlier = getattr(case, field)
            if earlier and reached_on < earlier:
                err(
                    "reached_on",
                    _(
                        "Tanggal tiba lebih awal dari tanggal perjalanan yang sudah "
                        "tercatat di kasus (%(date)s)."
                    )
                    % {"date": date_format(earlier, "SHORT_DATE_FORMAT")},
                )
                break
    clean["reached_on"] = reached_on

    organisation = data.get("organisation")
    if isinstance(organisation, Organisation):
        organisation = organisation.pk
    clean["organisation"] = None
    if organisation not in (None, ""):
        pk = as_id(organisation)
        clean["organisation"] = (
            Organisation.objects.filter(pk=pk, is_active=True).first() if pk else None
        )
        if clean["organisation"] is None:
            err("organisation", _("Organisasi tidak dikenal."))
    chosen = clean["organisation"]
    if recipient is not None and "organisation" not in errors and chosen != recipient:
        err(
            "organisation",
            _("Organisasi Anda hanya bisa mencatat tahap yang ditanganinya sendiri."),
        )

    limits = STAGE_LIMITS
    party = str(data.get("responsible_party") or "").strip()
    if len(party) > limits["responsible_party"]:
        err(
            "responsible_party",
            _("Paling banyak %(n)d karakter.") % {"n": limits["responsible_party"]},
        )
    clean["responsible_party"] = party

    cost: int | None = None
    if data.get("cost_idr") not in (None, ""):
        try:
            cost = _as_cost(data["cost_idr"])
        except (ValueError, TypeError):
            err("cost_idr", _("Biaya harus bilangan bulat dalam Rupiah, tanpa titik atau koma."))
        else:
            if cost < 0:
                err("cost_idr", _("Biaya tidak boleh negatif."))
            elif cost > MAX_COST_IDR:
                err("cost_idr", _("Biaya terlalu besar. Periksa lagi angkanya."))
    clean["cost_idr"] = cost

    payer = str(data.get("cost_payer") or "").strip()
    if payer and payer not in reference.payer_codes():
        err("cost_payer", _("Pilihan tidak dikenal: %(value)s") % {"value": payer})
    elif not payer and cost:
        err("cost_payer", _("Pilih siapa yang membayar biaya ini."))
    clean["cost_payer"] = payer

    note = str(data.get("note") or "").strip()
    if len(note) > limits["note"]:
        err("note", _("Catatan paling banyak %(n)d karakter.") % {"n": limits["note"]})
    elif note and (case.person.erased_at or case.person.data_key.destroyed_at):
        err("note", _("Data pribadi orang ini sudah dihapus; catatan tidak dapat disimpan."))
    clean["note"] = note

    if errors:
        raise ValidationError(errors)
    return clean
