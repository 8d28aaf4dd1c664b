from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from waspada.cases.signals import case_assigned
from waspada.jobs import registry


class WorkbenchConfig(AppConfig):
    name = "waspada.workbench"
    label = "workbench"
    verbose_name = _("Meja kerja")

    def ready(self) -> None:
        from waspada.workbench import events, jobs, reminders, sections

        sections.register_all()
        case_assigned.connect(events.on_case_assigned, dispatch_uid="workbench.case_assigned")
        registry.register_periodic(reminders.DAILY_JOB, reminders.daily_job, hour=6, minute=0)
        registry.register(
            jobs.INTEL_REBUILD_JOB, jobs.intel_rebuild_job, label=_("Bangun ulang indeks intelijen")
        )
        registry.register(
            jobs.RELEASE_JOB,
            jobs.release_approve_job,
            label=_("Persetujuan dan pembuatan rilis data"),
        )
        registry.register_periodic(
            reminders.WEEKLY_JOB, reminders.weekly_job, day_of_week=1, hour=6, minute=30
        )
