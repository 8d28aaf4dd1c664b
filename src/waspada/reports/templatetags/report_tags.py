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
def bar_chart(table: dict[str, Any]) -> SafeString:
    return charts.bar_chart(table)
