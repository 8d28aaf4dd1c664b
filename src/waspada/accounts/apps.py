from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "waspada.accounts"
    label = "accounts"
    verbose_name = _("Akun dan organisasi")

    def ready(self) -> None:
        from waspada.accounts import signals  # noqa: F401  (connects auth-event auditing)
