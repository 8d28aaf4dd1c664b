from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from waspada.cases import extensions
from waspada.jobs import registry


class ImportsConfig(AppConfig):
    name = "waspada.imports"
    label = "imports"
    verbose_name = _("Impor kasus")

    def ready(self) -> None:
        from waspada.imports import jobs

        registry.register(
            jobs.EXPORT_JOB, jobs.export_job,
            label=_("Ekspor kasus organisasi"), may_download=jobs.may_download,
        )  # fmt: skip
        extensions.register_list_link(
            "imports:cases", _("Impor kasus dari spreadsheet"), order=90, needs_manage=True
        )
        extensions.register_list_link(
            "imports:export", _("Ekspor kasus organisasi"), order=95, perm="protection.approve"
        )
