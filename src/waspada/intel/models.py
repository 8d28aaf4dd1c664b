"""Recruitment intelligence: identifiers, where each was seen, and the clusters they form.

An identifier (a recruiter's phone, handle, domain, account…) is personal data: it is kept as
a keyed blind index (``value_index``, for matching) and sealed for display under the intel
data key. A sighting says which source named it (kind + id), when and which organisation owns
that source, so every viewer sees it only as far as they may see the source.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from waspada.accounts.models import Organisation
from waspada.privacy.models import DataKey


class SourceKind(models.TextChoices):
    OFFER = "offer", _("Teks Cek Lowongan")
    REPORT = "report", _("Laporan publik")
    CASE = "case", _("Kasus korban")
    LEGAL_CASE = "legal_case", _("Perkara hukum")
    INTERVIEW = "interview", _("Wawancara identifikasi")
    MANUAL = "manual", _("Entri analis")


# Public submissions are independent only across distinct client addresses; the others were
# entered by staff and each counts as its own source.
PUBLIC_SOURCES = frozenset({SourceKind.OFFER, SourceKind.REPORT})


class IntelKey(models.Model):
    """The one data key identifiers are sealed under (a single row)."""

    data_key = models.ForeignKey(DataKey, on_delete=models.PROTECT, related_name="+")

    def __str__(self) -> str:
        return "intel key"


class Cluster(models.Model):
    """A recruiter network: the connected identifiers. ``merged_into`` keeps old links working."""

    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)
    merged_into = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    entity_count = models.PositiveIntegerField(default=0)
    sighting_count = models.PositiveIntegerField(default=0)
    in_case = models.BooleanField(_("ada di kasus"), default=False)
    prosecuted = models.BooleanField(_("ada di perkara hukum"), default=False)
    # Distinct sources per source kind ({"case": 3, ...}), kept up to date by every write so
    # a lookup reads its counts from this row instead of counting sightings.
    source_counts = models.JSONField(default=dict)
    # Distinct sources per kind and owning organisation ({"case:3": 12, "offer:": 4}) and
    # cases per destination country ({"KH": 9}), kept like ``source_counts``: a view reads
    # them here instead of reading every source of the cluster.
    org_counts = models.JSONField(default=dict)
    country_counts = models.JSONField(default=dict)

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("jaringan perekrut")
        verbose_name_plural = _("jaringan perekrut")

    def __str__(self) -> str:
        return f"cluster {self.pk}"


class Entity(models.Model):
    kind = models.CharField(_("jenis"), max_length=10)
    value_index = models.CharField(max_length=64)
    sealed = models.TextField()
    cluster = models.ForeignKey(Cluster, on_delete=models.PROTECT, related_name="entities")
    # How many sightings name it, kept on write (the identifiers table shows it).
    sighting_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["value_index", "kind"], name="intel_entity_unique")
        ]
        indexes = [models.Index(fields=["cluster"], name="intel_entity_cluster")]

    def __str__(self) -> str:
        return f"{self.kind} {self.pk}"  # never the value: str() ends up in logs


class Sighting(models.Model):
    entity = models.ForeignKey(Entity, on_delete=models.CASCADE, related_name="sightings")
    source_kind = models.CharField(_("sumber"), max_length=12, choices=SourceKind.choices)
    source_id = models.PositiveBigIntegerField()
    organisation = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    seen_on = models.DateField(_("tanggal"))
    # What makes two sightings independent for the public check: a keyed index of the
    # client address for public submissions, "staff:<kind>:<id>" for the others.
    source_key = models.CharField(max_length=80)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["seen_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["entity", "source_kind", "source_id"], name="intel_sighting_unique"
            )
        ]
        indexes = [
            models.Index(fields=["source_kind", "source_id"], name="intel_sighting_source"),
        ]

    def __str__(self) -> str:
        return f"{self.source_kind} {self.source_id}"


class ClusterSource(models.Model):
    """One row per source a cluster's identifiers are seen in, kept on write by ``services``
    (``source_index``, joins, splits, the rebuild): a page of the timeline is read from here
    by index, newest first, so a view never reads every sighting of a big cluster. ``entity_id``
    is the lowest identifier the source names in the cluster; ``country`` a case's destination.
    """

    cluster = models.ForeignKey(Cluster, on_delete=models.CASCADE, related_name="+")
    source_kind = models.CharField(max_length=12, choices=SourceKind.choices)
    source_id = models.PositiveBigIntegerField()
    organisation = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    seen_on = models.DateField()
    entity_id = models.PositiveBigIntegerField()
    country = models.CharField(max_length=2, blank=True, default="")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["cluster", "source_kind", "source_id"], name="intel_csource_unique"
            )
        ]
        indexes = [
            models.Index(
                fields=["cluster", "-seen_on", "-source_id", "source_kind"],
                name="intel_csource_timeline",
            ),
            models.Index(fields=["source_kind", "source_id"], name="intel_csource_source"),
        ]

    def __str__(self) -> str:
        return f"{self.cluster_id} {self.source_kind} {self.source_id}"


class Link(models.Model):
    """Two identifiers named by one source (or joined by an analyst's merge)."""

    a = models.ForeignKey(Entity, on_delete=models.CASCADE, related_name="+")
    b = models.ForeignKey(Entity, on_delete=models.CASCADE, related_name="+")
    source_kind = models.CharField(max_length=12)
    source_id = models.PositiveBigIntegerField()
    severed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["a", "b", "source_kind", "source_id"], name="intel_link_unique"
            )
        ]
        indexes = [
            models.Index(fields=["b"], name="intel_link_b"),
            models.Index(fields=["source_kind", "source_id"], name="intel_link_source"),
        ]

    def __str__(self) -> str:
        return f"{self.a_id}-{self.b_id}"


class Decision(models.Model):
    """An analyst's merge of two clusters or split of a link, with the reason (about the
    link, never naming a person: the form says so)."""

    class Action(models.TextChoices):
        MERGE = "merge", _("Gabung")
        SPLIT = "split", _("Pisah")
        MANUAL = "manual", _("Entri analis")

    action = models.CharField(max_length=8, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reason = models.TextField(_("alasan"))
    details = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.action} {self.pk}"


class Watch(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    cluster = models.ForeignKey(Cluster, on_delete=models.CASCADE, related_name="watches")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "cluster"], name="intel_watch_unique")
        ]

    def __str__(self) -> str:
        return f"watch {self.user_id} {self.cluster_id}"


class Alert(models.Model):
    class Reason(models.TextChoices):
        WATCHED = "watched", _("Jaringan yang Anda pantau muncul lagi")
        PROSECUTED = "prosecuted", _("Jaringan yang sudah diproses hukum muncul lagi")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    cluster = models.ForeignKey(Cluster, on_delete=models.CASCADE, related_name="alerts")
    reason = models.CharField(max_length=12, choices=Reason.choices)
    source_kind = models.CharField(max_length=12, choices=SourceKind.choices)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "read_at"], name="intel_alert_user")]

    def __str__(self) -> str:
        return f"alert {self.pk}"
