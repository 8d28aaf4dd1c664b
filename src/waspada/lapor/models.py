"""Public reports ("Lapor"): an SOS for someone trapped abroad, a suspicious recruiter or job
offer, or anything else; the messages staff leave for the reporter; attachments; and the
recruiter contacts extracted for matching.

What could identify a person (names, phones, places, free text, the reporter's contact, file
names) is sealed in ``PublicReport.sealed`` under the report's own data key
(``waspada.privacy``), like case data; files are encrypted under the same key. Only what the
triage queue and the dashboard need stays in clear: kind, priority and its reasons, the
ticked situations, the country, the reporter's province, dates and the outcome. Identifiers
used for matching are kept as keyed blind indexes.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from waspada.accounts.models import Organisation
from waspada.cases.models import Case
from waspada.privacy.models import DataKey


class ReportKind(models.TextChoices):
    SOS = "sos", _("SOS: orang terjebak di luar negeri")
    SUSPICIOUS_OFFER = "suspicious_offer", _("Lowongan atau perekrut mencurigakan")
    OTHER = "other", _("Hal lain / saya korban")


class ReportStatus(models.TextChoices):
    RECEIVED = "received", _("Diterima, menunggu petugas")
    IN_PROGRESS = "in_progress", _("Sedang ditangani petugas")
    CLOSED = "closed", _("Selesai ditangani")


class Outcome(models.TextChoices):
    CASE = "case", _("Dijadikan kasus")
    REFERRAL = "referral", _("Dirujuk ke organisasi lain")
    INTELLIGENCE = "intelligence", _("Dicatat sebagai informasi perekrutan")
    DUPLICATE = "duplicate", _("Sama dengan laporan lain")
    NOT_ACTIONABLE = "not_actionable", _("Tidak dapat ditindaklanjuti")


class Priority(models.TextChoices):
    URGENT = "urgent", _("Mendesak")
    HIGH = "high", _("Tinggi")
    NORMAL = "normal", _("Biasa")


class Channel(models.TextChoices):
    WEB = "web", _("Halaman web")
    API = "api", _("API")


class PublicReport(models.Model):
    tracking_code = models.CharField(_("kode laporan"), max_length=20, unique=True)
    kind = models.CharField(_("jenis laporan"), max_length=20, choices=ReportKind.choices)
    channel = models.CharField(_("saluran"), max_length=8, choices=Channel.choices)
    status = models.CharField(
        _("status"), max_length=12, choices=ReportStatus.choices, default=ReportStatus.RECEIVED
    )
    outcome = models.CharField(_("hasil"), max_length=16, choices=Outcome.choices, blank=True)
    priority = models.CharField(_("prioritas"), max_length=8, choices=Priority.choices)
    priority_rank = models.PositiveSmallIntegerField()  # 0 urgent, 1 high, 2 normal: sorting
    priority_reasons = models.JSONField(_("alasan prioritas"), default=list, blank=True)
    situations = models.JSONField(_("keadaan"), default=list, blank=True)
    country = models.CharField(_("negara"), max_length=2, blank=True)
    reporter_province = models.CharField(_("provinsi pelapor"), max_length=80, blank=True)
    seen_on = models.CharField(_("dilihat di"), max_length=16, blank=True)
    anonymous = models.BooleanField(_("pelapor anonim"), default=False)
    # Keyed index of the client address (never the address): recruitment intelligence counts
    # reports from distinct clients as independent sources.
    client_index = models.CharField(max_length=64, blank=True)

    data_key = models.ForeignKey(DataKey, on_delete=models.PROTECT, related_name="+")
    sealed = models.TextField(blank=True)
    person_phone_index = models.CharField(max_length=40, blank=True)
    person_name_birth_index = models.CharField(max_length=40, blank=True)
    person_name_index = models.CharField(max_length=40, blank=True)

    # The PIN is never stored: a keyed digest of code and PIN, and the failures since the
    # last success (after too many the code is locked for a while).
    pin_digest = models.CharField(max_length=64)
    pin_failures = models.PositiveSmallIntegerField(default=0)
    pin_locked_until = models.DateTimeField(null=True, blank=True)
    # Digest of the form's one-time token: a form sent twice (a double tap, a reload) makes
    # one report, not two.
    submission_digest = models.CharField(max_length=64, null=True, blank=True, unique=True)

    created_at = models.DateTimeField(_("diterima"), auto_now_add=True, db_index=True)
    first_response_at = models.DateTimeField(_("pertama ditanggapi"), null=True, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("ditangani oleh"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    claimed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    claimed_at = models.DateTimeField(_("diambil"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    closed_at = models.DateTimeField(_("ditutup"), null=True, blank=True)
    case = models.ForeignKey(
        Case,
        verbose_name=_("kasus"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="public_reports",
    )
    referred_to = models.ForeignKey(
        Organisation,
        verbose_name=_("dirujuk ke"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    referred_service = models.CharField(_("layanan rujukan"), max_length=24, blank=True)
    duplicate_of = models.ForeignKey(
        "self",
        verbose_name=_("sama dengan"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="duplicates",
    )
    # The reason a report was not actionable may describe people: sealed like the rest.
    sealed_close_reason = models.TextField(blank=True)
    erased_at = models.DateTimeField(_("dihapus"), null=True, blank=True)

    class Meta:
        ordering = ["priority_rank", "-created_at"]
        verbose_name = _("laporan publik")
        verbose_name_plural = _("laporan publik")
        indexes = [
            models.Index(fields=["status", "priority_rank", "created_at"], name="lapor_queue"),
            models.Index(fields=["person_phone_index"], name="lapor_person_phone"),
            models.Index(fields=["person_name_birth_index"], name="lapor_person_name_birth"),
        ]

    def __str__(self) -> str:
        return self.tracking_code  # never a name: str() ends up in logs


class ReportMessage(models.Model):
    """A staff note (internal) or a message the reporter reads on the status page."""

    report = models.ForeignKey(PublicReport, on_delete=models.CASCADE, related_name="messages")
    to_reporter = models.BooleanField(_("untuk pelapor"))
    sealed = models.TextField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("dikirim"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("pesan laporan")
        verbose_name_plural = _("pesan laporan")

    def __str__(self) -> str:
        return f"message {self.pk} of report {self.report_id}"


class ReportAttachment(models.Model):
    """A screenshot or PDF sent with a report: cleaned of metadata, then encrypted at rest
    under the report's key in ``DATA_DIR/lapor/``. The original file name is sealed."""

    report = models.ForeignKey(PublicReport, on_delete=models.CASCADE, related_name="attachments")
    content_type = models.CharField(max_length=60)
    extension = models.CharField(max_length=10)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    storage_name = models.CharField(max_length=64, unique=True)
    sealed = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"attachment {self.pk} of report {self.report_id}"


class ContactKind(models.TextChoices):
    PHONE = "phone", _("Telepon / WhatsApp")
    ACCOUNT = "account", _("Rekening bank / dompet digital")
    EMAIL = "email", _("Surel")
    HANDLE = "handle", _("Akun media sosial")
    LINK = "link", _("Tautan")
    COMPANY = "company", _("Nama perusahaan")


class ReportContact(models.Model):
    """One recruiter contact named in a report, normalised for matching across reports.

    Phones, accounts and e-mail addresses are kept only as blind indexes (``value_index``);
    handles, links and company names are public advertising and are kept in clear
    (``value``, normalised) so they can be searched and read.
    """

    report = models.ForeignKey(PublicReport, on_delete=models.CASCADE, related_name="contacts")
    kind = models.CharField(max_length=10, choices=ContactKind.choices)
    value_index = models.CharField(max_length=40, blank=True)
    value = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["pk"]
        indexes = [
            models.Index(fields=["kind", "value_index"], name="lapor_contact_index"),
            models.Index(fields=["kind", "value"], name="lapor_contact_value"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} contact of report {self.report_id}"
