from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssistanceConfig(AppConfig):
    name = "waspada.assistance"
    label = "assistance"
    verbose_name = _("Pendampingan dan layanan")
