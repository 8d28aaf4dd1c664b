"""The sentence of each kind of notification, made in the reader's language when shown.

Parameters are restricted to codes, dates and numbers (``ALLOWED``): ``notify`` refuses
anything else, so a notification (and the e-mail made from it) cannot carry a name.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from waspada.notifications.models import Kind

ALLOWED = {
    "code": re.compile(r"^[A-Z0-9][A-Z0-9-]{0,39}$"),
    "date": re.compile(r"^\d{4}-\d{2}-\d{2}$"),
    "days": re.compile(r"^\d{1,4}$"),
    "count": re.compile(r"^\d{1,7}$"),
}


def check_params(params: dict[str, Any]) -> dict[str, str]:
    clean = {}
    for name, value in params.items():
        pattern = ALLOWED.get(name)
        if pattern is None or not pattern.match(str(value)):
            raise ValueError(f"notification parameter {name!r} is not a code, date or number")
        clean[name] = str(value)
    return clean


def text(kind: str, params: dict[str, Any]) -> str:
    templates = {
        Kind.CASE_ASSIGNED: _("Kasus %(code)s ditugaskan kepada Anda."),
        Kind.REFERRAL_RECEIVED: _("Rujukan baru untuk organisasi Anda: kasus %(code)s."),
        Kind.DECISION_AWAITING: _(
            "Keputusan identifikasi kasus %(code)s menunggu persetujuan Anda."
        ),
        Kind.HEARING_SOON: _("Sidang perkara %(code)s pada %(date)s."),
        Kind.LEGAL_STAGE_CHANGED: _("Tahap perkara %(code)s yang dibagikan kepada Anda berubah."),
        Kind.FOLLOW_UP_DUE: _("Tindak lanjut kasus %(code)s jatuh tempo %(date)s."),
        Kind.REFERRAL_UNANSWERED: _("Rujukan kasus %(code)s belum dijawab selama %(days)s hari."),
        Kind.WEEKLY_SUMMARY: _("Ringkasan mingguan: %(count)s hal menunggu tim Anda."),
        Kind.ALERT: _("Peringatan baru pada %(code)s yang Anda pantau."),
    }
    template = templates.get(Kind(kind), "%(code)s") if kind in Kind.values else "%(code)s"
    values = {"code": "", "date": "", "days": "", "count": "", **params}
    values["date"] = _shown_date(str(values["date"]))
    return template % values


def _shown_date(value: str) -> str:
    """A date parameter (stored ISO) in the reader's date format ("4 Des 2026")."""
    try:
        return date_format(date.fromisoformat(value), "DATE_FORMAT")
    except ValueError:
        return value
