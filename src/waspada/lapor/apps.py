from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from waspada.accounts.permissions import Perm
from waspada.cases.signals import person_erased
from waspada.ui import navigation


class LaporConfig(AppConfig):
    name = "waspada.lapor"
    label = "lapor"
    verbose_name = _("Laporan publik dan SOS")

    def ready(self) -> None:
        navigation.register_section("lapor:queue", _("Laporan publik"), Perm.LAPOR_TRIAGE, order=15)
        from waspada.lapor import receivers

        person_erased.connect(receivers.on_person_erased, dispatch_uid="lapor.person_erased")
