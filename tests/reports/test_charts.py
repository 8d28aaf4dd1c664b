"""The server-side SVG bar charts."""

from __future__ import annotations

import re

from django.utils import translation

from waspada.reports.charts import bar_chart


def _table(rows: list[list[object]]) -> dict[str, object]:
    return {
        "title": "Menurut negara tujuan",
        "columns": [{"key": "country", "label": "Negara"}, {"key": "people", "label": "Orang"}],
        "chart": "people",
        "rows": rows,
    }


def test_labels_are_shown_whole_and_numbers_grouped_per_language() -> None:
    rows = [["Nusa Tenggara Barat", 19], ["Kepulauan Bangka-Belitung", 12345], ["Laos", "<11"]]
    with translation.override("id"):
        svg = str(bar_chart(_table(rows)))
    texts = re.findall(r"<text [^>]*>([^<]*)</text>", svg)
    assert texts == ["Nusa Tenggara Barat", "19", "Kepulauan Bangka-Belitung", "12.345",
                     "Laos", "&lt;11"]  # fmt: skip
    with translation.override("en"):
        assert ">12,345</text>" in str(bar_chart(_table(rows)))


def test_bars_scale_to_the_largest_value_and_suppressed_cells_get_none() -> None:
    svg = str(bar_chart(_table([["Kamboja", 200], ["Myanmar", 100], ["Laos", "<11"]])))
    widths = [float(width) for width in re.findall(r'<rect [^>]*width="([0-9.]+)"', svg)]
    assert widths == [250.0, 125.0]  # WIDTH 320 - value 70 = 250 for the top bar
    assert "&lt;11</text>" in svg


def test_no_chart_without_rows() -> None:
    assert str(bar_chart(_table([]))) == ""
