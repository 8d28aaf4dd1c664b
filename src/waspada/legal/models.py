"""Legal cases against traffickers: charges, suspects, stage history, hearings, sharing.

Suspects' personal fields are never stored in clear: each suspect has its own data key
(``waspada.privacy``) and is searchable only through a keyed blind name index. Free text that
may describe people (notes, stage-change reasons) is sealed under the legal case's data key.
Procedural and statistical fields (stage, court, verdict, amounts, dates) stay in clear.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from waspada.accounts.models import Organisation
from waspada.cases.models import Case
from waspada.privacy.models import DataKey

# The personal fields of a suspect, held encrypted in Suspect.sealed.
SUSPECT_PERSONAL_FIELDS = ("full_name", "aliases", "nationality", "identifiers")


class Stage(models.TextChoices):
    REPORT = "report", _("Laporan polisi")
    INQUIRY = "inquiry", _("Penyelidikan")
    INVESTIGATION = "investigation", _("Penyidikan")
    P21 = "p21", _("Berkas lengkap (P21)")
    PROSECUTION = "prosecution", _("Penuntutan")
    TRIAL = "trial", _("Persidangan")
    VERDICT = "verdict", _("Putusan")
    APPEAL = "appeal", _("Banding / kasasi")
    FINAL = "final", _("Berkekuatan hukum tetap")
    # An outcome off the line: the police terminate the investigation (SP3, KUHAP Art. 109(2)).
    SP3 = "sp3", _("Penyidikan dihentikan (SP3)")


# Workflow order; "appeal" may follow "verdict" and may lead back to "verdict" or "final".
# SP3 is not on the line: it ends an investigation (``stages.OUTCOMES``).
STAGE_ORDER: tuple[str, ...] = tuple(value for value in Stage.values if value != Stage.SP3)


class Verdict(models.TextChoices):
    NONE = "", _("Belum ada")
    CONVICTED = "convicted", _("Terbukti bersalah")
    ACQUITTED = "acquitted", _("Bebas / lepas")
    OTHER = "other", _("Lainnya")


class SuspectRole(models.TextChoices):
    RECRUITER = "recruiter", _("Perekrut")
    BROKER = "broker", _("Calo / perantara")
    TRANSPORTER = "transporter", _("Pengangkut")
    EXPLOITER = "exploiter", _("Pengeksploitasi / operator kompleks")
    FINANCIER = "financier", _("Pemodal")
    OTHER = "other", _("Lainnya")


class LegalCase(models.Model):
    code = models.CharField(_("kode"), max_length=20, unique=True)
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisasi"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("judul"), max_length=200)
    victim_cases = models.ManyToManyField(
        Case, verbose_name=_("kasus korban"), blank=True, related_name="legal_cases"
    )
    data_key = models.ForeignKey(DataKey, on_delete=models.PROTECT, related_name="+")
    sealed_notes = models.TextField(blank=True)
    police_report_number = models.CharField(_("nomor laporan polisi"), max_length=80, blank=True)
    police_unit = models.CharField(_("kesatuan polisi"), max_length=120, blank=True)
    police_report_date = models.DateField(_("tanggal laporan polisi"), null=True, blank=True)
    stage = models.CharField(_("tahap"), max_length=16, choices=Stage.choices, default=Stage.REPORT)
    court = models.CharField(_("pengadilan"), max_length=120, blank=True)
    verdict = models.CharField(_("putusan"), max_length=12, choices=Verdict.choices, blank=True)
    verdict_date = models.DateField(_("tanggal putusan"), null=True, blank=True)
    sentence_months = models.PositiveIntegerField(
        _("pidana penjara (bulan)"), null=True, blank=True
    )
    fine_idr = models.PositiveBigIntegerField(_("denda (Rp)"), null=True, blank=True)
    restitution_requested_idr = models.PositiveBigIntegerField(
        _("restitusi dimohonkan (Rp)"), null=True, blank=True
    )
    restitution_requested_on = models.DateField(
        _("tanggal permohonan restitusi"), null=True, blank=True
    )
    restitution_awarded_idr = models.PositiveBigIntegerField(
        _("restitusi diputus (Rp)"), null=True, blank=True
    )
    restitution_awarded_on = models.DateField(_("tanggal restitusi diputus"), null=True, blank=True)
    restitution_paid_idr = models.PositiveBigIntegerField(
        _("restitusi dibayar (Rp)"), null=True, blank=True
    )
    restitution_paid_on = models.DateField(_("tanggal restitusi dibayar"), null=True, blank=True)
    lpsk_requested = models.BooleanField(_("perlindungan LPSK dimohonkan"), default=False)
    lpsk_granted = models.BooleanField(_("perlindungan LPSK diberikan"), default=False)
    legal_aid_provider = models.CharField(_("pemberi bantuan hukum"), max_length=200, blank=True)
    lawyer = models.CharField(_("advokat / pendamping hukum"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("perkara hukum")
        verbose_name_plural = _("perkara hukum")
        indexes = [models.Index(fields=["organisation", "stage"])]

    def __str__(self) -> str:
        return self.code


class LegalCaseShare(models.Model):
    """An explicit, audited share of a legal case with another organisation (read-only)."""

    legal_case = models.ForeignKey(LegalCase, on_delete=models.CASCADE, related_name="shares")
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisasi"), on_delete=models.PROTECT, related_name="+"
    )
    shared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    shared_at = models.DateTimeField(_("dibagikan"), auto_now_add=True)
    # An ended share is kept (who could read the case until when); sharing again reopens it.
    ended_at = models.DateTimeField(_("berakhir"), null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    end_cause = models.CharField(_("sebab berakhir"), max_length=20, blank=True, db_default="")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["legal_case", "organisation"], name="legal_share_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.legal_case_id} → {self.organisation_id}"


class Charge(models.Model):
    """One article charged. The article's texts and both penalty regimes are copied from the
    reference list at the time of charging, with that list's version (KUHP Art. 3)."""

    legal_case = models.ForeignKey(LegalCase, on_delete=models.CASCADE, related_name="charges")
    article_key = models.CharField(_("pasal"), max_length=40)
    instrument = models.CharField(_("peraturan"), max_length=80)
    article = models.CharField(_("pasal"), max_length=40)
    offence_id = models.CharField(_("tindak pidana"), max_length=300)
    offence_en = models.CharField(max_length=300, blank=True)
    penalty_before_2026 = models.CharField(
        _("ancaman pidana sebelum 2026"), max_length=200, blank=True
    )
    penalty_from_2026 = models.CharField(_("ancaman pidana sejak 2026"), max_length=200, blank=True)
    reference_version = models.CharField(max_length=20)
    offence_date = models.DateField(_("tanggal tindak pidana"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("dakwaan")
        verbose_name_plural = _("dakwaan")

    def __str__(self) -> str:
        return f"{self.instrument} {self.article}"


class Suspect(models.Model):
    legal_case = models.ForeignKey(LegalCase, on_delete=models.CASCADE, related_name="suspects")
    data_key = models.ForeignKey(DataKey, on_delete=models.PROTECT, related_name="+")
    sealed = models.TextField(_("data pribadi terenkripsi"))
    name_index = models.CharField(max_length=40, blank=True, db_index=True)
    role = models.CharField(_("peran"), max_length=12, choices=SuspectRole.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("tersangka")
        verbose_name_plural = _("tersangka")

    def __str__(self) -> str:
        return f"suspect {self.pk}"  # never the name: str() ends up in logs


class StageChange(models.Model):
    legal_case = models.ForeignKey(
        LegalCase, on_delete=models.CASCADE, related_name="stage_changes"
    )
    from_stage = models.CharField(max_length=16, blank=True)
    to_stage = models.CharField(max_length=16)
    sealed_reason = models.TextField(blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    changed_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["changed_at", "pk"]
        indexes = [
            # When a case last entered a stage (the workbench's stage deadlines), top-1 read.
            models.Index(
                fields=["legal_case", "to_stage", "changed_at"], name="stagechange_case_stage_at"
            )
        ]

    def __str__(self) -> str:
        return f"{self.legal_case_id}: {self.from_stage}→{self.to_stage}"


class Hearing(models.Model):
    legal_case = models.ForeignKey(LegalCase, on_delete=models.CASCADE, related_name="hearings")
    scheduled_at = models.DateTimeField(_("waktu sidang"), db_index=True)
    court = models.CharField(_("pengadilan"), max_length=120)
    agenda = models.CharField(_("agenda"), max_length=160)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["scheduled_at", "pk"]
        verbose_name = _("sidang")
        verbose_name_plural = _("sidang")

    def __str__(self) -> str:
        return f"{self.legal_case_id} @ {self.scheduled_at:%Y-%m-%d}"
