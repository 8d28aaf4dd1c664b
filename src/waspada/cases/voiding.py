"""Records of a case entered by mistake are voided, never deleted.

One pattern for every such record (a repatriation stage, a service delivered, a follow-up):
the row stays in the history with who voided it, when and why, the reason sealed with the
person's data key (it may describe the person); the default manager hides voided rows, so every
count, list and dashboard that reads ``Model.objects`` leaves them out, while ``all_objects``
still reads the history. The apps keep their own permission check and audit event.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from waspada.privacy import services as privacy
from waspada.validation import FieldErrors

VOID_REASON_LIMIT = 1000


class ActiveManager(models.Manager[Any]):
    """Rows not voided: what every read of the records counts."""

    def get_queryset(self) -> models.QuerySet[Any]:
        return super().get_queryset().filter(voided_at__isnull=True)


class Voidable(models.Model):
    """Adds the void columns and the two managers (``objects``: standing rows only)."""

    voided_at = models.DateTimeField(gettext_lazy("dibatalkan"), null=True, blank=True)
    voided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    sealed_void_reason = models.TextField(blank=True, default="", db_default="")

    objects = ActiveManager()
    all_objects = models.Manager()  # noqa: DJ012  (the history, voided rows included)

    class Meta:
        abstract = True
        base_manager_name = "all_objects"

    @property
    def is_voided(self) -> bool:
        return self.voided_at is not None


def _context(obj: models.Model) -> str:
    return f"{obj._meta.app_label}.{obj._meta.model_name}.void:{obj.pk}"


def check_void(obj: Voidable, reason: str, *, missing: str = "") -> str:
    """The reason, stripped; a ValidationError naming ``reason`` (``missing`` is the message
    when it is empty), or ``voided_at`` when the record is already voided. Nothing is written."""
    errors = FieldErrors()
    reason = str(reason or "").strip()
    if not reason:
        errors.add("reason", missing or _("Tuliskan alasan pembatalan."))
    elif len(reason) > VOID_REASON_LIMIT:
        errors.add("reason", _("Paling banyak %(n)d karakter.") % {"n": VOID_REASON_LIMIT})
    if obj.voided_at is not None:
        errors.add("voided_at", _("Data ini sudah dibatalkan."))
    errors.raise_if_any()
    return reason


def mark_voided(obj: Voidable, *, actor: Any, reason: str, data_key: Any) -> None:
    """Mark ``obj`` voided by ``actor`` with ``reason`` (already checked) sealed under
    ``data_key``. Call inside the caller's transaction, before its audit event."""
    obj.voided_at = timezone.now()
    obj.voided_by = actor
    obj.sealed_void_reason = privacy.seal(data_key, {"reason": reason}, context=_context(obj))
    obj.save(update_fields=["voided_at", "voided_by", "sealed_void_reason"])


def void_reason(obj: Voidable, data_key: Any) -> str | None:
    """The reason in clear; "" when none; None when the person's data was erased."""
    if not obj.sealed_void_reason:
        return ""
    opened = privacy.open_sealed(data_key, obj.sealed_void_reason, context=_context(obj))
    if not isinstance(opened, dict):
        return None
    return str(opened.get("reason", ""))
