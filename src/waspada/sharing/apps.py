from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from waspada.accounts.permissions import Perm
from waspada.ui import navigation


class SharingConfig(AppConfig):
    name = "waspada.sharing"
    label = "sharing"
    verbose_name = _("Berbagi data")

    def ready(self) -> None:
        navigation.register_section(
            "sharing:list", _("Berbagi data"), Perm.SHARING_REQUEST, order=60
        )
