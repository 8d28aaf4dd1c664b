"""Template filters showing reference-list codes as labels in the visitor's language."""

from __future__ import annotations

from collections.abc import Iterable

from django import template
from django.utils.translation import gettext_lazy as _

from waspada.cases import reference

register = template.Library()


@register.filter
def ref_label(code: str, list_name: str) -> str:
    return reference.label(list_name, code) if code else ""


@register.filter
def country(code: str) -> str:
    return reference.country_name(code) if code else ""


# What a duplicate check matched on (blind-index names), as the viewer reads them.
_MATCHED = {
    "nik": _("NIK"),
    "passport": _("nomor paspor"),
    "phone": _("nomor telepon"),
    "name_birth": _("nama dan tanggal lahir"),
    "person_phone": _("nomor telepon"),
    "person_name_birth_year": _("nama dan tahun lahir"),
}


@register.filter
def matched_on(fields: Iterable[str]) -> str:
    """``("nik", "phone")`` as "NIK, nomor telepon" in the viewer's language."""
    return ", ".join(str(_MATCHED.get(field, field)) for field in fields)
