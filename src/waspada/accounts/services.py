"""Writes on users, organisations and API tokens. Each write is audited."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.contrib.auth.password_validation import validate_password
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from waspada.accounts.models import ApiToken, Organisation, User
from waspada.accounts.roles import OrganisationType, Role
from waspada.audit import services as audit

TOKEN_PREFIX = "wsp_"  # noqa: S105  (a public marker, not a secret)
# Last-use times are refreshed at most this often, so API calls do not write on every request.
_LAST_USED_RESOLUTION = timedelta(minutes=5)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def organisation_create(
    *, name: str, type: OrganisationType, short_name: str = "", actor: User | None = None
) -> Organisation:
    with transaction.atomic():
        organisation = Organisation.objects.create(name=name, type=type, short_name=short_name)
        audit.record(
            "accounts.organisation.created",
            actor=actor,
            obj=organisation,
            details={"type": str(type)},
        )
    return organisation


def user_create(
    *,
    username: str,
    organisation: Organisation,
    role: Role,
    password: str | None,
    is_demo: bool = False,
    actor: User | None = None,
) -> User:
    """Create a user in an organisation with one role. ``password=None`` leaves it unusable."""
    with transaction.atomic():
        user = User(username=username, organisation=organisation, role=role, is_demo=is_demo)
        if password is None:
            user.set_unusable_password()
        else:
            user.set_password(password)
        user.save()
        audit.record("accounts.user.created", actor=actor, obj=user, details={"role": str(role)})
    return user


def password_change(*, user: User, new_password: str, request: HttpRequest | None = None) -> None:
    """Validate and set a new password, and audit the change (never the password itself)."""
    validate_password(new_password, user)
    with transaction.atomic():
        user.set_password(new_password)
        user.save(update_fields=["password"])
        audit.record("accounts.user.password_changed", actor=user, obj=user, request=request)


def token_create(*, user: User, name: str = "", actor: User | None = None) -> str:
    """Create an API token for ``user`` and return it. Only its digest is kept, so the
    returned value is the one and only time the token can be seen."""
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        api_token = ApiToken.objects.create(
            user=user, name=name, prefix=token[:10], digest=_digest(token)
        )
        audit.record(
            "accounts.token.created",
            actor=actor,
            obj=api_token,
            details={"for_user_id": user.pk},
        )
    return token


def token_authenticate(token: str) -> User | None:
    """The active user owning an unrevoked token, or None."""
    from waspada.accounts.backends import WaspadaBackend

    if not token.startswith(TOKEN_PREFIX):
        return None
    api_token = (
        ApiToken.objects.select_related("user__organisation")
        .filter(digest=_digest(token), revoked_at__isnull=True)
        .first()
    )
    if api_token is None or not WaspadaBackend().user_can_authenticate(api_token.user):
        return None
    now = timezone.now()
    if api_token.last_used_at is None or now - api_token.last_used_at > _LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=api_token.pk).update(last_used_at=now)
    return api_token.user


def token_revoke(*, api_token: ApiToken, actor: User | None = None) -> None:
    with transaction.atomic():
        api_token.revoked_at = timezone.now()
        api_token.save(update_fields=["revoked_at"])
        audit.record("accounts.token.revoked", actor=actor, obj=api_token)
