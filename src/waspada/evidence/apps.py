from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from waspada.cases.signals import person_erased


class EvidenceConfig(AppConfig):
    name = "waspada.evidence"
    label = "evidence"
    verbose_name = _("Brankas barang bukti")

    def ready(self) -> None:
        from waspada.evidence import receivers

        person_erased.connect(receivers.on_person_erased, dispatch_uid="evidence.person_erased")
