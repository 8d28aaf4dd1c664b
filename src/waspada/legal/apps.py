from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LegalConfig(AppConfig):
    name = "waspada.legal"
    label = "legal"
    verbose_name = _("Perkara hukum")

    def ready(self) -> None:
        from waspada.cases import extensions
        from waspada.legal import tab

        extensions.register_tab(
            "penegakan-hukum", _("Penegakan hukum"), "legal/tab.html", tab.context, order=60
        )
