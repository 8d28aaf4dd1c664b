"""Audit of authentication events.

Django's auth signals are the one hook that sees every login path (the login page, the admin,
test clients), so they are used here instead of a service call. No personal data is recorded:
a failed login stores neither the username tried nor the password. Failed logins also count
towards the login throttle (``accounts.throttle``).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from waspada.accounts import sessions, throttle
from waspada.audit import services as audit


@receiver(user_logged_in, dispatch_uid="waspada.audit.login")
def _logged_in(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    audit.record("accounts.user.login", actor=user, obj=user, request=request)
    if request is not None and hasattr(request, "session"):
        sessions.session_record(request=request, user=user)


@receiver(user_logged_out, dispatch_uid="waspada.audit.logout")
def _logged_out(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if user is not None:
        audit.record("accounts.user.logout", actor=user, obj=user, request=request)


@receiver(user_login_failed, dispatch_uid="waspada.audit.login_failed")
def _login_failed(sender: Any, credentials: Any, request: Any = None, **kwargs: Any) -> None:
    throttle.failure_record(request, str((credentials or {}).get("username") or ""))
    audit.record(
        "accounts.user.login_failed",
        request=request,
        details={"reason": "invalid_credentials"},
    )
