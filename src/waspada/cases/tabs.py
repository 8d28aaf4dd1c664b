"""The tabs of the case page. Each domain app renders its own tab.

A tab is (slug, label, template, context function). The context function receives the
request and a case the viewer is already allowed to see, and returns the template context.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Tab:
    slug: str
    label: Any
    template: str
    context: str  # dotted path of ``context(request, case) -> dict``


TABS: tuple[Tab, ...] = (
    Tab("profil", _("Profil"), "cases/tab_profile.html", "waspada.cases.views.profile_context"),
    Tab("identifikasi", _("Identifikasi"), "identification/tab.html",
        "waspada.identification.tab.context"),
    Tab("layanan", _("Pendampingan"), "assistance/tab.html", "waspada.assistance.tab.context"),
    Tab("rujukan", _("Rujukan"), "referrals/tab.html", "waspada.referrals.tab.context"),
    Tab("pemulangan", _("Pemulangan"), "repatriation/tab.html",
        "waspada.repatriation.tab.context"),
    Tab("penegakan-hukum", _("Penegakan hukum"), "legal/tab.html", "waspada.legal.tab.context"),
    Tab("riwayat", _("Riwayat"), "cases/tab_timeline.html", "waspada.cases.views.timeline_context"),
    Tab("audit", _("Audit"), "cases/tab_audit.html", "waspada.cases.views.audit_context"),
)  # fmt: skip


def tab_context_function(tab: Tab) -> Callable[..., dict[str, Any]]:
    from django.utils.module_loading import import_string

    function: Callable[..., dict[str, Any]] = import_string(tab.context)
    return function
