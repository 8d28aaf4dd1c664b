"""Procedural facts read from ``data/procedure.json`` and ``data/articles.json``: what the
accused is called at each stage, whether a charged article fits the offence date, and when
an awarded restitution is due. Warnings, never refusals: the prosecutor decides."""

from __future__ import annotations

import json
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.utils import timezone
from django.utils.translation import gettext as _

from waspada.legal import reference
from waspada.legal.models import Stage, Verdict
from waspada.reference_data import active_language

if TYPE_CHECKING:
    from waspada.legal.models import Charge, LegalCase

DATA = Path(__file__).resolve().parent / "data" / "procedure.json"


@lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(DATA.read_text(encoding="utf-8"))
    return data


def kuhp_2026_in_force() -> date:
    return date.fromisoformat(_data()["kuhp_2026_in_force"])


def accused_label(legal_case: LegalCase) -> str:
    """Terlapor (report, inquiry) → tersangka (investigation) → terdakwa (prosecution and
    trial) → terpidana (a final conviction), as the reference file names them."""
    labels = _data()["accused_labels"]
    key = legal_case.stage
    if key == Stage.FINAL and legal_case.verdict == Verdict.CONVICTED:
        key = "final_convicted"
    entry = labels.get(key) or labels[Stage.REPORT.value]
    return str(entry[active_language()])


def charge_warnings(charge: Charge) -> list[str]:
    """Why the article may not fit the offence date: an article repealed when the 2026 KUHP
    took effect, charged for a later offence; or a 2026 KUHP article for an earlier one
    (KUHP Art. 1: no offence without a law in force at the time)."""
    entry = reference.article(charge.article_key)
    if entry is None or charge.offence_date is None:
        return []
    warnings = []
    until, since = entry.get("in_force_until"), entry.get("in_force_from")
    if until and charge.offence_date > date.fromisoformat(until):
        warnings.append(
            _("%(article)s sudah dicabut sejak KUHP 2026 berlaku (%(date)s), padahal tindak "
              "pidananya terjadi sesudahnya: dakwakan pasal penggantinya.")
            % {"article": f"{charge.instrument} {charge.article}", "date": since_text()}
        )  # fmt: skip
    if since and charge.offence_date < date.fromisoformat(since):
        warnings.append(
            _("%(article)s baru berlaku sejak %(date)s, padahal tindak pidananya terjadi "
              "sebelumnya: dakwakan pasal yang berlaku saat itu (KUHP Pasal 3: yang paling "
              "ringan bagi terdakwa).")
            % {"article": f"{charge.instrument} {charge.article}", "date": since_text()}
        )  # fmt: skip
    return warnings


def since_text() -> str:
    return kuhp_2026_in_force().isoformat()


def final_on(legal_case: LegalCase) -> date | None:
    """The day the judgment became final (the last move to the ``final`` stage)."""
    change = legal_case.stage_changes.filter(to_stage=Stage.FINAL).order_by("-changed_at").first()
    return timezone.localdate(change.changed_at) if change else None


def restitution_due(legal_case: LegalCase) -> date | None:
    """When an awarded restitution must be paid (UU 21/2007 Art. 50(1): within 14 days of the
    final judgment); None when nothing is awarded, it is paid, or the judgment is not final."""
    if not legal_case.restitution_awarded_idr or legal_case.restitution_paid_on:
        return None
    final = final_on(legal_case) if legal_case.stage == Stage.FINAL else None
    if final is None:
        return None
    return final + timedelta(days=int(_data()["restitution_payment_days"]))
