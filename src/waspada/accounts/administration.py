"""User and organisation administration: who may manage whom, and the writes they do.

Platform administrators (role admin with ``is_platform_admin``) manage organisations and every
user; other administrators manage the users of their own organisation. Users are never
deleted (the audit trail names them): they are deactivated, which ends their tokens and
sessions. Password and second-factor resets carry a reason, kept in the audit trail.
"""

from __future__ import annotations

import secrets
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _

from waspada.accounts import second_factor, sessions
from waspada.accounts.models import Organisation, User
from waspada.accounts.permissions import Perm, can
from waspada.accounts.roles import OrganisationType, Role
from waspada.accounts.services import tokens_revoke_all
from waspada.audit import services as audit


def is_platform_admin(user: Any) -> bool:
    return can(user, Perm.ADMIN_MANAGE_USERS) and bool(getattr(user, "is_platform_admin", False))


def users_managed_by(viewer: Any) -> QuerySet[User]:
    """The users ``viewer`` may manage (none without ``admin.manage_users``)."""
    if not can(viewer, Perm.ADMIN_MANAGE_USERS):
        raise PermissionDenied
    users = User.objects.select_related("organisation").order_by("organisation__name", "username")
    if is_platform_admin(viewer):
        return users
    return users.filter(organisation=viewer.organisation, is_platform_admin=False)


def managed_user_get(viewer: Any, pk: int) -> User:
    user = users_managed_by(viewer).filter(pk=pk).first()
    if user is None:
        raise PermissionDenied
    return user


def organisations_assignable_by(viewer: Any) -> QuerySet[Organisation]:
    if is_platform_admin(viewer):
        return Organisation.objects.filter(is_active=True).order_by("name")
    return Organisation.objects.filter(pk=viewer.organisation_id)


def _require_platform(actor: Any) -> None:
    if not is_platform_admin(actor):
        raise PermissionDenied


def _reason(reason: str) -> str:
    reason = reason.strip()
    if len(reason) < 5:
        raise ValidationError({"reason": _("Tulis alasannya (minimal 5 karakter).")})
    return reason[:200]


def organisation_add(*, actor: Any, name: str, short_name: str, type: str) -> Organisation:
    _require_platform(actor)
    name = name.strip()
    if not name or Organisation.objects.filter(name__iexact=name).exists():
        raise ValidationError({"name": _("Nama kosong atau sudah dipakai organisasi lain.")})
    with transaction.atomic():
        organisation = Organisation.objects.create(
            name=name, short_name=short_name.strip(), type=OrganisationType(type)
        )
        audit.record(
            "accounts.organisation.created", actor=actor, obj=organisation, details={"type": type}
        )
    return organisation


def organisation_rename(
    *, actor: Any, organisation: Organisation, name: str, short_name: str
) -> None:
    _require_platform(actor)
    name = name.strip()
    taken = Organisation.objects.filter(name__iexact=name).exclude(pk=organisation.pk).exists()
    if not name or taken:
        raise ValidationError({"name": _("Nama kosong atau sudah dipakai organisasi lain.")})
    with transaction.atomic():
        organisation.name, organisation.short_name = name, short_name.strip()
        organisation.save(update_fields=["name", "short_name"])
        audit.record("accounts.organisation.renamed", actor=actor, obj=organisation)


def organisation_set_active(*, actor: Any, organisation: Organisation, active: bool) -> None:
    """Deactivating an organisation stops all its users (``permissions.can`` refuses them) and
    ends their tokens and sessions."""
    _require_platform(actor)
    if organisation.pk == actor.organisation_id and not active:
        message = _("Anda tidak dapat menonaktifkan organisasi Anda sendiri.")
        raise ValidationError({"organisation": message})
    with transaction.atomic():
        organisation.is_active = active
        organisation.save(update_fields=["is_active"])
        if not active:
            for user in organisation.users.all():
                tokens_revoke_all(user=user, reason="organisation_deactivated", actor=actor)
                sessions.sessions_end_all(user=user)
        audit.record(
            "accounts.organisation.activated" if active else "accounts.organisation.deactivated",
            actor=actor,
            obj=organisation,
        )


def _temporary_password() -> str:
    return "-".join(secrets.token_hex(3) for _ in range(4))


def user_add(
    *, actor: Any, username: str, organisation: Organisation, role: str
) -> tuple[User, str]:
    """Create a user with a temporary password, returned once for the administrator to hand
    over. Their role decides whether they must enrol a second factor at first sign-in."""
    if not organisations_assignable_by(actor).filter(pk=organisation.pk).exists():
        raise PermissionDenied
    username = username.strip()
    if not username or User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": _("Nama pengguna kosong atau sudah dipakai.")})
    password = _temporary_password()
    with transaction.atomic():
        user = User(username=username, organisation=organisation, role=Role(role))
        user.set_password(password)
        user.save()
        audit.record("accounts.user.created", actor=actor, obj=user, details={"role": role})
    return user, password


def user_update(*, actor: Any, user: User, role: str, organisation: Organisation) -> None:
    managed_user_get(actor, user.pk)
    if not organisations_assignable_by(actor).filter(pk=organisation.pk).exists():
        raise PermissionDenied
    with transaction.atomic():
        changed: dict[str, object] = {"role": role} if user.role != role else {}
        if user.organisation_id != organisation.pk:
            changed["organisation_id"] = organisation.pk
        user.role, user.organisation = Role(role), organisation
        user.save(update_fields=["role", "organisation"])
        if "organisation_id" in changed:  # what was granted in the old organisation ends
            tokens_revoke_all(user=user, reason="organisation_changed", actor=actor)
            sessions.sessions_end_all(user=user)
        audit.record("accounts.user.updated", actor=actor, obj=user, details=changed)


def user_set_active(*, actor: Any, user: User, active: bool, reason: str) -> None:
    """Deactivate (never delete) or reactivate; deactivation ends tokens and sessions."""
    managed_user_get(actor, user.pk)
    if user.pk == actor.pk:
        raise ValidationError({"reason": _("Anda tidak dapat menonaktifkan akun Anda sendiri.")})
    reason = _reason(reason)
    with transaction.atomic():
        user.is_active = active
        user.save(update_fields=["is_active"])
        if not active:
            tokens_revoke_all(user=user, reason="deactivated", actor=actor)
            sessions.sessions_end_all(user=user)
        audit.record(
            "accounts.user.activated" if active else "accounts.user.deactivated",
            actor=actor,
            obj=user,
            details={"reason": reason},
        )


def user_password_reset(
    *, actor: Any, user: User, reason: str, request: HttpRequest | None = None
) -> str:
    """Give ``user`` a new temporary password (returned once); their tokens and sessions end."""
    managed_user_get(actor, user.pk)
    reason = _reason(reason)
    password = _temporary_password()
    with transaction.atomic():
        user.set_password(password)
        user.save(update_fields=["password"])
        tokens_revoke_all(user=user, reason="password_reset", actor=actor)
        sessions.sessions_end_all(user=user)
        audit.record(
            "accounts.user.password_reset",
            actor=actor,
            obj=user,
            request=request,
            details={"reason": reason},
        )
    return password


def user_second_factor_reset(
    *, actor: Any, user: User, reason: str, request: HttpRequest | None = None
) -> None:
    managed_user_get(actor, user.pk)
    second_factor.second_factor_reset(
        user=user, actor=actor, reason=_reason(reason), request=request
    )
