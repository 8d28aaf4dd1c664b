from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from waspada.accounts.permissions import Perm
from waspada.ui import navigation


class IntelConfig(AppConfig):
    name = "waspada.intel"
    label = "intel"
    verbose_name = _("Intelijen perekrutan")

    def ready(self) -> None:
        from waspada.intel import receivers  # noqa: PLC0415 - models load after apps

        receivers.connect()
        navigation.register_section("intel:lookup", _("Intelijen"), Perm.INTEL_VIEW, order=45)
