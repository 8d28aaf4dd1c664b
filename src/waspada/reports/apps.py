from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "waspada.reports"
    label = "reports"
    verbose_name = _("Laporan dan dasbor 3P")

    def ready(self) -> None:
        from waspada.reports import signals  # noqa: F401  (connects the receivers)
