from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from waspada.cases import extensions


class ImportsConfig(AppConfig):
    name = "waspada.imports"
    label = "imports"
    verbose_name = _("Impor kasus")

    def ready(self) -> None:
        extensions.register_list_link(
            "imports:cases", _("Impor kasus dari spreadsheet"), order=90, needs_manage=True
        )
        extensions.register_list_link(
            "imports:export", _("Ekspor kasus organisasi"), order=95, perm="protection.approve"
        )
