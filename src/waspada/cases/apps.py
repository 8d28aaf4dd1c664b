from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from waspada.accounts.permissions import Perm
from waspada.ui import navigation


class CasesConfig(AppConfig):
    name = "waspada.cases"
    label = "cases"
    verbose_name = _("Kasus korban")

    def ready(self) -> None:
        navigation.register_section("cases:list", _("Perlindungan"), Perm.PROTECTION_VIEW, order=20)
        from waspada.cases import extensions, views, views_casework

        extensions.register_tab(
            "profil", _("Profil"), "cases/tab_profile.html", views.profile_context, order=10
        )
        extensions.register_tab(
            "catatan", _("Catatan"), "cases/tab_notes.html", views_casework.notes_context,
            order=80,
        )  # fmt: skip
        extensions.register_tab(
            "serah-terima", _("Serah terima"), "cases/tab_transfers.html",
            views_casework.transfers_context, order=85,
        )  # fmt: skip
        extensions.register_list_link(
            "cases:transfers_incoming", _("Serah terima masuk"), order=15, needs_manage=True
        )
        extensions.register_tab(
            "riwayat", _("Riwayat"), "cases/tab_timeline.html", views.timeline_context, order=90
        )
        extensions.register_tab(
            "audit", _("Audit"), "cases/tab_audit.html", views.audit_context, order=100
        )
