"""Sealing and opening the free text of goals, follow-ups and services.

The text is encrypted under the person's data key and bound to the row (``assistance.goal:7``),
so a ciphertext copied to another row does not open. Empty text is stored empty.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

from waspada.cases.models import Case
from waspada.privacy import services as privacy


def context_for(obj: models.Model) -> str:
    return f"assistance.{obj._meta.model_name}:{obj.pk}"


def is_erased(case: Case) -> bool:
    data_key = case.person.data_key
    return data_key.destroyed_at is not None or not data_key.wrapped


def ensure_sealable(case: Case, field: str, text: str) -> None:
    """Refuse new text for a person whose data was erased (there is no key to seal it with)."""
    if text and is_erased(case):
        raise ValidationError({field: [_("Data pribadi orang ini sudah dihapus.")]})


def seal_text(case: Case, obj: models.Model, text: str) -> str:
    if not text:
        return ""
    return privacy.seal(case.person.data_key, {"note": text}, context=context_for(obj))


def open_text(case: Case, obj: models.Model, token: str) -> str | None:
    """The text, "" when none was written, or None when the person's data was erased."""
    if not token:
        return ""
    opened = privacy.open_sealed(case.person.data_key, token, context=context_for(obj))
    if opened is privacy.ERASED or not isinstance(opened, dict):
        return None
    return str(opened.get("note") or "")
