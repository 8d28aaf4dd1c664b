"""The repatriation of a case: one record per case and the stages it went through.

Stage codes, dates, organisations and costs stay in clear for reporting; the free-text note of
a stage may describe the person, so it is sealed with the person's data key.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from waspada.accounts.models import Organisation
from waspada.cases.models import Case
from waspada.cases.voiding import Voidable


class Repatriation(models.Model):
    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="repatriation")
    # The furthest stage recorded so far (kept in step by the services) so that lists such as
    # "awaiting return" need no aggregate over the stages.
    current_stage = models.CharField(_("tahap saat ini"), max_length=24, blank=True)
    current_order = models.PositiveSmallIntegerField(default=0)
    started_on = models.DateField(_("mulai"), null=True, blank=True)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    class Meta:
        verbose_name = _("pemulangan")
        verbose_name_plural = _("pemulangan")
        indexes = [models.Index(fields=["current_order"])]

    def __str__(self) -> str:
        return f"repatriation of {self.case_id}"


class StageEntry(Voidable):
    repatriation = models.ForeignKey(Repatriation, on_delete=models.CASCADE, related_name="stages")
    stage = models.CharField(_("tahap"), max_length=24)
    # The stage's order when it was recorded (a copy from the reference data).
    order = models.PositiveSmallIntegerField()
    reached_on = models.DateField(_("tanggal"))
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisasi penanggung jawab"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    responsible_party = models.CharField(_("pihak penanggung jawab"), max_length=200, blank=True)
    cost_idr = models.PositiveBigIntegerField(_("biaya (Rp)"), null=True, blank=True)
    cost_payer = models.CharField(_("dibayar oleh"), max_length=12, blank=True)
    sealed_note = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(_("dicatat"), auto_now_add=True)
    # A stage entered by mistake is voided, never deleted (``waspada.cases.voiding``): it stays
    # in the history with who voided it, when and why, and no longer counts.

    class Meta(Voidable.Meta):
        ordering = ["order", "pk"]
        verbose_name = _("tahap pemulangan")
        verbose_name_plural = _("tahap pemulangan")
        constraints = [
            models.UniqueConstraint(
                fields=["repatriation", "stage"],
                condition=models.Q(voided_at__isnull=True),
                name="repatriation_stage_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.repatriation_id}: {self.stage}"
