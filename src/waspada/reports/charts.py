"""Horizontal bar charts as inline SVG, drawn on the server (no JavaScript, no CDN).

A bar is drawn for each numeric cell; a suppressed cell ("<11") or a blank one gets no bar,
only its text, so a chart never shows more than its table does.
"""

from __future__ import annotations

from typing import Any

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WIDTH = 400
LABEL_WIDTH = 130
VALUE_WIDTH = 60
ROW = 28
BAR = 18
FILL = "#1d5f8a"


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def _text(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.1f}"
    return str(value)


def _short(label: Any, limit: int = 15) -> str:
    """A label that fits in LABEL_WIDTH at 14 px (about 8 px a character); the table view
    and the text's tooltip carry the whole label. The last word is kept when it is short,
    since it is often what tells two labels apart (Nusa Tenggara Barat / Timur)."""
    text = str(label)
    if len(text) <= limit:
        return text
    last = text.rsplit(" ", 1)[-1]
    if last != text and len(last) <= limit - 6:
        return text[: limit - len(last) - 2].rstrip() + "… " + last
    return text[: limit - 1] + "…"


def bar_chart(table: dict[str, Any]) -> SafeString:
    """The table's ``chart`` column as bars, one per row, labelled by the first column."""
    column = table.get("chart")
    keys = [c["key"] for c in table["columns"]]
    if not column or column not in keys or not table["rows"]:
        return SafeString("")
    index = keys.index(column)
    values = [(str(row[0]), row[index]) for row in table["rows"]]
    numbers = [n for _label, value in values if (n := _number(value)) is not None]
    top = max(numbers, default=0) or 1
    span = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    height = ROW * len(values) + 8
    title = escape(f"{table['title']}: {table['columns'][index]['label']}")
    parts = [
        f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'width="100%" role="img" aria-label="{title}" font-family="sans-serif" font-size="14">',
        f"<title>{title}</title>",
    ]
    for number, (label, value) in enumerate(values):
        y = 4 + number * ROW
        parts.append(
            f'<text x="{LABEL_WIDTH - 6}" y="{y + BAR - 3}" text-anchor="end">'
            f"<title>{escape(label)}</title>{escape(_short(label))}</text>"
        )
        amount = _number(value)
        length = 0 if amount is None else max(1.0, span * amount / top) if amount > 0 else 0
        if length:
            parts.append(
                f'<rect x="{LABEL_WIDTH}" y="{y}" width="{length:.1f}" height="{BAR}" '
                f'fill="{FILL}"/>'
            )
        parts.append(
            f'<text x="{LABEL_WIDTH + length + 4:.1f}" y="{y + BAR - 3}">'
            f"{escape(_text(value))}</text>"
        )
    parts.append("</svg>")
    # Every text placed in the SVG went through escape() above.
    return mark_safe("".join(parts))  # noqa: S308


def display(value: Any) -> str:
    """A cell as text (tables on the page and in the PDF)."""
    return _text(value)
