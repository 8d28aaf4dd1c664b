"""Data-sharing agreements, releases (the register), their downloads, and the privacy-budget
ledger. Every release is a record: who asked, under which agreement, for which cases, by which
method and parameters, which checks passed, who approved it (never the requester), the file's
SHA-256, and who downloaded it when."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from waspada.accounts.models import Organisation


class ReleaseKind(models.TextChoices):
    CTDC = "ctdc", _("CTDC, de-identifikasi k-anonim")
    SYNTHETIC = "synthetic", _("Data sintetis (privasi diferensial)")
    HTCDS = "htcds", _("HTCDS 2.0, catatan kasus")


class Agreement(models.Model):
    """A data-sharing agreement: with whom, what for, which releases, tables and personal
    fields it allows, and when it is valid. ``organisation`` is the data owner whose cases
    it covers; empty for a platform agreement, which covers the ``covered_organisations``'
    cases, or every organisation's when none is chosen."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisasi pemilik data"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    covered_organisations = models.ManyToManyField(
        Organisation,
        verbose_name=_("organisasi yang kasusnya dicakup"),
        blank=True,
        related_name="+",
    )
    partner = models.CharField(_("mitra"), max_length=200)
    purpose = models.TextField(_("tujuan"), max_length=2000)
    kinds = models.JSONField(_("jenis rilis yang diizinkan"), default=list)
    tables = models.JSONField(_("tabel HTCDS yang diizinkan"), default=list, blank=True)
    personal_fields = models.JSONField(_("data pribadi yang diizinkan"), default=list, blank=True)
    valid_from = models.DateField(_("berlaku dari"))
    valid_to = models.DateField(_("berlaku sampai"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("dicatat"), auto_now_add=True)

    class Meta:
        ordering = ["-valid_to", "pk"]
        verbose_name = _("perjanjian berbagi data")
        verbose_name_plural = _("perjanjian berbagi data")

    def __str__(self) -> str:
        return f"agreement {self.pk} ({self.partner})"

    def organisation_ids(self) -> list[int] | None:
        """The organisations whose cases the agreement covers; None: every organisation."""
        if self.organisation_id is not None:
            return [self.organisation_id]
        chosen = sorted(self.covered_organisations.values_list("pk", flat=True))
        return chosen or None


class ReleaseStatus(models.TextChoices):
    REQUESTED = "requested", _("Menunggu persetujuan")
    APPROVED = "approved", _("Disetujui, berkas siap")
    REFUSED = "refused", _("Ditolak")
    FAILED = "failed", _("Gagal dibuat")


class Release(models.Model):
    kind = models.CharField(_("jenis"), max_length=10, choices=ReleaseKind.choices)
    agreement = models.ForeignKey(Agreement, on_delete=models.PROTECT, related_name="releases")
    # The organisations whose cases are included are the agreement's (``organisation_ids``,
    # recorded in ``checks``); spent budget is booked to the agreement's organisation.
    year_from = models.PositiveSmallIntegerField(_("tahun dari"))
    year_to = models.PositiveSmallIntegerField(_("tahun sampai"))
    parameters = models.JSONField(_("parameter"), default=dict)
    status = models.CharField(
        _("status"), max_length=10, choices=ReleaseStatus.choices, default=ReleaseStatus.REQUESTED
    )
    # Empty only for the command line in demo mode (no approval either; recorded in checks).
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    requested_at = models.DateTimeField(_("diminta"), auto_now_add=True)
    reason = models.TextField(_("keperluan"), max_length=2000, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("diputuskan"), null=True, blank=True)
    checks = models.JSONField(_("pemeriksaan"), default=dict, blank=True)
    file_name = models.CharField(max_length=200, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    size = models.PositiveBigIntegerField(null=True, blank=True)
    rows = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = _("rilis data")
        verbose_name_plural = _("rilis data")

    def __str__(self) -> str:
        return f"release {self.pk} ({self.kind})"


class ReleaseDownload(models.Model):
    release = models.ForeignKey(Release, on_delete=models.PROTECT, related_name="downloads")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    channel = models.CharField(max_length=8)  # page, api, cli
    downloaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["downloaded_at", "pk"]

    def __str__(self) -> str:
        return f"download of release {self.release_id}"


class AppendOnlyError(RuntimeError):
    """A ledger entry cannot be changed or deleted: correct it with a new entry."""


class BudgetEntryKind(models.TextChoices):
    ALLOCATION = "allocation", _("Anggaran tahunan ditetapkan")
    SPEND = "spend", _("Dipakai oleh rilis")


class BudgetEntry(models.Model):
    """One line of the privacy-budget ledger (append-only). The latest allocation of an
    organisation's year (the platform's when ``organisation`` is empty) is its total epsilon;
    each synthetic release spends from it."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    year = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=10, choices=BudgetEntryKind.choices)
    epsilon = models.DecimalField(max_digits=8, decimal_places=3)
    delta = models.FloatField(null=True, blank=True)
    release = models.OneToOneField(
        Release, on_delete=models.PROTECT, null=True, blank=True, related_name="budget_entry"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["recorded_at", "pk"]
        indexes = [models.Index(fields=["organisation", "year"], name="sharing_budget_org_year")]

    def __str__(self) -> str:
        return f"{self.kind} {self.epsilon} ({self.year})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnlyError("the privacy-budget ledger is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("the privacy-budget ledger is append-only")
