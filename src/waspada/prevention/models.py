"""Texts that members of the public chose to share for review after screening them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReviewLabel(models.TextChoices):
    SCAM = "scam", _("Penipuan / berisiko perdagangan orang")
    LEGITIMATE = "legitimate", _("Sah")
    UNSURE = "unsure", _("Belum yakin")


class SharedOffer(models.Model):
    """A screened text shared with consent; reviewers label it to improve the model."""

    text = models.TextField(_("teks"))
    language = models.CharField(_("bahasa"), max_length=8, blank=True)
    risk = models.FloatField(_("risiko"))
    verdict = models.CharField(_("hasil"), max_length=8)
    indicator_codes = models.JSONField(_("tanda bahaya"), default=list, blank=True)
    model_version = models.CharField(_("versi model"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("dikirim"), auto_now_add=True, db_index=True)
    # Keyed index of the sender's address (never the address), for independent-source counts.
    client_index = models.CharField(max_length=64, blank=True)
    label = models.CharField(
        _("label"), max_length=12, choices=ReviewLabel.choices, blank=True, db_index=True
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ditinjau oleh"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("ditinjau"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("teks yang dibagikan")
        verbose_name_plural = _("teks yang dibagikan")

    def __str__(self) -> str:
        return f"#{self.pk} {self.verdict}"


class ScreeningCount(models.Model):
    """How many texts were screened per day, channel and verdict. No text is kept here."""

    class Channel(models.TextChoices):
        WEB = "web", _("Halaman Cek Lowongan")
        API = "api", _("API")

    day = models.DateField(_("tanggal"))
    channel = models.CharField(_("saluran"), max_length=8, choices=Channel.choices)
    verdict = models.CharField(_("hasil"), max_length=8)
    count = models.PositiveIntegerField(_("jumlah"), default=0)

    class Meta:
        verbose_name = _("jumlah pemeriksaan")
        verbose_name_plural = _("jumlah pemeriksaan")
        constraints = [
            models.UniqueConstraint(
                fields=["day", "channel", "verdict"], name="prevention_count_unique_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.channel} {self.verdict}: {self.count}"
