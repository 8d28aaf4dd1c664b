"""Writes on users, organisations and API tokens. Each write is audited."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from waspada.accounts import sessions
from waspada.accounts.models import ApiToken, Organisation, User
from waspada.accounts.roles import OrganisationType, Role
from waspada.audit import services as audit
from waspada.audit.services import client_ip

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
    """Validate and set a new password, and audit the change (never the password itself).

    Every API token of the user ends, and so does every session except the one in ``request``
    (the user's own, when they changed it themselves)."""
    validate_password(new_password, user)
    with transaction.atomic():
        user.set_password(new_password)
        user.save(update_fields=["password"])
        audit.record("accounts.user.password_changed", actor=user, obj=user, request=request)
        tokens_revoke_all(user=user, reason="password_changed", actor=user)
        keep = request.session.session_key if request is not None else None
        sessions.sessions_end_all(user=user, keep=keep)


def token_create(
    *, user: User, name: str = "", actor: User | None = None, days: int | None = None
) -> str:
    """Create an API token for ``user`` and return it. Only its digest is kept, so the
    returned value is the one and only time the token can be seen. It expires after
    ``days`` (default ``WASPADA_TOKEN_DAYS``, 90)."""
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    lifetime = timedelta(days=days if days is not None else settings.WASPADA_TOKEN_DAYS)
    with transaction.atomic():
        api_token = ApiToken.objects.create(
            user=user,
            name=name,
            prefix=token[:10],
            digest=_digest(token),
            expires_at=timezone.now() + lifetime,
        )
        audit.record(
            "accounts.token.created",
            actor=actor,
            obj=api_token,
            details={"for_user_id": user.pk},
        )
    return token


def token_authenticate(token: str, request: HttpRequest | None = None) -> User | None:
    """The active user owning an unrevoked, unexpired token, or None. Records when and from
    which address the token was last used (at most every few minutes, or on a new address)."""
    from waspada.accounts.backends import WaspadaBackend

    if not token.startswith(TOKEN_PREFIX):
        return None
    now = timezone.now()
    api_token = (
        ApiToken.objects.select_related("user__organisation")
        .filter(digest=_digest(token), revoked_at__isnull=True, expires_at__gt=now)
        .first()
    )
    if api_token is None or not WaspadaBackend().user_can_authenticate(api_token.user):
        return None
    address = client_ip(request) if request is not None else None
    if (
        api_token.last_used_at is None
        or now - api_token.last_used_at > _LAST_USED_RESOLUTION
        or (address and address != api_token.last_used_ip)
    ):
        ApiToken.objects.filter(pk=api_token.pk).update(last_used_at=now, last_used_ip=address)
    return api_token.user


def token_revoke(
    *, api_token: ApiToken, actor: User | None = None, reason: str = "revoked"
) -> None:
    """End one token now. Revoking an ended token changes nothing."""
    with transaction.atomic():
        if api_token.revoked_at is not None:
            return
        api_token.revoked_at = timezone.now()
        api_token.revoked_reason = reason
        api_token.save(update_fields=["revoked_at", "revoked_reason"])
        audit.record(
            "accounts.token.revoked", actor=actor, obj=api_token, details={"reason": reason}
        )


def tokens_revoke_all(*, user: User, reason: str, actor: User | None = None) -> int:
    """End every live token of ``user`` (password change, second factor reset, deactivation);
    one audit row with the count. Returns how many ended."""
    with transaction.atomic():
        count = ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(
            revoked_at=timezone.now(), revoked_reason=reason
        )
        if count:
            audit.record(
                "accounts.token.revoked_all",
                actor=actor,
                obj=user,
                details={"reason": reason, "count": count},
            )
    return count
