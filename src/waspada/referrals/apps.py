from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from waspada.cases import extensions
from waspada.cases.signals import access_ended


class ReferralsConfig(AppConfig):
    name = "waspada.referrals"
    label = "referrals"
    verbose_name = _("Rujukan")

    def ready(self) -> None:
        from waspada.referrals import services, tab

        def _access_ended(sender: object, **kwargs: object) -> None:
            services.referrals_end_for_access(
                case=kwargs["case"],  # type: ignore[arg-type]
                organisation=kwargs["organisation"],  # type: ignore[arg-type]
                source_id=kwargs["source_id"],  # type: ignore[arg-type]
                cause=str(kwargs["cause"]),
                at=kwargs["at"],
                actor=kwargs["actor"],
            )

        access_ended.connect(_access_ended, weak=False, dispatch_uid="referrals.access_ended")

        extensions.register_tab(
            "rujukan", _("Rujukan"), "referrals/tab.html", tab.context, order=40
        )
        extensions.register_list_link("referrals_inbox:incoming", _("Rujukan masuk"), order=10)
