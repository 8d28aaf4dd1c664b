"""One row per background job: what to run, where it stands, and how it ended.

The row is the job's single source of truth, whatever runs it (a Celery worker, a thread of
the web process, or the request itself): a worker that dies mid-way leaves the row *running*,
and the redelivered message runs it again; a finished row is never run twice.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from waspada.jobs import registry


class JobState(models.TextChoices):
    QUEUED = "queued", _("Menunggu")
    RUNNING = "running", _("Berjalan")
    DONE = "done", _("Selesai")
    FAILED = "failed", _("Gagal")


class Job(models.Model):
    kind = models.CharField(_("jenis"), max_length=60)
    params = models.JSONField(default=dict, blank=True)
    # Same key, same job: enqueueing it again returns the existing row (daily reminders…).
    key = models.CharField(max_length=120, unique=True, null=True, blank=True)
    state = models.CharField(
        _("status"), max_length=8, choices=JobState.choices, default=JobState.QUEUED
    )
    attempts = models.PositiveIntegerField(_("percobaan"), default=0)
    max_attempts = models.PositiveIntegerField(default=3)
    progress_done = models.PositiveIntegerField(default=0)
    progress_total = models.PositiveIntegerField(default=0)
    result = models.JSONField(default=dict, blank=True)
    error = models.TextField(_("galat"), blank=True)
    # Why it ran in the web process although a broker is configured (the broker was down).
    note = models.CharField(max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    started_at = models.DateTimeField(_("mulai"), null=True, blank=True)
    finished_at = models.DateTimeField(_("selesai"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("pekerjaan")
        verbose_name_plural = _("pekerjaan")
        indexes = [models.Index(fields=["state", "created_at"])]

    def __str__(self) -> str:
        return f"{self.kind}#{self.pk}"

    @property
    def label(self) -> str:
        return registry.label(self.kind)

    @property
    def percent(self) -> int:
        if self.state == JobState.DONE:
            return 100
        if not self.progress_total:
            return 0
        return min(100, self.progress_done * 100 // self.progress_total)
