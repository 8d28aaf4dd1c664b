"""``{{ code|training_label:"topics" }}``: the label of a trainings reference code."""

from __future__ import annotations

from django import template

from waspada.trainings import reference

register = template.Library()


@register.filter
def training_label(code: str, list_name: str) -> str:
    return reference.label(list_name, code) if code else ""


@register.filter
def training_labels(codes: list[str], list_name: str) -> str:
    return ", ".join(reference.label(list_name, code) for code in codes or [])
