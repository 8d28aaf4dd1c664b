"""Organisations and users. Every user belongs to one organisation and holds one role."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from waspada.accounts.roles import OrganisationType, Role


class Organisation(models.Model):
    name = models.CharField(_("nama"), max_length=200, unique=True)
    short_name = models.CharField(_("singkatan"), max_length=40, blank=True)
    type = models.CharField(_("jenis"), max_length=20, choices=OrganisationType.choices)
    is_active = models.BooleanField(_("aktif"), default=True)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisasi")
        verbose_name_plural = _("organisasi")

    def __str__(self) -> str:
        return self.short_name or self.name


class User(AbstractUser):
    """A staff member. Users without an organisation or role can do nothing (deny by default)."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisasi"),
        on_delete=models.PROTECT,
        related_name="users",
        null=True,
        blank=True,
    )
    role = models.CharField(_("peran"), max_length=20, choices=Role.choices, blank=True)
    is_demo = models.BooleanField(
        _("akun demo"),
        default=False,
        help_text=_("Akun demo hanya dapat masuk ketika mode demo aktif."),
    )
    # An administrator with this flag administers the platform (every organisation); other
    # administrators administer the users of their own organisation only.
    is_platform_admin = models.BooleanField(_("administrator platform"), default=False)

    class Meta:
        verbose_name = _("pengguna")
        verbose_name_plural = _("pengguna")


class ApiToken(models.Model):
    """An API token. Only a SHA-256 digest of the token is stored; the token is shown once.

    A token works until ``expires_at`` unless revoked earlier (by its owner, an administrator,
    ``waspada token revoke``, or because its owner changed password, had the second factor reset
    or was deactivated); the reason is kept in ``revoked_reason``."""

    user = models.ForeignKey(
        User, verbose_name=_("pengguna"), on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("nama"), max_length=100, blank=True)
    prefix = models.CharField(_("awalan"), max_length=16)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("terakhir dipakai"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("dicabut"), null=True, blank=True)
    expires_at = models.DateTimeField(_("berlaku sampai"))
    last_used_ip = models.GenericIPAddressField(_("alamat terakhir"), null=True, blank=True)
    revoked_reason = models.CharField(_("alasan dicabut"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("token API")
        verbose_name_plural = _("token API")

    def __str__(self) -> str:
        return f"{self.prefix}…"


class UserSession(models.Model):
    """One signed-in browser session of a user, so the user can see and end their sessions.

    The session itself lives in Django's session store; this row names it (by key), and is
    written at login. A row whose session has ended or expired is not shown and is pruned."""

    user = models.ForeignKey(
        User, verbose_name=_("pengguna"), on_delete=models.CASCADE, related_name="sessions"
    )
    session_key = models.CharField(max_length=40, unique=True)
    created_at = models.DateTimeField(_("masuk pada"), auto_now_add=True)
    ip = models.GenericIPAddressField(_("alamat"), null=True, blank=True)
    user_agent = models.CharField(_("peramban"), max_length=200, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("sesi")
        verbose_name_plural = _("sesi")

    def __str__(self) -> str:
        return f"{self.user_id}:{self.session_key[:6]}…"
