"""Values every page needs: navigation for the viewer's role and demo-mode state."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from waspada.accounts.permissions import Perm, can

# (url name, label, permission needed to see it)
SECTIONS: list[tuple[str, Any, Perm]] = [
    ("prevention:home", _("Pencegahan"), Perm.PREVENTION_VIEW),
    ("cases:list", _("Perlindungan"), Perm.PROTECTION_VIEW),
    ("legal:list", _("Penegakan hukum"), Perm.PROSECUTION_VIEW),
    ("trainings:list", _("Pelatihan aparat"), Perm.REPORTS_VIEW),
    ("reports:dashboard", _("Laporan"), Perm.REPORTS_VIEW),
    ("administration:index", _("Administrasi"), Perm.ADMIN_VIEW),
]


def shell(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    nav = [(name, label) for name, label, perm in SECTIONS if can(user, perm)]
    return {
        "nav_sections": nav,
        "demo_mode": settings.DEMO_MODE,
        "session_idle_minutes": settings.SESSION_IDLE_MINUTES,
    }
