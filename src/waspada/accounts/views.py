"""Login, logout and password change."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from waspada.accounts import services, sessions
from waspada.accounts.forms import LoginForm, PasswordChangeForm
from waspada.accounts.requests import AuthenticatedRequest


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    pass


def password_change(request: AuthenticatedRequest) -> HttpResponse:
    form = PasswordChangeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.password_change(
                user=request.user,
                new_password=form.cleaned_data["new_password1"],
                request=request,
            )
        except ValidationError as exc:
            form.add_error("new_password1", exc)
        else:
            old_key = request.session.session_key
            update_session_auth_hash(request, request.user)
            sessions.session_rekeyed(old_key=old_key, request=request)
            messages.success(request, _("Kata sandi Anda sudah diganti."))
            return redirect("ui:dashboard")
    return render(request, "accounts/password_change.html", {"form": form})
