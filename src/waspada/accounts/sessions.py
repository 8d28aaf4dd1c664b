"""The signed-in sessions of a user: recorded at login, listed on the user's page, ended one by
one by the user or all at once (password change, second-factor reset, deactivation)."""

from __future__ import annotations

from typing import Any

from django.contrib.sessions.backends.db import SessionStore
from django.db import transaction
from django.http import HttpRequest

from waspada.accounts.models import UserSession
from waspada.audit import services as audit
from waspada.audit.services import client_ip


def _store(session_key: str | None = None) -> SessionStore:
    # Waspada keeps sessions in the database (Django's default engine; settings never change
    # it), so web processes stay stateless and a session can be ended from anywhere.
    return SessionStore(session_key=session_key)


def session_record(*, request: HttpRequest, user: Any) -> None:
    """Name the session of ``request`` as one of ``user``'s (called at login)."""
    key = request.session.session_key
    if not key:
        return
    UserSession.objects.update_or_create(
        session_key=key,
        defaults={
            "user": user,
            "ip": client_ip(request),
            "user_agent": request.META.get("HTTP_USER_AGENT", "")[:200],
        },
    )


def session_rekeyed(*, old_key: str | None, request: HttpRequest) -> None:
    """The session of ``request`` got a new key (Django cycles it on password change)."""
    if old_key and request.session.session_key:
        UserSession.objects.filter(session_key=old_key).update(
            session_key=request.session.session_key
        )


def session_list(*, user: Any) -> list[UserSession]:
    """The user's sessions that are still alive; rows of ended sessions are pruned."""
    alive: list[int] = []
    ended: list[int] = []
    for row in UserSession.objects.filter(user=user):
        (alive if _store().exists(row.session_key) else ended).append(row.pk)
    if ended:
        UserSession.objects.filter(pk__in=ended).delete()
    return list(UserSession.objects.filter(pk__in=alive))


def session_end(*, user: Any, session_id: int, request: HttpRequest | None = None) -> bool:
    """End one of ``user``'s own sessions; False when it is not theirs (or already gone)."""
    row = UserSession.objects.filter(user=user, pk=session_id).first()
    if row is None:
        return False
    with transaction.atomic():
        _store(row.session_key).delete(row.session_key)
        row.delete()
        audit.record("accounts.session.ended", actor=user, obj=user, request=request)
    return True


def sessions_end_all(*, user: Any, keep: str | None = None) -> int:
    """End every session of ``user`` except ``keep``; returns how many ended."""
    rows = UserSession.objects.filter(user=user).exclude(session_key=keep or "")
    count = 0
    for row in rows:
        _store(row.session_key).delete(row.session_key)
        count += 1
    rows.delete()
    return count
