"""Authentication backend: Django's model backend plus Waspada's rules on who may log in."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.backends import ModelBackend


class WaspadaBackend(ModelBackend):
    """Refuses inactive users, users of inactive organisations, and demo accounts when the
    platform is not in demo mode (so the well-known demo password never opens production)."""

    def user_can_authenticate(self, user: Any) -> bool:
        if not super().user_can_authenticate(user):
            return False
        if getattr(user, "is_demo", False) and not settings.DEMO_MODE:
            return False
        organisation = getattr(user, "organisation", None)
        return organisation is None or organisation.is_active
