"""A few clearly synthetic legal cases for the demo legal officer ``legal.lbh`` (idempotent).

Titles and suspects' names end in "(contoh)" so nobody mistakes them for real proceedings.
Stage changes are back-dated so the stage durations and the monitoring page show something.
The written dates are moved as one block so that the newest falls a few weeks before today
(open cases look like today, not years stale); offence dates stay before the 2026 KUHP took
effect, so the charges' articles remain the ones in force at the time.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from waspada.accounts.models import User
from waspada.cases.models import Case
from waspada.legal import records, services
from waspada.legal.models import LegalCase, StageChange

DEMO_USER = "legal.lbh"

DEMO_LEGAL_CASES: list[dict[str, Any]] = [
    {
        "fields": {
            "title": "Perekrutan ke Sihanoukville lewat Facebook (contoh)",
            "police_report_number": "LP/B/0000/IX/2022/DEMO", "police_unit": "Polda Jawa Barat",
            "police_report_date": date(2022, 9, 12), "court": "PN Cianjur (contoh)",
            "legal_aid_provider": "LBH Pelita Keadilan (demo)", "lawyer": "Tim advokat (contoh)",
            "lpsk_requested": True, "lpsk_granted": True,
            "restitution_requested_idr": 150_000_000, "restitution_requested_on": date(2023, 2, 1),
        },
        "charges": [("ptppo-4", date(2022, 6, 1)), ("ppmi-81", date(2022, 6, 1))],
        "suspects": [
            {"full_name": "Budi Santoso (contoh)", "nationality": "ID", "role": "recruiter"},
            {"full_name": "Tan (contoh)", "aliases": "Boss Tan", "role": "exploiter"},
        ],
        "stages": [
            ("investigation", date(2022, 10, 3)), ("p21", date(2023, 1, 16)),
            ("prosecution", date(2023, 2, 6)), ("trial", date(2023, 3, 1)),
            ("verdict", date(2023, 7, 20)), ("appeal", date(2023, 8, 2)),
        ],
        "verdict": {"verdict": "convicted", "verdict_date": date(2023, 7, 20),
                    "sentence_months": 84, "fine_idr": 200_000_000,
                    "restitution_awarded_idr": 80_000_000,
                    "restitution_awarded_on": date(2023, 7, 20),
                    "restitution_paid_idr": 20_000_000, "restitution_paid_on": date(2023, 9, 1)},
        "hearings": [(3, "PT Bandung (contoh)", "Putusan banding")],
    },
    {
        "fields": {
            "title": "Calo penempatan ke Myawaddy (contoh)",
            "police_report_number": "LP/B/0001/III/2023/DEMO",
            "police_unit": "Polda Sumatera Utara",
            "police_report_date": date(2023, 3, 1), "court": "PN Medan (contoh)",
        },
        "charges": [("ptppo-4", date(2022, 8, 1)), ("ppmi-83", date(2022, 8, 1))],
        "suspects": [{"full_name": "Rudi Hartono (contoh)", "nationality": "ID", "role": "broker"}],
        "stages": [
            ("investigation", date(2023, 3, 20)), ("p21", date(2023, 7, 3)),
            ("prosecution", date(2023, 7, 24)), ("trial", date(2023, 8, 14)),
        ],
        "hearings": [(5, "PN Medan (contoh)", "Pemeriksaan saksi korban"),
                     (19, "PN Medan (contoh)", "Tuntutan")],
    },
    {
        "fields": {
            "title": "Lowongan palsu customer service di Manila (contoh)",
            "police_report_number": "LP/B/0002/VI/2023/DEMO", "police_unit": "Bareskrim Polri",
            "police_report_date": date(2023, 6, 20),
        },
        "charges": [("ite-28-1", date(2023, 4, 10))],
        "suspects": [{"full_name": "Akun Telegram @kerja_cs (contoh)", "role": "recruiter"}],
        "stages": [("investigation", date(2023, 7, 10))],
        "hearings": [],
    },
]  # fmt: skip


# The newest written date lands this many days before today.
RECENT_DAYS = 45
# The day the 2026 KUHP took effect: demo offences stay before it.
KUHP_2026 = date(2026, 1, 2)


def _dates(value: Any) -> list[date]:
    if isinstance(value, date):
        return [value]
    if isinstance(value, dict):
        return [d for item in value.values() for d in _dates(item)]
    if isinstance(value, list | tuple):
        return [d for item in value for d in _dates(item)]
    return []


def _shift(value: Any, days: timedelta) -> Any:
    if isinstance(value, date):
        return value + days
    if isinstance(value, dict):
        return {key: _shift(item, days) for key, item in value.items()}
    if isinstance(value, list):
        return [_shift(item, days) for item in value]
    if isinstance(value, tuple):
        return tuple(_shift(item, days) for item in value)
    return value


def specs_today(today: date) -> list[dict[str, Any]]:
    """The demo legal cases with their dates moved so the newest is ``RECENT_DAYS`` before
    ``today``; offence dates are held before ``KUHP_2026``."""
    newest = max(d for spec in DEMO_LEGAL_CASES for d in _dates(spec))
    days = (today - timedelta(days=RECENT_DAYS)) - newest
    if days <= timedelta(0):
        return DEMO_LEGAL_CASES
    specs = []
    for spec in DEMO_LEGAL_CASES:
        moved = _shift(spec, days)
        moved["charges"] = [
            (key, min(on, KUHP_2026 - timedelta(days=1), moved["fields"]["police_report_date"]))
            for key, on in moved["charges"]
        ]
        specs.append(moved)
    return specs


def _backdate(legal_case: LegalCase, on: date) -> None:
    moment = timezone.make_aware(datetime.combine(on, time(9, 0)))
    last = legal_case.stage_changes.order_by("-changed_at", "-pk").first()
    if last is not None:
        StageChange.objects.filter(pk=last.pk).update(changed_at=moment)


def _load_one(user: User, spec: dict[str, Any]) -> LegalCase:
    legal_case = services.legal_case_create(actor=user, data=spec["fields"])
    first_day = spec["fields"]["police_report_date"]
    _backdate(legal_case, first_day)
    for key, offence_date in spec["charges"]:
        records.charge_add(
            actor=user,
            legal_case=legal_case,
            data={"article_key": key, "offence_date": offence_date},
        )
    for suspect in spec["suspects"]:
        records.suspect_add(actor=user, legal_case=legal_case, data=suspect)
    for stage, on in spec["stages"]:
        if stage == "verdict" and spec.get("verdict"):
            legal_case = services.legal_case_update(
                actor=user, legal_case=legal_case, data=spec["verdict"], version=legal_case.version
            )
        services.stage_change(
            actor=user,
            legal_case=legal_case,
            to_stage=stage,
            reason="Contoh perpindahan tahap (demo).",
            version=legal_case.version,
        )
        _backdate(legal_case, on)
    today = timezone.localdate()
    for days, court, agenda in spec["hearings"]:
        moment = datetime.combine(today + timedelta(days=days), time(10, 0))
        records.hearing_add(
            actor=user,
            legal_case=legal_case,
            data={"scheduled_at": moment, "court": court, "agenda": agenda},
        )
    return legal_case


def _link_one_victim(user: User, legal_case: LegalCase) -> None:
    """Link a demo victim's case only if the legal officer may see one (usually not)."""
    for code in Case.objects.filter(created_by__is_demo=True).values_list("code", flat=True):
        try:
            services.victim_case_link(actor=user, legal_case=legal_case, case_code=code)
        except ValidationError:
            continue
        return


def demo_legal_load() -> int:
    """Create the demo legal cases once (skipped when any exists); return how many were made."""
    user = User.objects.filter(username=DEMO_USER).first()
    if user is None or LegalCase.objects.filter(created_by=user).exists():
        return 0
    with transaction.atomic():
        specs = specs_today(timezone.localdate())
        created = [_load_one(user, spec) for spec in specs]
        _link_one_victim(user, created[0])
    return len(created)
