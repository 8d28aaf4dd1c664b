"""Organisation types and user roles (kept as TextChoices so labels are translatable)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationType(models.TextChoices):
    INTERNATIONAL = "international", _("Organisasi internasional")
    GOVERNMENT = "government", _("Instansi pemerintah")
    EMBASSY = "embassy", _("Kedutaan / perwakilan RI")
    NGO_LEGAL_AID = "ngo_legal_aid", _("LSM / bantuan hukum")
    LAW_ENFORCEMENT = "law_enforcement", _("Kepolisian / kejaksaan")
    OTHER = "other", _("Lainnya")


class Role(models.TextChoices):
    ADMIN = "admin", _("Administrator")
    SUPERVISOR = "supervisor", _("Supervisor")
    CASEWORKER = "caseworker", _("Pendamping kasus")
    LEGAL_OFFICER = "legal_officer", _("Petugas hukum")
    PROGRAMME_OFFICER = "programme_officer", _("Petugas program")
    ANALYST = "analyst", _("Analis")
    DUTY_OFFICER = "duty_officer", _("Petugas piket")
