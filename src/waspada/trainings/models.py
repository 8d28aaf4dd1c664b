"""Trainings of officials (capacity building) and their participants.

A participant is recorded with as little personal data as the results need: institution type
and name, role, sex, attendance and test scores. Names are not recorded, except an optional
name for a certificate, encrypted under the training's own data key (``waspada.privacy``) so
that destroying that key erases every name of the training at once.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from waspada.accounts.models import Organisation
from waspada.privacy.models import DataKey

SCORE_VALIDATORS = [MinValueValidator(0), MaxValueValidator(100)]


class Training(models.Model):
    """The owning organisation is the organiser: its managers edit the training."""

    title = models.CharField(_("judul"), max_length=200)
    topic = models.CharField(_("topik"), max_length=40)
    start_date = models.DateField(_("tanggal mulai"), db_index=True)
    end_date = models.DateField(_("tanggal selesai"))
    province = models.CharField(_("provinsi"), max_length=80, blank=True)
    city = models.CharField(_("kabupaten/kota"), max_length=80, blank=True)
    organiser = models.ForeignKey(
        Organisation, verbose_name=_("penyelenggara"), on_delete=models.PROTECT, related_name="+"
    )
    target_institution_types = models.JSONField(
        _("sasaran jenis instansi"), default=list, blank=True
    )
    notes = models.TextField(_("catatan"), blank=True)
    # Wraps the key of the optional certificate names of this training's participants.
    data_key = models.ForeignKey(DataKey, on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-start_date", "-pk"]
        verbose_name = _("pelatihan")
        verbose_name_plural = _("pelatihan")
        indexes = [models.Index(fields=["organiser", "start_date"])]

    def __str__(self) -> str:
        return f"training {self.pk}"

    @property
    def organisation_id(self) -> int:
        """The owning organisation (the organiser), named like other apps' owners."""
        return self.organiser_id


class Participant(models.Model):
    training = models.ForeignKey(Training, on_delete=models.CASCADE, related_name="participants")
    institution_type = models.CharField(_("jenis instansi"), max_length=20)
    institution_name = models.CharField(_("nama instansi"), max_length=200, blank=True)
    role = models.CharField(_("jabatan / peran"), max_length=120, blank=True)
    sex = models.CharField(_("jenis kelamin"), max_length=10)
    attended = models.BooleanField(_("hadir"), default=True)
    pre_score = models.DecimalField(
        _("nilai pre-test"), max_digits=4, decimal_places=1, null=True, blank=True,
        validators=SCORE_VALIDATORS,
    )  # fmt: skip
    post_score = models.DecimalField(
        _("nilai post-test"), max_digits=4, decimal_places=1, null=True, blank=True,
        validators=SCORE_VALIDATORS,
    )  # fmt: skip
    # {"name": ...} sealed with the training's data key; empty when no name was given.
    sealed_name = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("dicatat"), auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("peserta")
        verbose_name_plural = _("peserta")
        indexes = [models.Index(fields=["institution_type"])]

    def __str__(self) -> str:
        return f"participant {self.pk}"  # never the name

    @property
    def has_name(self) -> bool:
        return bool(self.sealed_name)
