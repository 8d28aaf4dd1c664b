"""In-app notifications, each user's delivery preferences, and what organisations make mandatory.

A notification stores its *kind* and a few parameters (a case code, a date, a number), never
free text: its sentence is made when shown, in the reader's language, from the kind's template
(``kinds.text``). So no name or other personal data can reach the list or an e-mail.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from waspada.accounts.models import Organisation


class Kind(models.TextChoices):
    CASE_ASSIGNED = "case_assigned", _("Kasus ditugaskan kepada saya")
    REFERRAL_RECEIVED = "referral_received", _("Rujukan ke organisasi saya")
    DECISION_AWAITING = "decision_awaiting", _("Keputusan menunggu persetujuan saya")
    HEARING_SOON = "hearing_soon", _("Sidang yang akan datang")
    LEGAL_STAGE_CHANGED = "legal_stage_changed", _("Tahap perkara yang dibagikan berubah")
    FOLLOW_UP_DUE = "follow_up_due", _("Tindak lanjut jatuh tempo")
    REFERRAL_UNANSWERED = "referral_unanswered", _("Rujukan belum dijawab")
    WEEKLY_SUMMARY = "weekly_summary", _("Ringkasan mingguan (supervisor)")
    ALERT = "alert", _("Peringatan atas hal yang saya pantau")


class Delivery(models.TextChoices):
    IMMEDIATE = "immediate", _("Segera")
    DIGEST = "digest", _("Ringkasan harian")
    OFF = "off", _("Tidak lewat e-mail")


class EmailState(models.TextChoices):
    NONE = "none", _("Tanpa e-mail")
    PENDING = "pending", _("Menunggu dikirim")
    DIGEST = "digest", _("Masuk ringkasan harian")
    SENDING = "sending", _("Sedang dikirim")
    SENT = "sent", _("Terkirim")


class Notification(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("jenis"), max_length=24, choices=Kind.choices)
    params = models.JSONField(default=dict, blank=True)
    link = models.CharField(_("tautan"), max_length=300, blank=True)
    # One notification per user and key (a reminder sent once however often the job runs).
    key = models.CharField(max_length=120, blank=True)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    read_at = models.DateTimeField(_("dibaca"), null=True, blank=True)
    email = models.CharField(max_length=8, choices=EmailState.choices, default=EmailState.NONE)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notifikasi")
        verbose_name_plural = _("notifikasi")
        indexes = [
            models.Index(fields=["user", "-created_at"]),
            models.Index(fields=["user", "read_at"]),
            models.Index(fields=["email"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "key"], condition=~Q(key=""), name="notification_once_per_key"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind}#{self.pk}"


class Preference(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_prefs"
    )
    kind = models.CharField(max_length=24, choices=Kind.choices)
    delivery = models.CharField(max_length=10, choices=Delivery.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="notification_pref_once")
        ]

    def __str__(self) -> str:
        return f"{self.kind}: {self.delivery}"


class MandatoryKind(models.Model):
    """An organisation's rule: its users get this kind by e-mail at once, whatever they chose."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="mandatory_notifications"
    )
    kind = models.CharField(_("jenis"), max_length=24, choices=Kind.choices)

    class Meta:
        verbose_name = _("notifikasi wajib")
        verbose_name_plural = _("notifikasi wajib")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "kind"], name="mandatory_kind_once")
        ]

    def __str__(self) -> str:
        return self.kind
