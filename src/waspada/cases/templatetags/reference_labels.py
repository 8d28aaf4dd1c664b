"""Template filters showing reference-list codes as labels in the visitor's language."""

from __future__ import annotations

from django import template

from waspada.cases import reference

register = template.Library()


@register.filter
def ref_label(code: str, list_name: str) -> str:
    return reference.label(list_name, code) if code else ""


@register.filter
def country(code: str) -> str:
    return reference.country_name(code) if code else ""
