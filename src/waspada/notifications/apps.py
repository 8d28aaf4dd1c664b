from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from waspada.jobs import registry


class NotificationsConfig(AppConfig):
    name = "waspada.notifications"
    label = "notifications"
    verbose_name = _("Notifikasi")

    def ready(self) -> None:
        from waspada.notifications import delivery

        registry.register(delivery.EMAIL_JOB, delivery.email_job)
        registry.register_periodic(delivery.DIGEST_JOB, delivery.digest_job, hour=7, minute=0)
