from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from waspada.accounts.permissions import Perm
from waspada.cases import extensions
from waspada.ui import navigation


class LegalConfig(AppConfig):
    name = "waspada.legal"
    label = "legal"
    verbose_name = _("Perkara hukum")

    def ready(self) -> None:
        navigation.register_section(
            "legal:list", _("Penegakan hukum"), Perm.PROSECUTION_VIEW, order=30
        )
        from waspada.legal import tab

        extensions.register_tab(
            "penegakan-hukum", _("Penegakan hukum"), "legal/tab.html", tab.context, order=60
        )
