"""``{{ value|cell }}`` shows a dashboard cell; ``{{ table|bar_chart }}`` draws its chart."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import SafeString

from waspada.reports import charts

register = template.Library()


@register.filter
def cell(value: Any) -> str:
    return charts.display(value)


@register.filter
def abs_cell(value: Any) -> str:
    """A change shown without its sign (the words say up or down)."""
    return charts.display(abs(value) if isinstance(value, int | float) else value)


@register.filter
def signed_pct(value: float) -> str:
    """A percentage change with its sign, in the active language's number format."""
    return ("+" if value > 0 else "") + charts.display(float(value)) + "%"


@register.filter
def bar_chart(table: dict[str, Any]) -> SafeString:
    """Bars per row; a monthly trend table gets columns per month instead."""
    if table.get("trend"):
        return charts.month_chart(table)
    return charts.bar_chart(table)
