from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from waspada.cases import extensions


class RepatriationConfig(AppConfig):
    name = "waspada.repatriation"
    label = "repatriation"
    verbose_name = _("Pemulangan dan reintegrasi")

    def ready(self) -> None:
        from waspada.repatriation import status_hint, tab

        extensions.register_status_hint("repatriation", status_hint.status_hint)
        extensions.register_tab(
            "pemulangan", _("Pemulangan"), "repatriation/tab.html", tab.context, order=50
        )
        extensions.register_list_link(
            "repatriation_awaiting:list", _("Menunggu pemulangan"), order=20
        )
