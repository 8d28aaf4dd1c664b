"""The headline figures at the top of the 3P dashboard, with the change against the previous
period of the same length.

One source of truth: every number is a cell of the built tables (``tables.build``), the same
cell the tables below, the API and the downloads show, so small-cell and complementary
suppression apply unchanged. A change is computed only between two published numbers (a
hidden "<11" or "≥11" has none), so it reveals nothing the two periods' tables do not.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from django.utils.translation import gettext as _

from waspada.reports import tables
from waspada.reports.scope import MIN_YEAR, DashboardFilters
from waspada.reports.selectors import dashboard_figures

# (section, table key, row index or -1 for the total row, column key)
HEADLINES: tuple[tuple[str, str, int, str], ...] = (
    ("prevention", "screening", -1, "screened"),
    ("prevention", "screening", -1, "flagged"),
    ("protection", "victims_by_year", -1, "identified"),
    ("protection", "repatriated_by_year", -1, "people"),
    ("prosecution", "legal_funnel", 0, "legal_cases"),
    ("prosecution", "legal_funnel", 3, "legal_cases"),
)


def _labels() -> dict[tuple[str, int, str], str]:
    return {
        ("screening", -1, "screened"): _("Lowongan diperiksa"),
        ("screening", -1, "flagged"): _("Ditandai berisiko"),
        ("victims_by_year", -1, "identified"): _("Korban atau kemungkinan korban"),
        ("repatriated_by_year", -1, "people"): _("Orang dipulangkan"),
        ("legal_funnel", 0, "legal_cases"): _("Perkara dilaporkan"),
        ("legal_funnel", 3, "legal_cases"): _("Perkara dengan putusan bersalah"),
    }


def previous_period(filters: DashboardFilters) -> DashboardFilters | None:
    """The period of the same length just before ``filters`` (None before 2000)."""
    span = filters.year_to - filters.year_from + 1
    start = filters.year_from - span
    if start < MIN_YEAR:
        return None
    return replace(filters, year_from=start, year_to=filters.year_from - 1)


def _cell(figures: dict[str, Any], key: str, row: int, column: str) -> Any:
    table = tables.find(figures, key)
    cells = table["total"] if row == -1 else table["rows"][row]
    if not cells:
        return 0
    return cells[[c["key"] for c in table["columns"]].index(column)]


def _number(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def headlines(current: dict[str, Any], previous: dict[str, Any] | None) -> list[dict[str, Any]]:
    """Per P, its headline figures: ``value`` and ``previous`` as published, ``change``
    (the difference) and ``change_pct`` when both are published numbers."""
    labels = _labels()
    sections = {s["key"]: {"key": s["key"], "title": s["title"], "figures": []}
                for s in current["sections"]}  # fmt: skip
    for section, key, row, column in HEADLINES:
        value = _cell(current, key, row, column)
        before = _cell(previous, key, row, column) if previous else None
        now, then = _number(value), _number(before)
        change = now - then if now is not None and then is not None else None
        pct = round(100 * change / then, 1) if change is not None and then else None
        sections[section]["figures"].append(
            {"key": f"{key}.{column}.{row}", "label": labels[(key, row, column)],
             "value": value, "previous": before, "change": change, "change_pct": pct}
        )  # fmt: skip
    return list(sections.values())


def dashboard_headlines(
    *, viewer: Any, filters: DashboardFilters | None, figures: dict[str, Any]
) -> dict[str, Any]:
    """The headline row for ``figures`` (as ``dashboard_figures`` built them for ``viewer``):
    the previous period is built the same way, for the same viewer, organisation and
    province, so it is suppressed exactly as that period's own dashboard would be."""
    clean = DashboardFilters.coerce(filters)
    before = previous_period(clean)
    previous = dashboard_figures(viewer=viewer, filters=before) if before else None
    sections = headlines(figures, previous)
    # A P whose headlines were all 0 before had no record at all in that period (its records
    # had not begun): nothing to compare with, and "up 10 from 0" would mislead.
    for section in sections:
        section["previous_empty"] = previous is not None and all(
            figure["previous"] in (0, None) for figure in section["figures"]
        )
        if section["previous_empty"]:
            for figure in section["figures"]:
                figure.update(previous=None, change=None, change_pct=None)
    return {
        "previous": {"year_from": before.year_from, "year_to": before.year_to} if before else None,
        "previous_empty": all(section["previous_empty"] for section in sections),
        "sections": sections,
    }
