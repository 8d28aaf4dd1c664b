from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "waspada.cases"
    label = "cases"
    verbose_name = _("Kasus korban")

    def ready(self) -> None:
        from waspada.cases import extensions, views

        extensions.register_tab(
            "profil", _("Profil"), "cases/tab_profile.html", views.profile_context, order=10
        )
        extensions.register_tab(
            "riwayat", _("Riwayat"), "cases/tab_timeline.html", views.timeline_context, order=90
        )
        extensions.register_tab(
            "audit", _("Audit"), "cases/tab_audit.html", views.audit_context, order=100
        )
