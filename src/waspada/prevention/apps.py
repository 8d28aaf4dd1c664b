from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from waspada.accounts.permissions import Perm
from waspada.ui import navigation


class PreventionConfig(AppConfig):
    name = "waspada.prevention"
    label = "prevention"
    verbose_name = _("Pencegahan")

    def ready(self) -> None:
        navigation.register_section(
            "prevention:home", _("Pencegahan"), Perm.PREVENTION_VIEW, order=10
        )
