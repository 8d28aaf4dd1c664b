"""``{{ code|campaign_label:"channels" }}``: the label of a campaigns reference code."""

from __future__ import annotations

from django import template

from waspada.campaigns import reference

register = template.Library()


@register.filter
def campaign_label(code: str, list_name: str) -> str:
    return reference.label(list_name, code) if code else ""
