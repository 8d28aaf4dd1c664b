"""Sentences that explain a proposed status, in the active language, from stored reasons."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.utils.translation import gettext as _

from waspada.identification import indicators
from waspada.identification.assessment import ACTUAL, POSSIBLE


def _labels(set_code: str, codes: Iterable[str]) -> str:
    return ", ".join(indicators.label(set_code, code) for code in codes)


def _sentence(reason: Mapping[str, Any]) -> str:
    condition, met, codes = reason["condition"], reason["met"], reason.get("codes") or []
    items = _labels("ilo" if condition == "ilo" else condition, codes)
    if condition == "process":
        return (
            _("Unsur proses terpenuhi: %(items)s.") % {"items": items}
            if met
            else _("Unsur proses belum ditemukan.")
        )
    if condition == "means":
        if codes:
            return _("Unsur cara terpenuhi: %(items)s.") % {"items": items}
        if met:
            return _(
                "Unsur cara tidak disyaratkan: orang ini berusia %(age)d tahun saat "
                "identifikasi (anak)."
            ) % {"age": reason.get("child_age") or 0}
        return _("Unsur cara belum ditemukan.")
    if condition == "purpose":
        return (
            _("Unsur tujuan (eksploitasi) terpenuhi: %(items)s.") % {"items": items}
            if met
            else _("Unsur tujuan (eksploitasi) belum ditemukan.")
        )
    return (
        _("Indikator kerja paksa ILO yang ditemukan: %(items)s.") % {"items": items}
        if met
        else _("Tidak ada indikator kerja paksa ILO yang ditemukan.")
    )


def conclusion(status: str) -> str:
    if status == ACTUAL:
        return _("Ketiga unsur terpenuhi, jadi sistem mengusulkan: korban.")
    if status == POSSIBLE:
        return _(
            "Ada unsur atau indikator, tetapi tidak ketiga unsur, jadi sistem mengusulkan: "
            "terindikasi korban TPPO."
        )
    return _(
        "Tidak ada unsur atau indikator yang ditemukan, jadi sistem mengusulkan: bukan korban."
    )


def reasons(stored: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """One entry per condition: ``met`` (bool), ``codes`` and the ``text`` to show."""
    return [
        {
            "condition": reason["condition"],
            "met": bool(reason["met"]),
            "codes": list(reason.get("codes") or []),
            "text": _sentence(reason),
        }
        for reason in stored
    ]
