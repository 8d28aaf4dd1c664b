"""Pick the visitor's language from the engine's ``{"id": ..., "en": ...}`` texts."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from waspada.screening.rules import indicator_titles

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


@register.filter
def flag_titles(codes: Any) -> list[str]:
    """Stored red-flag codes as their titles in the visitor's language; a code the current
    rules no longer know is shown as it was stored."""
    titles = indicator_titles()
    return [in_language(titles[code]) if code in titles else str(code) for code in codes or ()]


@register.filter
def verdict_label(verdict: Any) -> str:
    """``high``/``medium``/``low`` as words."""
    labels = {"high": _("Risiko tinggi"), "medium": _("Risiko sedang"), "low": _("Risiko rendah")}
    return str(labels.get(str(verdict), verdict))
