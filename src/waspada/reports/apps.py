from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from waspada.accounts.permissions import Perm
from waspada.jobs import registry
from waspada.ui import navigation


class ReportsConfig(AppConfig):
    name = "waspada.reports"
    label = "reports"
    verbose_name = _("Laporan dan dasbor 3P")

    def ready(self) -> None:
        navigation.register_section("reports:dashboard", _("Laporan"), Perm.REPORTS_VIEW, order=50)
        from waspada.reports import jobs, signals  # noqa: F401  (signals connects receivers)

        registry.register(
            jobs.ANNUAL_JOB, jobs.annual_pdf_job,
            label=_("PDF laporan tahunan"), may_download=jobs.may_download,
        )  # fmt: skip
        registry.register(
            jobs.TABLE_JOB, jobs.table_export_job,
            label=_("Ekspor tabel dasbor"), may_download=jobs.may_download,
        )  # fmt: skip
