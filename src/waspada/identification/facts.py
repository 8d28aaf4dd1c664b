"""The facts behind an identification decision (MiMOSA screening and assistance interview;
HTCDS 2.0 event fields): the job and pay promised and found, the fees paid and to whom, the
visa, how the person got out and the risks on return, cross-checked against the case profile.

Codes and amounts are kept in clear (``Interview.facts``) for statistics and cross-checks; the
jobs described in words are sealed with the person's key (``Interview.sealed_facts``). The
lists are the versioned reference file ``data/facts.json``.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from waspada.cases.models import Case
from waspada.reference_data import ReferenceFile

_FILE = ReferenceFile(Path(__file__).resolve().parent / "data" / "facts.json")
choices = _FILE.choices
label = _FILE.label
codes = _FILE.codes
version = _FILE.version

# Amounts: (field, the largest plausible value).
AMOUNTS = (("promised_pay_usd", 100_000), ("actual_pay_usd", 100_000),
           ("fees_paid_idr", 10_000_000_000))  # fmt: skip
CHOICES = (("fees_paid_to", "fee_recipients"), ("visa_type", "visa_types"),
           ("exit_method", "exit_methods"))  # fmt: skip
SEALED = ("promised_job", "actual_job")
SEALED_LIMIT = 500
FIELDS = (*(f for f, _limit in AMOUNTS), *(f for f, _list in CHOICES), "return_risks", *SEALED)


def _amount(value: Any) -> int | None | str:
    """An amount typed with or without thousands separators; "" when not a whole number."""
    if value in (None, ""):
        return None
    text = str(value).strip().replace(".", "").replace(",", "").replace(" ", "")
    return int(text) if text.isdigit() else ""


def validate_facts(data: Mapping[str, Any], errors: dict[str, list[str]]) -> dict[str, Any]:
    """Clean facts from ``data`` (only the keys given); problems go into ``errors`` by field.
    Returns ``{"facts": {...clear...}, "sealed": {...words...}}``."""
    clear: dict[str, Any] = {}
    for field, limit in AMOUNTS:
        amount = _amount(data.get(field))
        if amount == "":
            errors[field] = [_("Tulis angka bulat saja, tanpa huruf.")]
        elif isinstance(amount, int) and amount > limit:
            errors[field] = [_("Jumlah ini tidak mungkin (paling banyak %(max)s).")
                             % {"max": f"{limit:,}".replace(",", ".")}]  # fmt: skip
        elif amount is not None:
            clear[field] = amount
    for field, list_name in CHOICES:
        value = str(data.get(field) or "")
        if value and value not in codes(list_name):
            errors[field] = [_("Pilihan tidak dikenal: %(value)s") % {"value": value}]
        elif value:
            clear[field] = value
    risks = data.get("return_risks") or []
    if isinstance(risks, str) or not all(isinstance(code, str) for code in risks):
        errors["return_risks"] = [_("Harus berupa daftar kode.")]
    else:
        unknown = [code for code in risks if code not in codes("return_risks")]
        if unknown:
            errors["return_risks"] = [
                _("Pilihan tidak dikenal: %(value)s") % {"value": ", ".join(unknown)}
            ]
        elif "none" in risks and len(risks) > 1:
            errors["return_risks"] = [_("'Tidak ada yang diketahui' tidak bisa dipilih bersama "
                                        "risiko lain.")]  # fmt: skip
        elif risks:
            clear["return_risks"] = [c for c in codes("return_risks") if c in risks]
    if clear.get("fees_paid_to") == "none" and clear.get("fees_paid_idr"):
        errors["fees_paid_idr"] = [_("Biaya tercatat, tetapi penerimanya 'Tidak membayar'.")]
    sealed: dict[str, str] = {}
    for field in SEALED:
        text = str(data.get(field) or "").strip()
        if len(text) > SEALED_LIMIT:
            errors[field] = [_("Paling banyak %(limit)d karakter (sekarang %(n)d).")
                             % {"limit": SEALED_LIMIT, "n": len(text)}]  # fmt: skip
        elif text:
            sealed[field] = text
    return {"facts": clear, "sealed": sealed}


def cross_check(facts: Mapping[str, Any], case: Case) -> list[str]:
    """Where the interview's facts and the case profile tell different stories: a note for
    the caseworker to reconcile one or the other, never a refusal."""
    notes: list[str] = []
    promised, actual = facts.get("promised_pay_usd"), facts.get("actual_pay_usd")
    control = set(case.means_of_control or [])
    if promised and actual is not None and actual < promised and "false_promises" not in control:
        notes.append(_("Gaji yang diterima lebih kecil dari yang dijanjikan, tetapi profil kasus "
                       "tidak mencatat 'Janji palsu' sebagai cara pengendalian."))  # fmt: skip
    if facts.get("exit_method") and not case.exited_on:
        notes.append(_("Wawancara mencatat cara keluar, tetapi tanggal keluar / diselamatkan "
                       "belum ada di profil kasus."))  # fmt: skip
    if facts.get("exit_method") == "ransom" and "ransom" not in control:
        notes.append(_("Orang ini ditebus, tetapi profil kasus tidak mencatat tebusan sebagai "
                       "cara pengendalian."))  # fmt: skip
    if facts.get("fees_paid_to") == "p3mi" and case.recruiter_kind not in ("p3mi", ""):
        notes.append(_("Biaya dibayar ke P3MI, tetapi jenis perekrut di profil kasus berbeda."))
    if facts.get("visa_type") == "work" and case.destination_country in ("KH", "MM"):
        notes.append(_("Visa kerja tercatat, padahal Kamboja dan Myanmar bukan negara penempatan "
                       "PMI: periksa dokumennya."))  # fmt: skip
    if "prosecution" in (facts.get("return_risks") or []) and not case.also_suspect:
        notes.append(_("Ada risiko dipidana, tetapi profil kasus belum menandai status ganda "
                       "korban sekaligus terlapor/tersangka."))  # fmt: skip
    return notes


def labelled(facts: Mapping[str, Any]) -> list[tuple[str, str]]:
    """(label, value) pairs of the clear facts recorded, for the interview page."""
    rows: list[tuple[str, str]] = []

    def money(value: int, unit: str) -> str:
        return f"{unit} {value:,}".replace(",", ".")

    if "promised_pay_usd" in facts:
        rows.append((_("Gaji yang dijanjikan"), money(facts["promised_pay_usd"], "USD")))
    if "actual_pay_usd" in facts:
        rows.append((_("Gaji yang sebenarnya diterima"), money(facts["actual_pay_usd"], "USD")))
    if "fees_paid_idr" in facts:
        rows.append((_("Biaya yang dibayar"), money(facts["fees_paid_idr"], "Rp")))
    names = {"fees_paid_to": _("Biaya dibayar kepada"), "visa_type": _("Jenis visa saat berangkat"),
             "exit_method": _("Cara keluar dari lokasi")}  # fmt: skip
    for field, list_name in CHOICES:
        if facts.get(field):
            rows.append((names[field], label(list_name, facts[field])))
    if facts.get("return_risks"):
        risks = ", ".join(label("return_risks", code) for code in facts["return_risks"])
        rows.append((_("Risiko saat kembali"), risks))
    return rows
