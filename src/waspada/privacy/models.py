"""Data keys of envelope encryption. One per protected subject (a person, a suspect, a file)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class DataKey(models.Model):
    # Empty once destroyed: whatever it encrypted can no longer be read (erasure).
    wrapped = models.TextField(_("kunci terbungkus"), blank=True)
    master_key_id = models.CharField(_("id kunci induk"), max_length=16, db_index=True)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    destroyed_at = models.DateTimeField(_("dimusnahkan"), null=True, blank=True)

    class Meta:
        verbose_name = _("kunci data")
        verbose_name_plural = _("kunci data")

    def __str__(self) -> str:
        return f"data key {self.pk} ({self.master_key_id})"
