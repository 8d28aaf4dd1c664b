"""The case plan (goals and follow-ups) and the services delivered to a person.

Free text (goal descriptions, what a follow-up checks, service notes) may describe the
person, so it is sealed with the person's data key (``waspada.privacy``) and becomes
unreadable after erasure. Types, dates, statuses, outcomes and costs stay in clear for reports.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from waspada.accounts.models import Organisation
from waspada.cases.models import Case
from waspada.cases.voiding import Voidable


class GoalStatus(models.TextChoices):
    OPEN = "open", _("Berjalan")
    ACHIEVED = "achieved", _("Tercapai")
    DROPPED = "dropped", _("Dibatalkan")


class Goal(models.Model):
    """One goal of the case plan."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="goals")
    sealed_description = models.TextField(blank=True)
    target_date = models.DateField(_("target tanggal"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=GoalStatus.choices, default=GoalStatus.OPEN
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("sasaran rencana")
        verbose_name_plural = _("sasaran rencana")

    def __str__(self) -> str:
        return f"goal {self.pk} of {self.case_id}"


class FollowUp(Voidable):
    """A date by which someone checks on something; overdue when past due and not done.

    One entered by mistake is voided with a reason (``waspada.cases.voiding``): it stays in
    the history and leaves the overdue lists, reminders and counts."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="follow_ups")
    due_on = models.DateField(_("jatuh tempo"), db_index=True)
    sealed_note = models.TextField(blank=True)
    done_at = models.DateTimeField(_("selesai"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)

    class Meta(Voidable.Meta):
        ordering = ["due_on", "pk"]
        verbose_name = _("tindak lanjut")
        verbose_name_plural = _("tindak lanjut")
        indexes = [
            models.Index(fields=["done_at", "due_on"]),
            # The workbench's open follow-ups by due date, with the case to check the scope.
            models.Index(
                fields=["due_on", "case"],
                condition=models.Q(done_at__isnull=True),
                name="followup_open_due",
            ),
        ]

    def __str__(self) -> str:
        return f"follow-up {self.pk} of {self.case_id}"


class ServiceStatus(models.TextChoices):
    PLANNED = "planned", _("Direncanakan")
    ONGOING = "ongoing", _("Berjalan")
    COMPLETED = "completed", _("Selesai")
    CANCELLED = "cancelled", _("Dibatalkan")


class ServiceOutcome(models.TextChoices):
    NONE = "", _("Belum dinilai")
    ACHIEVED = "achieved", _("Tercapai")
    PARTLY = "partly", _("Sebagian tercapai")
    NOT_ACHIEVED = "not_achieved", _("Tidak tercapai")
    UNKNOWN = "unknown", _("Tidak diketahui")


class ServiceDelivery(Voidable):
    """A service given to the person (type from the ``service_types`` reference list).

    One entered by mistake is voided with a reason: kept in the history, counted nowhere."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="services_delivered")
    service_type = models.CharField(_("jenis layanan"), max_length=24)
    provider_organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisasi pemberi layanan"), on_delete=models.PROTECT,
        null=True, blank=True, related_name="+",
    )  # fmt: skip
    provider_name = models.CharField(_("nama pemberi layanan"), max_length=120, blank=True)
    started_on = models.DateField(_("tanggal mulai"), null=True, blank=True)
    ended_on = models.DateField(_("tanggal selesai"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ServiceStatus.choices, default=ServiceStatus.PLANNED
    )
    outcome = models.CharField(
        _("hasil"), max_length=12, choices=ServiceOutcome.choices, blank=True
    )
    sealed_note = models.TextField(blank=True)
    cost_idr = models.PositiveBigIntegerField(_("biaya (Rp)"), null=True, blank=True)
    # The organisation whose user recorded it: the owner, or a referral recipient.
    recorded_by_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("dicatat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)
    version = models.PositiveIntegerField(default=1)

    class Meta(Voidable.Meta):
        ordering = ["-started_on", "-pk"]
        verbose_name = _("layanan yang diberikan")
        verbose_name_plural = _("layanan yang diberikan")
        indexes = [
            # The dashboard counts services and distinct people per type over a date range:
            # on PostgreSQL an index-only scan already ordered by case within each type
            # (0.65 s -> 0.18 s at a million cases, docs/performance.md). ``voided_at`` is
            # included because every read leaves voided services out.
            models.Index(
                fields=["service_type", "case"],
                include=["status", "started_on", "created_at", "voided_at"],
                name="service_type_case_covering",
            )
        ]

    def __str__(self) -> str:
        return f"service {self.pk} of {self.case_id}"
