"""The second factor (enrol, verify) and the user's own security page: second factor, API
tokens and sessions. Thin: each view calls ``second_factor``, ``services`` or ``sessions``."""

from __future__ import annotations

from base64 import b32encode

import segno
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from waspada.accounts import second_factor, services, sessions
from waspada.accounts.models import ApiToken
from waspada.accounts.requests import AuthenticatedRequest
from waspada.confirm import ask_first


class CodeForm(forms.Form):
    token = forms.CharField(
        label=gettext_lazy("Kode"),
        max_length=20,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )


class TokenForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Nama token (untuk apa)"), max_length=100)


def _next(request: AuthenticatedRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return "/dasbor/"


def second_factor_verify(request: AuthenticatedRequest) -> HttpResponse:
    if not second_factor.is_enrolled(request.user):
        return redirect("accounts:second_factor_enrol")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if second_factor.verify(request=request, token=form.cleaned_data["token"]):
            return HttpResponseRedirect(_next(request))
        form.add_error("token", _("Kode salah atau sudah kedaluwarsa. Coba kode yang baru."))
    return render(
        request, "accounts/second_factor_verify.html", {"form": form, "next": _next(request)}
    )


def second_factor_enrol(request: AuthenticatedRequest) -> HttpResponse:
    if second_factor.is_enrolled(request.user) and not second_factor.is_verified(request):
        return redirect("accounts:second_factor_verify")
    device = second_factor.enrolment_device(user=request.user)
    if device is None:
        device = second_factor.enrolment_start(user=request.user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = second_factor.enrolment_confirm(
            request=request, device=device, token=form.cleaned_data["token"]
        )
        if codes is not None:
            return render(
                request,
                "accounts/recovery_codes.html",
                {"codes": codes, "next": _next(request)},
            )
        form.add_error("token", _("Kode salah. Periksa jam ponsel Anda, lalu coba kode baru."))
    uri = device.config_url
    context = {
        "form": form,
        "qr": segno.make(uri, error="m").svg_inline(scale=4, dark="#111", light="#fff"),
        "secret": b32encode(device.bin_key).decode().rstrip("="),
        "next": _next(request),
        "required": second_factor.is_required(request.user),
    }
    return render(request, "accounts/second_factor_enrol.html", context)


def security(request: AuthenticatedRequest) -> HttpResponse:
    """The user's own page: second factor, tokens, sessions."""
    user = request.user
    context = {
        "enrolled": second_factor.is_enrolled(user),
        "verified": second_factor.is_verified(request),
        "required": second_factor.is_required(user),
        "tokens": ApiToken.objects.filter(user=user).order_by("-created_at"),
        "token_form": TokenForm(),
        "sessions": sessions.session_list(user=user),
        "current_session": request.session.session_key,
        "now": timezone.now(),
    }
    return render(request, "accounts/security.html", context)


@require_POST
def token_create(request: AuthenticatedRequest) -> HttpResponse:
    if not second_factor.is_verified(request):
        raise PermissionDenied(_("Token API hanya dapat dibuat setelah verifikasi dua langkah."))
    form = TokenForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Beri nama token itu."))
        return redirect("accounts:security")
    token = services.token_create(
        user=request.user, name=form.cleaned_data["name"], actor=request.user
    )
    return render(request, "accounts/token_created.html", {"token": token})


@require_POST
def token_revoke(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    api_token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    question = _("Cabut token API ini? Aplikasi yang memakainya tidak bisa masuk lagi.")
    detail = f"{api_token.name or '–'} ({api_token.prefix}…)"
    if (asked := ask_first(request, question, button=_("Ya, cabut"), detail=detail)) is not None:
        return asked
    services.token_revoke(api_token=api_token, actor=request.user)
    messages.success(request, _("Token dicabut."))
    return redirect("accounts:security")


@require_POST
def session_end(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    if not sessions.session_end(user=request.user, session_id=pk, request=request):
        raise PermissionDenied
    messages.success(request, _("Sesi diakhiri."))
    return redirect("accounts:security")


@require_POST
def recovery_renew(request: AuthenticatedRequest) -> HttpResponse:
    if not second_factor.is_verified(request):
        raise PermissionDenied
    codes = second_factor.recovery_codes_renew(request=request)
    return render(request, "accounts/recovery_codes.html", {"codes": codes, "next": "/akun/"})
