from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from waspada.accounts.permissions import Perm
from waspada.cases import extensions
from waspada.cases.signals import access_ended
from waspada.ui import navigation


class LegalConfig(AppConfig):
    name = "waspada.legal"
    label = "legal"
    verbose_name = _("Perkara hukum")

    def ready(self) -> None:
        navigation.register_section(
            "legal:list", _("Penegakan hukum"), Perm.PROSECUTION_VIEW, order=30
        )
        from waspada.legal import services, tab

        def _access_ended(sender: object, **kwargs: object) -> None:
            # Withdrawn consent ends the shares of the legal cases linked to the victim's case.
            if kwargs["cause"] == "consent_withdrawn":
                services.legal_shares_end_for_case(
                    case=kwargs["case"], cause="consent_withdrawn", actor=kwargs["actor"]
                )

        access_ended.connect(_access_ended, weak=False, dispatch_uid="legal.access_ended")

        extensions.register_tab(
            "penegakan-hukum", _("Penegakan hukum"), "legal/tab.html", tab.context, order=60
        )
