from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from waspada.cases import extensions


class ReferralsConfig(AppConfig):
    name = "waspada.referrals"
    label = "referrals"
    verbose_name = _("Rujukan")

    def ready(self) -> None:
        from waspada.referrals import tab

        extensions.register_tab(
            "rujukan", _("Rujukan"), "referrals/tab.html", tab.context, order=40
        )
        extensions.register_list_link("referrals_inbox:incoming", _("Rujukan masuk"), order=10)
