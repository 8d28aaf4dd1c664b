from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from waspada.cases import extensions


class IdentificationConfig(AppConfig):
    name = "waspada.identification"
    label = "identification"
    verbose_name = _("Identifikasi korban")

    def ready(self) -> None:
        from waspada.identification import status_hint, tab

        extensions.register_status_hint("identification", status_hint.status_hint)
        extensions.register_tab(
            "identifikasi", _("Identifikasi"), "identification/tab.html", tab.context, order=20
        )
