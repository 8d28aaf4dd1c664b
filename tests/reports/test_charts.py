"""The server-side SVG bar charts."""

from __future__ import annotations

import re

from waspada.reports.charts import bar_chart


def _table(rows: list[list[object]]) -> dict[str, object]:
    return {
        "title": "Menurut negara tujuan",
        "columns": [{"key": "country", "label": "Negara"}, {"key": "people", "label": "Orang"}],
        "chart": "people",
        "rows": rows,
    }


def test_long_labels_are_shortened_but_kept_whole_in_the_tooltip() -> None:
    rows = [["Nusa Tenggara Barat", 19], ["Nusa Tenggara Timur", 5], ["Kamboja", 291],
            ["Kepulauan Bangka-Belitung", 3]]  # fmt: skip
    svg = str(bar_chart(_table(rows)))
    assert "<title>Nusa Tenggara Barat</title>Nusa Ten… Barat</text>" in svg
    shown = re.findall(r"</title>([^<]*)</text>", svg)
    assert shown == ["Nusa Ten… Barat", "Nusa Ten… Timur", "Kamboja", "Kepulauan Bang…"]
    assert all(len(text) <= 15 for text in shown)


def test_bars_scale_to_the_largest_value_and_suppressed_cells_get_none() -> None:
    svg = str(bar_chart(_table([["Kamboja", 200], ["Myanmar", 100], ["Laos", "<11"]])))
    widths = [float(width) for width in re.findall(r'<rect [^>]*width="([0-9.]+)"', svg)]
    assert widths == [210.0, 105.0]  # WIDTH 400 - label 130 - value 60 = 210 for the top bar
    assert "&lt;11</text>" in svg


def test_no_chart_without_rows() -> None:
    assert str(bar_chart(_table([]))) == ""
