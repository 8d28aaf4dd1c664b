"""Input rules of agreements and release requests: the one source of truth for the pages, the
API and the command line. Each function returns clean values or raises ValidationError naming
the field; nothing is written before they pass."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from waspada.accounts.models import Organisation
from waspada.sharing import kanon, reference
from waspada.sharing.models import Agreement, ReleaseKind
from waspada.validation import YEAR_MAX, YEAR_MIN

EPSILON_MAX = 20.0
PARTNER_MAX, PURPOSE_MAX, REASON_MAX = 200, 2000, 2000


def _list(value: Any) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    return [str(part).strip() for part in value if str(part).strip()]


def validate_agreement(data: Mapping[str, Any]) -> dict[str, Any]:
    errors: dict[str, str] = {}
    partner = str(data.get("partner") or "").strip()
    purpose = str(data.get("purpose") or "").strip()
    if not partner:
        errors["partner"] = _("Isi nama mitra.")
    elif len(partner) > PARTNER_MAX:
        errors["partner"] = _("Paling banyak 200 karakter.")
    if not purpose:
        errors["purpose"] = _("Isi tujuan berbagi data.")
    elif len(purpose) > PURPOSE_MAX:
        errors["purpose"] = _("Paling banyak 2.000 karakter.")
    kinds = _list(data.get("kinds"))
    if not kinds:
        errors["kinds"] = _("Pilih paling sedikit satu jenis rilis.")
    elif any(kind not in ReleaseKind.values for kind in kinds):
        errors["kinds"] = _("Jenis rilis tidak dikenal.")
    tables = _list(data.get("tables"))
    if any(table not in reference.get("htcds_tables") for table in tables):
        errors["tables"] = _("Tabel HTCDS tidak dikenal.")
    personal = _list(data.get("personal_fields"))
    if any(name not in reference.get("htcds_personal_fields") for name in personal):
        errors["personal_fields"] = _("Data pribadi tidak dikenal.")
    valid_from, valid_to = data.get("valid_from"), data.get("valid_to")
    if not isinstance(valid_from, date):
        errors["valid_from"] = _("Isi tanggal mulai berlaku.")
    if not isinstance(valid_to, date):
        errors["valid_to"] = _("Isi tanggal akhir berlaku.")
    elif isinstance(valid_from, date) and valid_to < valid_from:
        errors["valid_to"] = _("Tanggal akhir sebelum tanggal mulai.")
    if ReleaseKind.HTCDS in kinds and not tables and "tables" not in errors:
        errors["tables"] = _("Rilis HTCDS membutuhkan paling sedikit satu tabel.")
    if errors:
        raise ValidationError(errors)
    return {
        "partner": partner,
        "purpose": purpose,
        "kinds": kinds,
        "tables": tables,
        "personal_fields": personal,
        "valid_from": valid_from,
        "valid_to": valid_to,
    }


def validate_covered(organisation_id: int | None, values: object) -> list[int]:
    """The organisations a platform agreement covers (ids of active organisations); empty for
    every organisation. A data owner's agreement covers its own cases only."""
    chosen = _list(values)
    if not chosen:
        return []
    if organisation_id is not None:
        raise ValidationError(
            {"covered_organisations": _("Pilihan organisasi hanya untuk perjanjian platform.")}
        )
    ids = {int(value) for value in chosen if str(value).strip().isdigit()}
    known = set(
        Organisation.objects.filter(pk__in=ids, is_active=True).values_list("pk", flat=True)
    )
    if len(ids) != len(set(map(str, chosen))) or known != ids:
        raise ValidationError({"covered_organisations": _("Organisasi tidak dikenal.")})
    return sorted(ids)


def agreement_valid_on(agreement: Agreement, day: date) -> None:
    """ValidationError on ``agreement`` unless it is in force on ``day``."""
    if day < agreement.valid_from:
        raise ValidationError(
            {
                "agreement": _("Perjanjian belum berlaku (mulai %(day)s).")
                % {"day": agreement.valid_from}
            }
        )
    if day > agreement.valid_to:
        raise ValidationError(
            {"agreement": _("Perjanjian sudah berakhir (%(day)s).") % {"day": agreement.valid_to}}
        )


def _number(value: Any, field: str, kind: type, message: str) -> Any:
    try:
        return kind(value)
    except (TypeError, ValueError):
        raise ValidationError({field: message}) from None


def validate_request(
    agreement: Agreement, data: Mapping[str, Any], *, today: date
) -> dict[str, Any]:
    """Clean parameters of a release under ``agreement`` (checked in force ``today``)."""
    agreement_valid_on(agreement, today)
    kind = str(data.get("kind") or "")
    if kind not in ReleaseKind.values:
        raise ValidationError({"kind": _("Jenis rilis tidak dikenal.")})
    if kind not in agreement.kinds:
        raise ValidationError({"kind": _("Perjanjian ini tidak mengizinkan jenis rilis ini.")})
    errors: dict[str, str] = {}
    year_from = _number(data.get("year_from") or YEAR_MIN, "year_from", int, _("Tahun tidak sah."))
    year_to = _number(data.get("year_to") or today.year, "year_to", int, _("Tahun tidak sah."))
    if not YEAR_MIN <= year_from <= YEAR_MAX:
        errors["year_from"] = _("Tahun tidak sah.")
    elif not YEAR_MIN <= year_to <= YEAR_MAX or year_to < year_from:
        errors["year_to"] = _("Tahun akhir harus sama dengan atau setelah tahun awal.")
    reason = str(data.get("reason") or "").strip()
    if len(reason) > REASON_MAX:
        errors["reason"] = _("Paling banyak 2.000 karakter.")
    parameters: dict[str, Any] = {}
    if kind == ReleaseKind.CTDC:
        k = _number(
            data.get("k") or reference.get("k_default"), "k", int, _("k harus bilangan bulat.")
        )
        if k < 2:
            errors["k"] = _("k paling kecil 2.")
        try:
            qis = kanon.resolve_qis(
                _list(data.get("quasi_identifiers")) or reference.get("qi_default"),
                columns=reference.get("ctdc_columns"),
                aliases=reference.get("qi_aliases"),
            )
        except kanon.KAnonError as exc:
            errors["quasi_identifiers"] = str(exc)
            qis = []
        parameters = {"k": k, "quasi_identifiers": qis}
    elif kind == ReleaseKind.SYNTHETIC:
        epsilon = _number(data.get("epsilon"), "epsilon", float, _("Epsilon harus angka."))
        if not 0 < epsilon <= EPSILON_MAX:
            errors["epsilon"] = _("Epsilon harus lebih dari 0 dan paling besar 20.")
        rows = data.get("rows")
        parameters = {"epsilon": epsilon}
        if rows not in (None, ""):
            rows = _number(rows, "rows", int, _("Jumlah baris harus bilangan bulat."))
            if not 1 <= rows <= reference.get("synthetic_max_rows"):
                errors["rows"] = _("Jumlah baris di luar batas.")
            parameters["rows"] = rows
    else:
        tables = _list(data.get("tables")) or list(agreement.tables)
        if any(table not in agreement.tables for table in tables):
            errors["tables"] = _("Perjanjian ini tidak mengizinkan tabel tersebut.")
        parameters = {"tables": tables, "personal_fields": list(agreement.personal_fields)}
    if errors:
        raise ValidationError(errors)
    return {
        "kind": kind,
        "year_from": year_from,
        "year_to": year_to,
        "reason": reason,
        "parameters": parameters,
    }
