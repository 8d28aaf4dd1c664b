"""The dashboard's figures on public reports (Lapor): by kind and year, by country, by the
reporter's province, by outcome, and the time to a first response against each priority's
target. One grouped query and one median query per priority; suppressed like every figure
about people (``suppression``), since each report concerns a person.

Scope: reports belong to the organisation that handled them (claimed them); an organisation
filter (or a supervisor's own scope) counts those only. The province filter is the reporter's
province, when the reporter gave it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.db.models import Count, DurationField, ExpressionWrapper, F, Q, QuerySet
from django.db.models.functions import ExtractYear
from django.utils import timezone
from django.utils.translation import gettext as _

from waspada import regions
from waspada.cases import reference as case_reference
from waspada.lapor import reference as lapor_reference
from waspada.lapor.models import Outcome, Priority, PublicReport, ReportKind
from waspada.reports.scope import DashboardFilters, Scope
from waspada.reports.suppression import derived, people

OPEN = "open"


@dataclass
class ReportFigures:
    by_year: dict[int, dict[str, int]] = field(default_factory=dict)  # year → kind → n
    by_country: dict[str, int] = field(default_factory=dict)
    by_province: dict[str, int] = field(default_factory=dict)
    by_outcome: dict[str, int] = field(default_factory=dict)
    by_priority: dict[str, dict[str, Any]] = field(default_factory=dict)  # n, answered, within


def _in_scope(scope: Scope, filters: DashboardFilters) -> QuerySet[PublicReport]:
    tz = timezone.get_current_timezone()
    start = timezone.make_aware(datetime(filters.year_from, 1, 1), tz)
    end = timezone.make_aware(datetime(filters.year_to + 1, 1, 1), tz)
    reports = PublicReport.objects.filter(created_at__gte=start, created_at__lt=end)
    if scope.organisation_id:
        reports = reports.filter(organisation_id=scope.organisation_id)
    if filters.province:
        # Reporters give the province by name; the filter is a Kemendagri code.
        reports = reports.filter(reporter_province__in=regions.spellings(filters.province))
    return reports


def _within_target() -> Q:
    """Answered no later than the priority's target (targets are reference data)."""
    condition = Q(pk__in=[])
    for level in Priority.values:
        hours = lapor_reference.target_hours(level)
        condition |= Q(
            priority=level, first_response_at__lte=F("created_at") + timedelta(hours=hours)
        )
    return condition


