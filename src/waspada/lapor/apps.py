from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LaporConfig(AppConfig):
    name = "waspada.lapor"
    label = "lapor"
    verbose_name = _("Laporan publik dan SOS")
