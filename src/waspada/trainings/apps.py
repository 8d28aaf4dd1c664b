from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from waspada.accounts.permissions import Perm
from waspada.ui import navigation


class TrainingsConfig(AppConfig):
    name = "waspada.trainings"
    label = "trainings"
    verbose_name = _("Pelatihan aparat")

    def ready(self) -> None:
        navigation.register_section(
            "trainings:list", _("Pelatihan aparat"), Perm.REPORTS_VIEW, order=40
        )
