from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from waspada.accounts.permissions import Perm
from waspada.ui import navigation


class AdministrationConfig(AppConfig):
    name = "waspada.administration"
    label = "administration"
    verbose_name = _("Administrasi")

    def ready(self) -> None:
        navigation.register_section(
            "administration:index", _("Administrasi"), Perm.ADMIN_VIEW, order=90
        )
