from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    # One message for every failure, so it never tells which of the two was wrong.
    error_messages = {
        "invalid_login": _("Nama pengguna atau kata sandi salah, atau akun tidak aktif."),
        "inactive": _("Nama pengguna atau kata sandi salah, atau akun tidak aktif."),
    }


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
