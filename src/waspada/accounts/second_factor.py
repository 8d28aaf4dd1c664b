"""Two-factor sign-in: TOTP from an authenticator app, with one-time recovery codes.

Built on django-otp (``docs/dependencies.md``). A session has passed the second factor when
django-otp's session key names one of the user's confirmed devices (``request.user.is_verified``).
Who must enrol is derived from the permission matrix (``permissions.second_factor_required``);
``SecondFactorMiddleware`` sends them to enrol or verify before any other page.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django_otp import devices_for_user, user_has_device
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from waspada.accounts import sessions
from waspada.accounts.permissions import second_factor_required
from waspada.accounts.services import tokens_revoke_all
from waspada.audit import services as audit

RECOVERY_CODES = 10
TOTP_NAME = "authenticator"
RECOVERY_NAME = "recovery"


def is_required(user: Any) -> bool:
    """True when ``user`` must sign in with a second factor. Demo accounts in demo mode are
    exempt (README), so the public demo stays one password away."""
    if getattr(user, "is_demo", False) and settings.DEMO_MODE:
        return False
    return second_factor_required(getattr(user, "role", ""))


def is_enrolled(user: Any) -> bool:
    return user_has_device(user, confirmed=True)


def is_verified(request: HttpRequest) -> bool:
    check = getattr(request.user, "is_verified", None)
    return bool(check and check())


def enrolment_start(*, user: Any) -> TOTPDevice:
    """A fresh unconfirmed TOTP device (its secret shown once as a QR code and text)."""
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()
        return TOTPDevice.objects.create(user=user, name=TOTP_NAME, confirmed=False)


def enrolment_device(*, user: Any) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()


def enrolment_confirm(*, request: HttpRequest, device: TOTPDevice, token: str) -> list[str] | None:
    """Confirm ``device`` with a code from the app. On success the session has passed the
    second factor, earlier devices are replaced, and new recovery codes are returned: the only
    time they can be seen. None when the code is wrong."""
    user = request.user
    with transaction.atomic():
        if not device.verify_token(token.strip().replace(" ", "")):
            audit.record(
                "accounts.second_factor.enrol_failed", actor=user, obj=user, request=request
            )
            return None
        TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = _recovery_codes_replace(user)
        otp_login(request, device)
        audit.record("accounts.second_factor.enrolled", actor=user, obj=user, request=request)
    return codes


def _recovery_codes_replace(user: Any) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def recovery_codes_renew(*, request: HttpRequest) -> list[str]:
    """New recovery codes for a verified session; the old ones stop working."""
    with transaction.atomic():
        codes = _recovery_codes_replace(request.user)
        audit.record(
            "accounts.second_factor.recovery_renewed",
            actor=request.user,
            obj=request.user,
            request=request,
        )
    return codes


def verify(*, request: HttpRequest, token: str) -> bool:
    """Check a code from the app or a recovery code (used once). Throttled per device by
    django-otp (each failure doubles the wait). Audited either way, never with the code."""
    user = request.user
    token = token.strip().replace(" ", "")
    with transaction.atomic():
        for device in devices_for_user(user, confirmed=True, for_verify=True):
            if device.verify_token(token):
                otp_login(request, device)
                audit.record(
                    "accounts.second_factor.verified",
                    actor=user,
                    obj=user,
                    request=request,
                    details={"method": "recovery" if isinstance(device, StaticDevice) else "totp"},
                )
                return True
    audit.record("accounts.second_factor.failed", actor=user, obj=user, request=request)
    return False


def second_factor_reset(
    *, user: Any, actor: Any, reason: str, request: HttpRequest | None = None
) -> None:
    """Remove every device of ``user`` (lost phone): they enrol again at the next sign-in.
    Their tokens and sessions end. The reason is audited."""
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()
        tokens_revoke_all(user=user, reason="second_factor_reset", actor=actor)
        sessions.sessions_end_all(user=user)
        audit.record(
            "accounts.second_factor.reset",
            actor=actor,
            obj=user,
            request=request,
            details={"reason": reason[:200]},
        )
