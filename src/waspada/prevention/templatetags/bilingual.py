"""Pick the visitor's language from the engine's ``{"id": ..., "en": ...}`` texts."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import get_language

register = template.Library()


@register.filter
def in_language(value: Any) -> str:
    if isinstance(value, dict):
        language = (get_language() or "id")[:2]
        return str(value.get(language) or value.get("id") or value.get("en") or "")
    return "" if value is None else str(value)


@register.filter
def percent(value: Any) -> str:
    """A probability as a percentage that never claims certainty (no 0% or 100%)."""
    try:
        share = float(value) * 100
    except (TypeError, ValueError):
        return ""
    if share > 99:
        return "> 99%"
    if share < 1:
        return "< 1%"
    return f"{round(share)}%"
