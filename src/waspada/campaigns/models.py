"""Campaign and outreach activities (Prevention).

A campaign holds no personal data: only what was done, where, when, for whom and how many
people it reached (in total, and by sex where known).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from waspada.accounts.models import Organisation


class Campaign(models.Model):
    """The owning organisation ran the campaign: its managers edit it."""

    title = models.CharField(_("judul"), max_length=200)
    channel = models.CharField(_("saluran"), max_length=32)
    province = models.CharField(_("provinsi"), max_length=80)
    regency = models.CharField(_("kabupaten/kota"), max_length=80, blank=True)
    start_date = models.DateField(_("tanggal mulai"))
    end_date = models.DateField(_("tanggal selesai"))
    audience_type = models.CharField(_("jenis sasaran"), max_length=32)
    people_reached = models.PositiveIntegerField(_("jumlah orang terjangkau"))
    reached_female = models.PositiveIntegerField(_("perempuan"), null=True, blank=True)
    reached_male = models.PositiveIntegerField(_("laki-laki"), null=True, blank=True)
    materials = models.CharField(_("materi yang dipakai"), max_length=300, blank=True)
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisasi"), on_delete=models.PROTECT, related_name="+"
    )
    partners = models.ManyToManyField(
        Organisation, verbose_name=_("organisasi mitra"), blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-start_date", "-pk"]
        verbose_name = _("kampanye")
        verbose_name_plural = _("kampanye")
        indexes = [
            models.Index(fields=["start_date"]),
            models.Index(fields=["organisation", "start_date"]),
            models.Index(fields=["province", "start_date"]),
        ]

    def __str__(self) -> str:
        return f"campaign {self.pk}"
