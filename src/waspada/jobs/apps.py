from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    name = "waspada.jobs"
    label = "jobs"
    verbose_name = _("Pekerjaan latar belakang")

    def ready(self) -> None:
        from waspada.jobs import files, registry

        registry.register_periodic(files.EXPIRE_JOB, files.files_expire_job, hour=3, minute=15)
