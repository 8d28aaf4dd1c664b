from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from waspada.accounts import throttle
from waspada.audit import services as audit


class LoginForm(AuthenticationForm):
    # One message for every failure, so it never tells which of the two was wrong.
    error_messages = {
        "invalid_login": _("Nama pengguna atau kata sandi salah, atau akun tidak aktif."),
        "inactive": _("Nama pengguna atau kata sandi salah, atau akun tidak aktif."),
        "throttled": _(
            "Terlalu banyak percobaan masuk yang gagal. Tunggu 15 menit, lalu coba lagi."
        ),
    }

    def clean(self) -> dict[str, Any]:
        username = self.cleaned_data.get("username") or ""
        if throttle.locked(self.request, username):
            # The password is not even checked, so guessing gains nothing while locked.
            count = throttle.refusal_record(self.request)
            if count is not None:  # aggregated: not one row per refusal
                audit.record(
                    "accounts.user.login_throttled",
                    request=self.request,
                    details={"reason": "too_many_failures", "count": count},
                )
            raise ValidationError(self.error_messages["throttled"], code="throttled")
        return super().clean()


class PasswordChangeForm(forms.Form):
    old_password = forms.CharField(
        label=_("Kata sandi lama"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    new_password1 = forms.CharField(
        label=_("Kata sandi baru"),
        strip=False,
        help_text=_("Minimal 10 karakter, bukan kata sandi umum, tidak hanya angka."),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    new_password2 = forms.CharField(
        label=_("Ulangi kata sandi baru"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, user: Any, *args: Any, **kwargs: Any) -> None:
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_old_password(self) -> str:
        old = self.cleaned_data["old_password"]
        if not self.user.check_password(old):
            raise forms.ValidationError(_("Kata sandi lama salah."), code="password_incorrect")
        return old

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("new_password1") != cleaned.get("new_password2"):
            self.add_error("new_password2", _("Kedua kata sandi baru tidak sama."))
        return cleaned
