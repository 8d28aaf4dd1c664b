"""Append-only audit events, each chained to the previous one by a keyed hash."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEvent(models.Model):
    # seq is contiguous from 1, so a deleted row leaves a visible gap.
    seq = models.BigIntegerField(_("urutan"), unique=True)
    created_at = models.DateTimeField(_("waktu"))
    # Plain ids rather than foreign keys: an audit row must outlive the user or organisation.
    actor_id = models.BigIntegerField(_("pelaku"), null=True, blank=True)
    organisation_id = models.BigIntegerField(_("organisasi"), null=True, blank=True)
    action = models.CharField(_("tindakan"), max_length=100, db_index=True)
    object_type = models.CharField(_("jenis objek"), max_length=100, blank=True)
    object_id = models.CharField(_("id objek"), max_length=64, blank=True)
    ip = models.GenericIPAddressField(_("alamat IP"), null=True, blank=True)
    details = models.JSONField(_("rincian"), default=dict, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)
    # How ``hash`` was computed: 1 = SHA-256 (rows written before the chain was keyed),
    # 2 = HMAC-SHA256 under the audit key kept outside the database (waspada.audit.services).
    chain = models.PositiveSmallIntegerField(default=1)

    class Meta:
        ordering = ["seq"]
        verbose_name = _("peristiwa audit")
        verbose_name_plural = _("peristiwa audit")
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"#{self.seq} {self.action}"
