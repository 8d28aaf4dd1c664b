"""The service directory and referrals of a case to another organisation."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from waspada.accounts.models import Organisation
from waspada.cases.models import Case


class ServiceOffering(models.Model):
    """One service an organisation offers, and where (the service directory)."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="service_offerings"
    )
    service_type = models.CharField(_("jenis layanan"), max_length=24)
    regions = models.CharField(
        _("wilayah"), max_length=200, blank=True, help_text=_("Provinsi atau kota, pisahkan koma")
    )
    description = models.CharField(_("keterangan"), max_length=300, blank=True)
    is_active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        ordering = ["organisation__name", "service_type"]
        verbose_name = _("layanan")
        verbose_name_plural = _("direktori layanan")

    def __str__(self) -> str:
        return f"{self.organisation}: {self.service_type}"


class ReferralStatus(models.TextChoices):
    PENDING = "pending", _("Menunggu jawaban")
    ACCEPTED = "accepted", _("Diterima")
    DECLINED = "declined", _("Ditolak")
    ENDED = "ended", _("Berakhir")


class EndCause(models.TextChoices):
    """Why a referral (and the access it gave) ended; ``cases.grants`` names the last three."""

    OWNER = "owner", _("Diakhiri organisasi pemilik kasus")
    CONSENT_WITHDRAWN = "consent_withdrawn", _("Korban menarik persetujuan berbagi data")
    CASE_CLOSED = "case_closed", _("Kasus ditutup")
    REVOKED = "revoked", _("Akses dicabut")


class Urgency(models.TextChoices):
    ROUTINE = "routine", _("Biasa (dalam seminggu)")
    SOON = "soon", _("Segera (dalam 2-3 hari)")
    URGENT = "urgent", _("Mendesak (hari ini)")


class Referral(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="referrals")
    from_organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    to_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="referrals_received"
    )
    service_type = models.CharField(_("jenis layanan"), max_length=24)
    status = models.CharField(
        _("status"), max_length=10, choices=ReferralStatus.choices, default=ReferralStatus.PENDING
    )
    # True when a supervisor sent it without recorded consent to share; the reason is sealed
    # with the person's key because it may describe them.
    consent_overridden = models.BooleanField(_("tanpa persetujuan (darurat)"), default=False)
    sealed_note = models.TextField(blank=True)
    urgency = models.CharField(
        _("urgensi"),
        max_length=8,
        choices=Urgency.choices,
        default=Urgency.ROUTINE,
        db_default=Urgency.ROUTINE,  # rows the bulk demo-data writer inserts without it
    )
    # What the person needs and whom to call about the referral, written by the sender, and
    # the receiver's reason for declining: both may describe the person, so both are sealed
    # with the person's key like the override reason.
    sealed_request = models.TextField(blank=True, default="", db_default="")
    sealed_decline_reason = models.TextField(blank=True, default="", db_default="")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    requested_at = models.DateTimeField(_("dikirim"), auto_now_add=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    responded_at = models.DateTimeField(_("dijawab"), null=True, blank=True)
    # Ending: when the recipient's access ends (may be later than now: the grace period after
    # a case is closed), why, who ended it, and the owner's reason sealed with the person's key.
    ended_at = models.DateTimeField(_("berakhir"), null=True, blank=True)
    end_cause = models.CharField(
        _("sebab berakhir"), max_length=20, choices=EndCause.choices, blank=True, db_default=""
    )
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    sealed_end_note = models.TextField(blank=True, db_default="")

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = _("rujukan")
        verbose_name_plural = _("rujukan")
        indexes = [models.Index(fields=["to_organisation", "status"])]

    def __str__(self) -> str:
        return f"referral {self.pk} of {self.case_id}"

    @property
    def turnaround_hours(self) -> float | None:
        if self.responded_at is None:
            return None
        return round((self.responded_at - self.requested_at).total_seconds() / 3600, 1)
