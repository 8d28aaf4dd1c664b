"""Victims/survivors and their cases (HTCDS/CTDC-compatible, extended for forced criminality).

Personal fields are never stored in clear: they live in ``Person.sealed``, encrypted under the
person's own data key (``waspada.privacy``), and are searchable only through keyed blind
indexes. Statistical fields (sex, age band, origin, destination…) stay in clear for reports.
"""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from waspada.accounts.models import Organisation
from waspada.privacy.models import DataKey

# The personal fields held encrypted in Person.sealed.
PERSONAL_FIELDS = (
    "full_name",
    "aliases",
    "nik",
    "passport_number",
    "birth_date",
    "phone",
    "address",
    "family_contact",
    "narrative",
    "recruiter_contacts",
)


class Person(models.Model):
    data_key = models.ForeignKey(DataKey, on_delete=models.PROTECT, related_name="+")
    sealed = models.TextField(_("data pribadi terenkripsi"))
    nik_index = models.CharField(max_length=40, blank=True)
    passport_index = models.CharField(max_length=40, blank=True)
    phone_index = models.CharField(max_length=40, blank=True)
    name_index = models.CharField(max_length=40, blank=True)
    name_birth_index = models.CharField(max_length=40, blank=True)
    sex = models.CharField(_("jenis kelamin"), max_length=10)
    age_at_identification = models.PositiveSmallIntegerField(
        _("usia saat identifikasi"), null=True, blank=True
    )
    province_of_origin = models.CharField(_("provinsi asal"), max_length=80, blank=True)
    regency_of_origin = models.CharField(_("kabupaten/kota asal"), max_length=80, blank=True)
    education = models.CharField(_("pendidikan"), max_length=12, blank=True)
    citizenship = models.CharField(_("kewarganegaraan"), max_length=2, default="ID")
    deceased = models.BooleanField(_("meninggal dunia"), default=False)
    erased_at = models.DateTimeField(_("dihapus"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("orang")
        verbose_name_plural = _("orang")
        # Blind indexes are only ever compared for equality: plain B-tree indexes, declared
        # here rather than with db_index=True, which on PostgreSQL adds a useless
        # varchar_pattern_ops ("_like") twin to each (docs/performance.md).
        indexes = [
            models.Index(fields=[field], name=f"person_{field}")
            for field in (
                "nik_index",
                "passport_index",
                "phone_index",
                "name_index",
                "name_birth_index",
            )
        ]

    def __str__(self) -> str:
        return f"person {self.pk}"  # never the name: str() ends up in logs


class CaseStatus(models.TextChoices):
    REGISTERED = "registered", _("Terdaftar")
    IDENTIFICATION = "identification", _("Identifikasi")
    ASSISTANCE = "assistance", _("Pendampingan")
    RETURN = "return", _("Pemulangan")
    REINTEGRATION = "reintegration", _("Reintegrasi")
    CLOSED = "closed", _("Ditutup")


class TraffickingStatus(models.TextChoices):
    UNDETERMINED = "", _("Belum ditentukan")
    POSSIBLE = "possible", _("Terindikasi korban TPPO")
    ACTUAL = "actual", _("Korban")
    NOT_VICTIM = "not_victim", _("Bukan korban")


class Case(models.Model):
    code = models.CharField(_("kode"), max_length=20, unique=True)
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisasi"), on_delete=models.PROTECT, related_name="+"
    )
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="cases")
    assigned = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("petugas"), blank=True, related_name="cases"
    )
    status = models.CharField(
        _("status"), max_length=16, choices=CaseStatus.choices, default=CaseStatus.REGISTERED
    )
    trafficking_status = models.CharField(
        _("status korban"), max_length=12, choices=TraffickingStatus.choices, blank=True
    )
    trafficking_decided_by = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Free-text case notes and decision reasons are personal: sealed with the person's key.
    sealed_notes = models.TextField(blank=True)
    exploitation_types = models.JSONField(_("jenis eksploitasi"), default=list, blank=True)
    scam_typology = models.CharField(_("tipologi penipuan"), max_length=20, blank=True)
    destination_country = models.CharField(_("negara tujuan"), max_length=2, blank=True)
    destination_city = models.CharField(_("kota tujuan"), max_length=80, blank=True)
    compound = models.CharField(_("kompleks / lokasi"), max_length=120, blank=True)
    recruitment_channel = models.CharField(_("saluran perekrutan"), max_length=16, blank=True)
    recruiter_relation = models.CharField(_("hubungan dengan perekrut"), max_length=20, blank=True)
    means_of_control = models.JSONField(_("cara pengendalian"), default=list, blank=True)
    # Facts, not only conclusions (HTCDS 2.0 event and victim fields; see docs/casework.md).
    recruitment_channels = models.JSONField(_("saluran perekrutan"), default=list, blank=True)
    recruitment_place = models.CharField(_("tempat perekrutan"), max_length=120, blank=True)
    transit_countries = models.JSONField(_("negara transit"), default=list, blank=True)
    recruiter_kind = models.CharField(_("jenis perekrut"), max_length=20, blank=True)
    recruiter_agency = models.CharField(_("nama P3MI / agen"), max_length=200, blank=True)
    recruiter_licence = models.CharField(_("nomor izin P3MI (SIP3MI)"), max_length=60, blank=True)
    exploitation_platforms = models.JSONField(
        _("platform untuk mengeksploitasi"), default=list, blank=True
    )
    vulnerabilities = models.JSONField(_("kerentanan"), default=list, blank=True)
    case_source = models.CharField(_("kasus diterima dari"), max_length=16, blank=True)
    # Dual status: a victim of forced criminality who is also reported or charged; the
    # non-punishment principle (UU 21/2007 Pasal 18) applies, and the legal side sees it.
    also_suspect = models.BooleanField(_("korban sekaligus terlapor/tersangka"), default=False)
    recruited_on = models.DateField(_("tanggal direkrut"), null=True, blank=True)
    departed_on = models.DateField(_("tanggal berangkat"), null=True, blank=True)
    arrived_on = models.DateField(_("tanggal tiba di lokasi"), null=True, blank=True)
    exited_on = models.DateField(_("tanggal keluar / diselamatkan"), null=True, blank=True)
    returned_on = models.DateField(_("tanggal kembali ke rumah"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("didaftarkan"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("kasus")
        verbose_name_plural = _("kasus")
        indexes = [
            models.Index(fields=["organisation", "status"]),
            models.Index(fields=["organisation", "destination_country"]),
            # The case list filters by status or destination and shows the newest first; the
            # scope (own organisation OR accepted referral) cannot use an index, these can:
            # a filter matching nothing went from 0.8 s to 3 ms at 1M cases (performance.md).
            models.Index(fields=["status", "created_at"], name="case_status_created"),
            models.Index(
                fields=["destination_country", "created_at"], name="case_destination_created"
            ),
            # The workbench's idle open cases of an organisation, oldest first, counted from
            # the index alone (docs/performance.md, "The staff workbench").
            models.Index(
                fields=["organisation", "updated_at"],
                condition=~models.Q(status="closed"),
                name="case_open_org_updated",
            ),
            # The workbench's caseworker load: an organisation's open case ids, index only.
            models.Index(
                fields=["organisation", "id"],
                condition=~models.Q(status="closed"),
                name="case_open_org_id",
            ),
        ]

    def __str__(self) -> str:
        return self.code


class ConsentKind(models.TextChoices):
    SERVICES = "services", _("Menerima layanan")
    SHARING = "sharing", _("Berbagi data dengan organisasi lain")
    STATISTICS = "statistics", _("Statistik tanpa identitas")


class Consent(models.Model):
    """Each decision is a new row: the latest row per kind is what holds now."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="consents")
    kind = models.CharField(_("jenis persetujuan"), max_length=12, choices=ConsentKind.choices)
    granted = models.BooleanField(_("disetujui"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(_("dicatat"), auto_now_add=True)

    class Meta:
        ordering = ["-recorded_at", "-pk"]
        verbose_name = _("persetujuan")
        verbose_name_plural = _("persetujuan")

    def __str__(self) -> str:
        return f"{self.case_id} {self.kind}={self.granted}"


class StatusChange(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=16, blank=True)
    to_status = models.CharField(max_length=16)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True)
    # Why a move back (or a reopening) was made: it may describe the person, so it is sealed
    # with their data key (``services.status_change_reason`` opens it).
    sealed_reason = models.TextField(blank=True, default="", db_default="")

    class Meta:
        ordering = ["changed_at", "pk"]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.from_status}→{self.to_status}"


class AccessReason(models.TextChoices):
    REFERRAL = "referral", _("Rujukan diterima")
    TRANSFER = "transfer", _("Pengirim serah terima (baca saja, terbatas waktu)")
    REPATRIATION = "repatriation", _("Penanggung jawab tahap pemulangan")


class CaseAccessGrant(models.Model):
    """An organisation other than the owner that may see the case, why, and until when.

    The case kernel owns every transition that opens a case to another organisation (as in
    Primero): a referral's acceptance grants access here; the case list and every case page
    read only these rows, never the satellite that caused them. ``revoked_at`` is the one
    instant a grant ends: now when it is revoked, later for a grace period (a closed case) or a
    read period (the sender of a transfer); the row stays as the record of who could see the
    case when. ``live_q`` is the only definition of a grant in force.
    """

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="access_grants")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(_("alasan"), max_length=16, choices=AccessReason.choices)
    source_id = models.PositiveBigIntegerField(
        null=True, blank=True, help_text="id of the record that caused it (e.g. the referral)"
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    granted_at = models.DateTimeField(_("diberikan"))
    revoked_at = models.DateTimeField(_("berakhir"), null=True, blank=True)

    class Meta:
        ordering = ["granted_at", "pk"]
        verbose_name = _("akses kasus")
        verbose_name_plural = _("akses kasus")
        indexes = [
            # The visibility subquery: active grants of one organisation.
            models.Index(
                fields=["organisation", "case"],
                condition=models.Q(revoked_at__isnull=True),
                name="cases_grant_active_org",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id} on {self.case_id} ({self.reason})"

    @staticmethod
    def live_q(at: datetime | None = None) -> models.Q:
        """Grants in force at ``at`` (now by default): not ended, or ending later."""
        return models.Q(revoked_at__isnull=True) | models.Q(revoked_at__gt=at or timezone.now())


class TransferStatus(models.TextChoices):
    PENDING = "pending", _("Menunggu jawaban")
    ACCEPTED = "accepted", _("Diterima")
    DECLINED = "declined", _("Ditolak")


class CaseTransfer(models.Model):
    """A hand-over of the whole case to another organisation (Primero's transfer).

    Accepting makes the receiver the owner; the sender keeps read access for a configured
    period through a ``CaseAccessGrant``. Each accepted transfer is a BAST (berita acara serah
    terima) with its own number; the chain of transfers is the case's history of owners.
    """

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="transfers")
    from_organisation = models.ForeignKey(
        Organisation, verbose_name=_("dari"), on_delete=models.PROTECT, related_name="+"
    )
    to_organisation = models.ForeignKey(
        Organisation, verbose_name=_("kepada"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=TransferStatus.choices, default=TransferStatus.PENDING
    )
    items = models.JSONField(_("yang diserahkan"), default=list, blank=True)
    # Free text about the person (why, what to watch for): sealed with the person's key.
    sealed_note = models.TextField(blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    requested_at = models.DateTimeField(_("diminta"))
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    answered_at = models.DateTimeField(_("dijawab"), null=True, blank=True)
    bast_number = models.CharField(_("nomor BAST"), max_length=40, blank=True)

    class Meta:
        ordering = ["requested_at", "pk"]
        verbose_name = _("serah terima kasus")
        verbose_name_plural = _("serah terima kasus")
        indexes = [models.Index(fields=["to_organisation", "status"])]
        constraints = [
            models.UniqueConstraint(
                fields=["case"],
                condition=models.Q(status="pending"),
                name="cases_one_pending_transfer",
            ),
        ]

    def __str__(self) -> str:
        return f"transfer {self.pk} of {self.case_id}"


class CaseNote(models.Model):
    """A dated note on a case by one person; the text is sealed with the person's key.

    A confidential note is read only by the organisation that wrote it (the owner when it
    was written), even after the case is transferred or shared.
    """

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notes")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    confidential = models.BooleanField(_("rahasia organisasi"), default=False)
    sealed_text = models.TextField()
    created_at = models.DateTimeField(_("ditulis"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("catatan kasus")
        verbose_name_plural = _("catatan kasus")

    def __str__(self) -> str:
        return f"note {self.pk} on {self.case_id}"


class CaseClosure(models.Model):
    """One closing of a case: the reason (reference data), a sealed summary, and, once
    reopened, who reopened it and when. Rows are never deleted: reopening keeps the history."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="closures")
    reason = models.CharField(_("alasan penutupan"), max_length=24)
    sealed_summary = models.TextField(blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    closed_at = models.DateTimeField(_("ditutup"))
    reopened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reopened_at = models.DateTimeField(_("dibuka kembali"), null=True, blank=True)

    class Meta:
        ordering = ["closed_at", "pk"]
        verbose_name = _("penutupan kasus")
        verbose_name_plural = _("penutupan kasus")

    def __str__(self) -> str:
        return f"closure {self.pk} of {self.case_id}"


class PersonNameToken(models.Model):
    """A keyed blind index of one word of a person's name, so a case can be found by part of
    a name ("Rahmawati") without the name being stored or compared in clear text. One row per
    word; replaced when the name changes, deleted at erasure."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="name_tokens")
    digest = models.CharField(max_length=40, db_index=True)

    class Meta:
        verbose_name = _("indeks kata nama")
        verbose_name_plural = _("indeks kata nama")

    def __str__(self) -> str:
        return f"{self.person_id}:{self.digest[:8]}"
