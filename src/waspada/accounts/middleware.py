"""Sends a signed-in user who has not passed the second factor to verify or enrol first.

Runs after Django's and django-otp's authentication. A user with a confirmed device must
verify it; a user whose role requires a second factor (``second_factor.is_required``) and has
none must enrol; other users go on (optional for them). The API is left alone: it
authenticates by token, and tokens are created only from a verified session.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from waspada.accounts import second_factor

# Pages a half-signed-in user may open: the two steps themselves, leaving, the language.
ALLOWED = frozenset(
    {
        "accounts:login",
        "accounts:logout",
        "accounts:second_factor_verify",
        "accounts:second_factor_enrol",
        "set_language",
    }
)


class SecondFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Any, args: Any, kwargs: Any
    ) -> HttpResponse | None:
        user = request.user
        if not user.is_authenticated or second_factor.is_verified(request):
            return None
        match = request.resolver_match
        if match is None or match.view_name in ALLOWED or match.view_name.startswith("api:"):
            return None
        if second_factor.is_enrolled(user):
            target = "accounts:second_factor_verify"
        elif second_factor.is_required(user):
            target = "accounts:second_factor_enrol"
        else:
            return None
        query = urlencode({"next": request.get_full_path()}) if request.method == "GET" else ""
        return HttpResponseRedirect(reverse(target) + (f"?{query}" if query else ""))
