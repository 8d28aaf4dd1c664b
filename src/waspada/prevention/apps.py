from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from waspada.accounts.permissions import Perm
from waspada.jobs import registry
from waspada.ui import navigation


class PreventionConfig(AppConfig):
    name = "waspada.prevention"
    label = "prevention"
    verbose_name = _("Pencegahan")

    def ready(self) -> None:
        from waspada.prevention import bulk

        navigation.register_section(
            "prevention:home", _("Pencegahan"), Perm.PREVENTION_VIEW, order=10
        )
        registry.register(bulk.JOB, bulk.bulk_screen_job)
