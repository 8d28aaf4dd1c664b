"""``{% evidence_section legal_case %}``: the evidence part of the legal case page."""

from __future__ import annotations

from typing import Any

from django import template

from waspada.evidence.selectors import can_list_legal_case, items_for_legal_case
from waspada.legal.selectors import can_manage_legal_case

register = template.Library()


@register.inclusion_tag("evidence/_section.html", takes_context=True)
def evidence_section(context: template.Context, legal_case: Any) -> dict[str, Any]:
    """Metadata of the items for those who may list them; the upload and export buttons
    for those who may handle them; a short note for everyone else (e.g. caseworkers)."""
    request = context.get("request")
    user = context.get("user") or getattr(request, "user", None)
    can_list = can_list_legal_case(user, legal_case)
    return {
        "legal_case": legal_case,
        "can_list": can_list,
        "can_manage": can_list and can_manage_legal_case(user, legal_case),
        "items": list(items_for_legal_case(legal_case)) if can_list else [],
        "request": request,
        "csrf_token": context.get("csrf_token"),
    }


@register.filter
def filesize(value: Any) -> str:
    """Bytes in B, KB or MB (numbers only, so nothing to translate)."""
    try:
        size = int(value)
    except (TypeError, ValueError):
        return ""
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size / (1024 * 1024):.1f} MB"
