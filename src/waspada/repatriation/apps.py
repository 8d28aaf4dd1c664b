from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RepatriationConfig(AppConfig):
    name = "waspada.repatriation"
    label = "repatriation"
    verbose_name = _("Pemulangan dan reintegrasi")
