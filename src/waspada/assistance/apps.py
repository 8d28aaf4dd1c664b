from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from waspada.cases import extensions


class AssistanceConfig(AppConfig):
    name = "waspada.assistance"
    label = "assistance"
    verbose_name = _("Pendampingan dan layanan")

    def ready(self) -> None:
        from waspada.assistance import selectors, tab

        extensions.register_tab(
            "layanan", _("Pendampingan"), "assistance/tab.html", tab.context, order=30
        )
        extensions.register_list_filter(
            "overdue", _("Ada tindak lanjut terlambat"), selectors.overdue_case_ids
        )
        extensions.register_list_link(
            "assistance_overview:overdue", _("Tindak lanjut terlambat"), order=30
        )
