"""Values every page needs: navigation for the viewer's role and demo-mode state."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from waspada.accounts.permissions import can
from waspada.notifications.selectors import unread_count
from waspada.ui import navigation


def shell(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    nav = [(s.url_name, s.label) for s in navigation.sections() if can(user, s.perm)]
    return {
        "nav_sections": nav,
        # Counted only when a page shows it (the top bar of signed-in pages).
        "unread_notifications": lambda: unread_count(user),
        "demo_mode": settings.DEMO_MODE,
        "session_idle_minutes": settings.SESSION_IDLE_MINUTES,
    }