def _median_hours(reports: QuerySet[PublicReport], n: int) -> float | None:
    if n == 0:
        return None
    spans = (
        reports.filter(first_response_at__isnull=False)
        .annotate(span=ExpressionWrapper(F("first_response_at") - F("created_at"), DurationField()))
        .order_by("span")
        .values_list("span", flat=True)
    )
    middle = list(spans[(n - 1) // 2 : n // 2 + 1])
    if not middle:
        return None
    total = sum(middle, timedelta())
    return round(total.total_seconds() / len(middle) / 3600, 1)


def report_figures(scope: Scope, filters: DashboardFilters) -> ReportFigures:
    reports = _in_scope(scope, filters)
    rows = (
        reports.values_list(
            "kind", "country", "reporter_province", "outcome", "priority",
            ExtractYear("created_at"),
        )
        .annotate(
            n=Count("pk"),
            answered=Count("pk", filter=Q(first_response_at__isnull=False)),
            within=Count("pk", filter=_within_target()),
        )
        .order_by()
    )  # fmt: skip
    found = ReportFigures()
    by_year: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    by_country: dict[str, int] = defaultdict(int)
    by_province: dict[str, int] = defaultdict(int)
    by_outcome: dict[str, int] = defaultdict(int)
    by_priority: dict[str, dict[str, Any]] = {
        level: {"n": 0, "answered": 0, "within": 0} for level in Priority.values
    }
    for kind, country, province, outcome, priority, year, n, answered, within in rows:
        by_year[year][kind] += n
        by_country[country or ""] += n
        by_province[province or ""] += n
        by_outcome[outcome or OPEN] += n
        by_priority[priority]["n"] += n
        by_priority[priority]["answered"] += answered
        by_priority[priority]["within"] += within
    for level, counts in by_priority.items():
        counts["median"] = _median_hours(reports.filter(priority=level), counts["answered"])
    found.by_year = {year: dict(kinds) for year, kinds in by_year.items()}
    found.by_country, found.by_province = dict(by_country), dict(by_province)
    found.by_outcome, found.by_priority = dict(by_outcome), by_priority
    return found


def _table(
    key: str, title: str, columns: list[tuple[str, str]], rows: list[list[Any]], **extra: Any
) -> dict[str, Any]:
    return {
        "key": key,
        "title": title,
        "note": extra.get("note", ""),
        "columns": [{"key": k, "label": label} for k, label in columns],
        "rows": rows,
        "total": extra.get("total"),
        "chart": extra.get("chart"),
    }


def _share(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def _counted(
    key: str, title: str, label: str, items: list[tuple[str, int]], suppress: bool, note: str
) -> dict[str, Any]:
    rows = [[name, people(n, suppress=suppress)] for name, n in items]
    total = [_("Jumlah"), people(sum(n for _name, n in items), suppress=suppress)]
    return _table(
        key, title, [("label", label), ("reports", _("Laporan"))], rows,
        total=total if items else None, chart="reports", note=note,
    )  # fmt: skip


def report_tables(
    figures: ReportFigures, filters: DashboardFilters, suppress: bool
) -> list[dict[str, Any]]:
    """The tables of the dashboard's public-reports part (same shape as ``tables``)."""
    kinds = ReportKind.values
    year_rows, sums = [], dict.fromkeys(kinds, 0)
    for year in filters.years:
        counts = figures.by_year.get(year, {})
        for kind in kinds:
            sums[kind] += counts.get(kind, 0)
        year_rows.append(
            [year, *(people(counts.get(k, 0), suppress=suppress) for k in kinds),
             people(sum(counts.values()), suppress=suppress)]
        )  # fmt: skip
    total_row = [
        _("Jumlah"),
        *(people(sums[k], suppress=suppress) for k in kinds),
        people(sum(sums.values()), suppress=suppress),
    ]
    unknown = _("Tidak diisi")
    countries = sorted(figures.by_country.items(), key=lambda item: (-item[1], item[0]))
    provinces = sorted(figures.by_province.items(), key=lambda item: (-item[1], item[0]))
    outcomes = [
        (str(Outcome(code).label) if code != OPEN else _("Belum selesai"), n)
        for code, n in sorted(figures.by_outcome.items(), key=lambda item: (-item[1], item[0]))
    ]
    response_rows = []
    for level in Priority.values:
        counts = figures.by_priority.get(level, {"n": 0, "answered": 0, "within": 0})
        response_rows.append(
            [str(Priority(level).label), people(counts["n"], suppress=suppress),
             lapor_reference.target_hours(level),
             derived(counts.get("median"), basis=counts["answered"], suppress=suppress),
             derived(_share(counts["within"], counts["n"]), basis=counts["n"],
                     suppress=suppress)]
        )  # fmt: skip
    scope_note = _(
        "Menurut tahun diterima. Filter organisasi: laporan yang ditangani organisasi itu; "
        "filter provinsi: provinsi pelapor, bila diisi."
    )
    return [
        _table(
            "public_reports_by_year",
            _("Laporan publik dan SOS per tahun"),
            [
                ("year", _("Tahun")),
                *((k, str(ReportKind(k).label)) for k in kinds),
                ("reports", _("Jumlah laporan")),
            ],
            year_rows,
            total=total_row,
            chart="reports",
            note=scope_note,
        ),  # fmt: skip
        _counted(
            "public_reports_by_country",
            _("Laporan publik menurut negara"),
            _("Negara"),
            [(case_reference.country_name(c) if c else unknown, n) for c, n in countries],
            suppress,
            _("Negara tempat orang terjebak atau negara tujuan lowongan."),
        ),  # fmt: skip
        _counted(
            "public_reports_by_province",
            _("Laporan publik menurut provinsi pelapor"),
            _("Provinsi"),
            [(p or unknown, n) for p, n in provinces],
            suppress,
            "",
        ),  # fmt: skip
        _counted(
            "public_reports_outcome",
            _("Hasil penanganan laporan publik"),
            _("Hasil"),
            outcomes,
            suppress,
            "",
        ),  # fmt: skip
        _table(
            "public_reports_response",
            _("Tanggapan pertama atas laporan publik"),
            [
                ("priority", _("Prioritas")),
                ("reports", _("Laporan")),
                ("target_hours", _("Target (jam)")),
                ("median_hours", _("Median (jam)")),
                ("within_target_pct", _("Dalam target (%)")),
            ],
            response_rows,
            chart="reports",
            note=_("Tanggapan pertama: laporan diambil petugas, dibalas atau ditutup."),
        ),  # fmt: skip
    ]
