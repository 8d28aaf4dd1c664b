"""CSV and XLSX downloads of the dashboard's tables, and the annual report's PDF.

Exports are always suppressed (``suppression``), whatever the role, and every export is
audited as ``reports.export.created`` with the table, the format and the filters only.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from waspada.audit import services as audit
from waspada.downloads import FORMATS, ExportFile, table_file
from waspada.reports import tables
from waspada.reports.annual import annual_report_pdf
from waspada.reports.scope import DashboardFilters
from waspada.reports.selectors import figures_for


def _audit(actor: Any, request: HttpRequest | None, details: dict[str, Any]) -> None:
    audit.record(
        "reports.export.created", actor=actor, object_type="reports.dashboard",
        request=request, details=details,
    )  # fmt: skip


def table_export(
    *,
    actor: Any,
    filters: DashboardFilters,
    key: str,
    fmt: str,
    request: HttpRequest | None = None,
) -> ExportFile:
    """One table of the dashboard as a file, suppressed. Raises KeyError for an unknown
    table, ValueError for an unknown format, PermissionDenied without REPORTS_VIEW."""
    if fmt not in FORMATS:
        raise ValueError(fmt)
    figures = figures_for(viewer=actor, filters=filters, export=True)
    table = tables.find(figures, key)
    rows = tables.table_rows(table)
    _audit(
        actor, request,
        {"table": key, "format": fmt, "rows": len(rows) - 1, **figures["filters"]},
    )  # fmt: skip
    span = f"{filters.year_from}-{filters.year_to}"
    return table_file(f"waspada-{key}-{span}.{fmt}", fmt, rows, sheet_name=table["title"])


def annual_export(*, actor: Any, year: int, request: HttpRequest | None = None) -> ExportFile:
    """The annual report of ``year`` as a PDF (suppressed), audited."""
    content = annual_report_pdf(viewer=actor, year=year)
    _audit(actor, request, {"table": "annual_report", "format": "pdf", "year": year})
    return ExportFile(f"waspada-laporan-tahunan-{year}.pdf", "application/pdf", content)
