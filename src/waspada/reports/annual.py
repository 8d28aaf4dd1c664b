"""The annual report: the dashboard's figures for one year, as a PDF.

Always suppressed as for exports (``suppression``), whatever the role; scoped like the
dashboard (supervisors: their organisation; other viewers: all organisations).
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from waspada.reports import charts, tables
from waspada.reports.pdf import MARGIN, PAGE_WIDTH, Document, text_width
from waspada.reports.scope import DashboardFilters
from waspada.reports.selectors import figures_for

BAR_WIDTH = 200


def annual_figures(*, viewer: Any, year: int) -> dict[str, Any]:
    """The figures of ``year`` as printed (suppressed); PermissionDenied without the right."""
    return figures_for(
        viewer=viewer, filters=DashboardFilters.coerce({"year_from": year, "year_to": year}),
        export=True,
    )  # fmt: skip


def _fit(text: str, width: float, size: float) -> str:
    while text and text_width(text, size) > width:
        text = text[:-2] + "…" if len(text) > 2 else ""
    return text


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
        doc.ensure(14)
        doc.y -= 10
        x = float(MARGIN)
        for index, cell in enumerate(row):
            width = first if index == 0 else other
            text = charts.display(cell) if number else str(cell)
            doc.text(x, _fit(text, width - 4, 8), size=8, bold=number in bold_rows)
            x += width
        doc.y -= 4
    _bars(doc, table)
    doc.y -= 10


def _bars(doc: Document, table: dict[str, Any]) -> None:
    keys = [column["key"] for column in table["columns"]]
    if not table["chart"] or not table["rows"]:
        return
    index = keys.index(table["chart"])
    values = [(row[0], row[index]) for row in table["rows"]]
    numbers = [v for _l, v in values if isinstance(v, int | float) and not isinstance(v, bool)]
    top = max(numbers, default=0) or 1
    doc.y -= 4
    for label, value in values:
        doc.ensure(12)
        doc.y -= 9
        doc.text(MARGIN, _fit(str(label), 150, 7), size=7)
        if isinstance(value, int | float) and not isinstance(value, bool) and value > 0:
            doc.rect(MARGIN + 155, doc.y - 1, max(1.0, BAR_WIDTH * value / top), 7)
        doc.y -= 3


def annual_report_pdf(*, viewer: Any, year: int) -> bytes:
    """The annual report of ``year`` as PDF bytes (the same tables as the printable page)."""
    figures = annual_figures(viewer=viewer, year=year)
    title = _("Laporan tahunan Waspada %(year)d") % {"year": year}
    doc = Document(title=title)
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
        _("Dibuat %(when)s.") % {"when": timezone.localtime().strftime("%Y-%m-%d %H:%M")},
        size=9, gap=12,
    )  # fmt: skip
    for section in figures["sections"]:
        doc.ensure(60)
        doc.line(section["title"], size=15, bold=True, gap=8)
        for table in section["tables"]:
            _table(doc, table)
    return doc.render()
