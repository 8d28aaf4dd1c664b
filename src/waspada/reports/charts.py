"""Horizontal bar charts as inline SVG, drawn on the server (no JavaScript, no CDN).

A bar is drawn for each numeric cell; a suppressed cell ("<11") or a blank one gets no bar,
only its text, so a chart never shows more than its table does.
"""

from __future__ import annotations

from typing import Any

from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

WIDTH = 320
VALUE_WIDTH = 70
LABEL_LINE = 18  # the whole label sits on its own line above its bar: never cut
BAR = 16
ROW = LABEL_LINE + BAR + 10
FILL = "#1d5f8a"


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def _text(value: Any) -> str:
    """A cell in the active language's number format, thousands grouped (12.345 in
    Indonesian, 12,345 in English)."""
    if value is None:
        return "–"
    if isinstance(value, float):
        return number_format(value, decimal_pos=1, force_grouping=True)
    if isinstance(value, int) and not isinstance(value, bool):
        return number_format(value, force_grouping=True)
    return str(value)


def bar_chart(table: dict[str, Any]) -> SafeString:
    """The table's ``chart`` column as bars, one per row, each under its full label."""
    column = table.get("chart")
    keys = [c["key"] for c in table["columns"]]
    if not column or column not in keys or not table["rows"]:
        return SafeString("")
    index = keys.index(column)
    values = [(str(row[0]), row[index]) for row in table["rows"]]
    numbers = [n for _label, value in values if (n := _number(value)) is not None]
    top = max(numbers, default=0) or 1
    span = WIDTH - VALUE_WIDTH
    height = ROW * len(values) + 4
    title = escape(f"{table['title']}: {table['columns'][index]['label']}")
    parts = [
        f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'width="100%" role="img" aria-label="{title}" font-family="sans-serif" font-size="14">',
        f"<title>{title}</title>",
    ]
    for number, (label, value) in enumerate(values):
        y = 2 + number * ROW
        parts.append(f'<text x="0" y="{y + LABEL_LINE - 5}" fill="#1b1f24">{escape(label)}</text>')
        amount = _number(value)
        length = 0 if amount is None else max(1.0, span * amount / top) if amount > 0 else 0
        bar_y = y + LABEL_LINE
        if length:
            parts.append(
                f'<rect x="0" y="{bar_y}" width="{length:.1f}" height="{BAR}" fill="{FILL}"/>'
            )
        parts.append(
            f'<text x="{length + 4:.1f}" y="{bar_y + BAR - 3}" font-weight="bold">'
            f"{escape(_text(value))}</text>"
        )
    parts.append("</svg>")
    # Every text placed in the SVG went through escape() above.
    return mark_safe("".join(parts))  # noqa: S308


def display(value: Any) -> str:
    """A cell as text (tables on the page and in the PDF)."""
    return _text(value)


MONTH_HEIGHT = 110  # plot area of a monthly trend
MONTH_AXIS = 18  # the year labels under the columns


def month_chart(table: dict[str, Any]) -> SafeString:
    """A monthly trend as columns, one per month, the year written under its January; the
    highest month is labelled. A hidden cell ("<11", "–") gets no column, like ``bar_chart``."""
    column = table.get("chart")
    keys = [c["key"] for c in table["columns"]]
    periods = table.get("periods") or []
    if not column or column not in keys or not table["rows"] or len(periods) != len(table["rows"]):
        return SafeString("")
    index = keys.index(column)
    values = [_number(row[index]) for row in table["rows"]]
    top = max((v for v in values if v is not None), default=0)
    step = WIDTH / len(values)
    gap = min(1.0, step / 4)
    height = MONTH_HEIGHT + MONTH_AXIS + 16
    title = escape(f"{table['title']}: {table['columns'][index]['label']}")
    parts = [
        f'<svg class="chart trend" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} '
        f'{height}" width="100%" role="img" aria-label="{title}" font-family="sans-serif" '
        f'font-size="12">',
        f"<title>{title}</title>",
        f'<line x1="0" y1="{MONTH_HEIGHT + 16}" x2="{WIDTH}" y2="{MONTH_HEIGHT + 16}" '
        f'stroke="#5b6470" stroke-width="1"/>',
    ]
    peak = values.index(top) if top else None
    if peak is None:  # nothing to draw: say why instead of an empty frame
        parts.append(
            f'<text x="0" y="{MONTH_HEIGHT / 2:.0f}" fill="#1b1f24">'
            f"{escape(_('Tidak ada bulan dengan angka yang dapat ditampilkan.'))}</text>"
        )
    for number, (value, (year, month)) in enumerate(zip(values, periods, strict=True)):
        x = number * step
        if value:
            bar = max(1.0, MONTH_HEIGHT * value / top)
            parts.append(
                f'<rect x="{x + gap / 2:.1f}" y="{MONTH_HEIGHT + 16 - bar:.1f}" '
                f'width="{step - gap:.1f}" height="{bar:.1f}" fill="{FILL}"/>'
            )
        if number == peak:
            anchor = "end" if x > WIDTH * 0.8 else "start"
            parts.append(
                f'<text x="{x + step / 2:.1f}" y="12" text-anchor="{anchor}" '
                f'font-weight="bold" fill="#1b1f24">{escape(table["rows"][number][0])}: '
                f"{escape(_text(table['rows'][number][index]))}</text>"
            )
        if month == 1:
            parts.append(f'<text x="{x:.1f}" y="{height - 2}" fill="#1b1f24">{int(year)}</text>')
    parts.append("</svg>")
    # Every text placed in the SVG went through escape() above.
    return mark_safe("".join(parts))  # noqa: S308
