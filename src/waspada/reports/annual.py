"""The annual report: the dashboard's figures for one year, as a PDF.

Always suppressed as for exports (``suppression``), whatever the role; scoped like the
dashboard (supervisors: their organisation; other viewers: all organisations).
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from waspada.reports import charts, tables
from waspada.reports.pdf import MARGIN, PAGE_WIDTH, Document
from waspada.reports.scope import DashboardFilters
from waspada.reports.selectors import figures_for

BAR_WIDTH = 200
ROW = 14  # points from one table row to the next
BAR_ROW = 12


def annual_figures(*, viewer: Any, year: int) -> dict[str, Any]:
    """The figures of ``year`` as printed (suppressed); PermissionDenied without the right."""
    return figures_for(
        viewer=viewer, filters=DashboardFilters.coerce({"year_from": year, "year_to": year}),
        export=True,
    )  # fmt: skip


def _fit(doc: Document, text: str, width: float, size: float, bold: bool = False) -> str:
    """``text`` cut with an ellipsis to fit in ``width`` points."""
    if doc.width(text, size=size, bold=bold) <= width:
        return text
    while text and doc.width(text + "…", size=size, bold=bold) > width:
        text = text[:-1]
    return text + "…" if text else ""


def _table(doc: Document, table: dict[str, Any]) -> None:
    rows = tables.table_rows(table)
    columns = len(rows[0])
    usable = PAGE_WIDTH - 2 * MARGIN
    first = usable * 0.4 if columns > 1 else usable
    other = (usable - first) / max(1, columns - 1)
    doc.ensure(40)
    doc.line(table["title"], size=12, bold=True, gap=6)
    if table["note"]:
        doc.line(table["note"], size=8, gap=4)
    bold_rows = {0, len(rows) - 1} if table["total"] else {0}
    for number, row in enumerate(rows):
        doc.ensure(ROW)
        x = float(MARGIN)
        bold = number in bold_rows
        for index, cell in enumerate(row):
            width = first if index == 0 else other
            text = _fit(doc, charts.display(cell) if number else str(cell), width - 4, 8, bold)
            # Figures are right-aligned in their column, the labels of the first one left.
            doc.text(x, text, size=8, bold=bold, width=width - 4, right=index > 0)
            x += width
        doc.y += ROW
    _bars(doc, table)
    doc.y += 10


def _bars(doc: Document, table: dict[str, Any]) -> None:
    keys = [column["key"] for column in table["columns"]]
    if not table["chart"] or not table["rows"]:
        return
    index = keys.index(table["chart"])
    values = [(row[0], row[index]) for row in table["rows"]]
    numbers = [v for _l, v in values if isinstance(v, int | float) and not isinstance(v, bool)]
    top = max(numbers, default=0) or 1
    doc.y += 4
    for label, value in values:
        doc.ensure(BAR_ROW)
        doc.text(MARGIN, _fit(doc, str(label), 150, 7), size=7)
        if isinstance(value, int | float) and not isinstance(value, bool) and value > 0:
            doc.rect(MARGIN + 155, doc.y + 1.5, max(1.0, BAR_WIDTH * value / top), 7)
        doc.y += BAR_ROW


def annual_report_pdf(*, viewer: Any, year: int) -> bytes:
    """The annual report of ``year`` as PDF bytes (the same tables as the printable page)."""
    figures = annual_figures(viewer=viewer, year=year)
    title = _("Laporan tahunan Waspada %(year)d") % {"year": year}
    doc = Document(title, language=get_language() or "")
    doc.line(title, size=18, bold=True, gap=8)
    organisation = getattr(getattr(viewer, "organisation", None), "name", "")
    scope = (
        _("Data organisasi %(name)s.") % {"name": organisation}
        if figures["filters"]["organisation"]
        else _("Data gabungan semua organisasi.")
    )
    doc.line(scope, size=9)
    doc.line(_("Jumlah orang 1 sampai 10 ditampilkan sebagai <11."), size=9)
    doc.line(
        _("Dibuat %(when)s.") % {"when": date_format(timezone.localtime(), "DATETIME_FORMAT")},
        size=9, gap=12,
    )  # fmt: skip
    for section in figures["sections"]:
        doc.ensure(60)
        doc.line(section["title"], size=15, bold=True, gap=8)
        for table in section["tables"]:
            _table(doc, table)
    return doc.render()
