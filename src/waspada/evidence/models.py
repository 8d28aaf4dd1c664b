"""Evidence items and their chain of custody.

Each item belongs to exactly one legal case or one victim's case. The file itself is
encrypted at rest under the item's own data key (``waspada.privacy``); its SHA-256, size and
type stay in clear so integrity can be shown without decrypting. Free text that may name
people (the description, the original file name, who received the item and why) is sealed
under the same key.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from waspada.accounts.models import Organisation
from waspada.cases.models import Case
from waspada.legal.models import LegalCase
from waspada.privacy.models import DataKey


class EvidenceKind(models.TextChoices):
    AD_SCREENSHOT = "ad_screenshot", _("Tangkapan layar iklan lowongan")
    CHAT_SCREENSHOT = "chat_screenshot", _("Tangkapan layar percakapan")
    TRANSFER_RECEIPT = "transfer_receipt", _("Bukti transfer")
    TRAVEL_DOCUMENT = "travel_document", _("Dokumen perjalanan")
    AUDIO = "audio", _("Rekaman suara")
    VIDEO = "video", _("Video")
    DOCUMENT = "document", _("Dokumen lain")
    OTHER = "other", _("Lainnya")


class EvidenceItem(models.Model):
    legal_case = models.ForeignKey(
        LegalCase,
        verbose_name=_("perkara hukum"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="evidence_items",
    )
    case = models.ForeignKey(
        Case,
        verbose_name=_("kasus korban"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="evidence_items",
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisasi"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("jenis bukti"), max_length=20, choices=EvidenceKind.choices)
    content_type = models.CharField(_("tipe isi"), max_length=60)
    extension = models.CharField(_("ekstensi"), max_length=10)
    size = models.PositiveBigIntegerField(_("ukuran (bita)"))
    sha256 = models.CharField("SHA-256", max_length=64, db_index=True)
    data_key = models.ForeignKey(DataKey, on_delete=models.PROTECT, related_name="+")
    storage_name = models.CharField(max_length=64, unique=True)
    # Original file name and description: may name people, so sealed with the item's key.
    sealed = models.TextField(blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("diunggah"), auto_now_add=True, db_index=True)
    last_verified_at = models.DateTimeField(_("terakhir diverifikasi"), null=True, blank=True)
    last_verified_ok = models.BooleanField(_("hasil verifikasi terakhir"), null=True, blank=True)

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("barang bukti")
        verbose_name_plural = _("barang bukti")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(legal_case__isnull=False, case__isnull=True)
                    | models.Q(legal_case__isnull=True, case__isnull=False)
                ),
                name="evidence_item_exactly_one_case",
            )
        ]

    def __str__(self) -> str:
        return f"evidence {self.pk}"  # never the file name: str() ends up in logs

    @property
    def case_code(self) -> str:
        owner = self.legal_case if self.legal_case_id else self.case
        return owner.code if owner is not None else ""


class CustodyAction(models.TextChoices):
    UPLOADED = "uploaded", _("Diunggah")
    VIEWED = "viewed", _("Dilihat")
    DOWNLOADED = "downloaded", _("Diunduh")
    # The download began but did not deliver the whole file: it does not decrypt (altered) or
    # the client went away; ``details`` say which and how many bytes were sent.
    DOWNLOAD_FAILED = "download_failed", _("Gagal diunduh")
    HANDED_OVER = "handed_over", _("Diserahkan")
    VERIFIED = "verified", _("Diverifikasi")
    EXPORTED = "exported", _("Diekspor")


class CustodyEvent(models.Model):
    """One link of the chain of custody. Rows are only ever added."""

    item = models.ForeignKey(EvidenceItem, on_delete=models.PROTECT, related_name="custody")
    action = models.CharField(_("tindakan"), max_length=20, choices=CustodyAction.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(_("waktu"), auto_now_add=True, db_index=True)
    institution = models.CharField(_("instansi penerima"), max_length=200, blank=True)
    # Recipient's name and the reason of a hand-over: sealed with the item's key.
    sealed = models.TextField(blank=True)
    ok = models.BooleanField(_("cocok"), null=True, blank=True)  # verification result
    details = models.JSONField(default=dict, blank=True)  # never personal data

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("peristiwa lacak balak")
        verbose_name_plural = _("lacak balak")

    def __str__(self) -> str:
        return f"{self.item_id} {self.action}"
