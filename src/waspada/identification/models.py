"""Identification interviews: the UU 21/2007 elements and ILO indicators found, the status the
system proposes, and the decision a person records (approved by a supervisor where required).

The interview summary and the reasons written by people describe the person: they are sealed
with the person's data key. Codes, statuses and dates stay in clear for statistics.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from waspada.accounts.models import Organisation
from waspada.cases.models import Case


class IdentificationPolicy(models.Model):
    """Per organisation; without a row, decisions need a supervisor's approval."""

    organisation = models.OneToOneField(
        Organisation,
        verbose_name=_("organisasi"),
        on_delete=models.CASCADE,
        related_name="identification_policy",
    )
    requires_approval = models.BooleanField(
        _("keputusan perlu persetujuan supervisor"), default=True
    )

    class Meta:
        verbose_name = _("kebijakan identifikasi")
        verbose_name_plural = _("kebijakan identifikasi")

    def __str__(self) -> str:
        return f"{self.organisation_id}: approval={self.requires_approval}"


class DecidedStatus(models.TextChoices):
    POSSIBLE = "possible", _("Terindikasi korban TPPO")
    ACTUAL = "actual", _("Korban")
    NOT_VICTIM = "not_victim", _("Bukan korban")


class DecisionState(models.TextChoices):
    UNDECIDED = "undecided", _("Menunggu keputusan")
    PENDING_APPROVAL = "pending_approval", _("Menunggu persetujuan supervisor")
    DECIDED = "decided", _("Ditetapkan")


class Interview(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="interviews")
    interviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("pewawancara"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    interviewed_on = models.DateField(_("tanggal wawancara"))
    process_codes = models.JSONField(_("unsur proses"), default=list, blank=True)
    means_codes = models.JSONField(_("unsur cara"), default=list, blank=True)
    purpose_codes = models.JSONField(_("unsur tujuan"), default=list, blank=True)
    ilo_codes = models.JSONField(_("indikator ILO"), default=list, blank=True)
    indicators_version = models.CharField(max_length=20)
    sealed_summary = models.TextField(blank=True)
    # The facts behind the conclusions (``facts.py``): codes and amounts in clear for
    # statistics and cross-checks; the promised and actual job, described in words, sealed.
    facts = models.JSONField(_("fakta wawancara"), default=dict, blank=True)
    sealed_facts = models.TextField(blank=True)
    proposed_status = models.CharField(
        _("status yang diusulkan sistem"), max_length=12, choices=DecidedStatus.choices
    )
    proposed_reasons = models.JSONField(default=list)
    # The decision, recorded by a person.
    state = models.CharField(
        _("tahap keputusan"),
        max_length=16,
        choices=DecisionState.choices,
        default=DecisionState.UNDECIDED,
    )
    decided_status = models.CharField(
        _("status yang diputuskan"), max_length=12, choices=DecidedStatus.choices, blank=True
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("diputuskan"), null=True, blank=True)
    sealed_reason = models.TextField(blank=True)
    requires_approval = models.BooleanField(default=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(_("disetujui"), null=True, blank=True)
    rejected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    rejected_at = models.DateTimeField(_("ditolak"), null=True, blank=True)
    sealed_rejection = models.TextField(blank=True)
    created_at = models.DateTimeField(_("dicatat"), auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-interviewed_on", "-pk"]
        verbose_name = _("wawancara identifikasi")
        verbose_name_plural = _("wawancara identifikasi")
        indexes = [
            models.Index(fields=["case", "state"]),
            # The workbench's decisions awaiting approval (few among many interviews).
            models.Index(
                fields=["decided_at"],
                condition=models.Q(state="pending_approval"),
                name="interview_pending_approval",
            ),
        ]

    def __str__(self) -> str:
        return f"interview {self.pk} of case {self.case_id}"

    def codes(self, set_code: str) -> list[str]:
        return list(getattr(self, f"{set_code}_codes") or [])
