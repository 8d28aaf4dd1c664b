"""Request middleware: language choice and deny-by-default access."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth.middleware import LoginRequiredMiddleware
from django.http import HttpRequest, HttpResponse
from django.utils import translation

from waspada.ui.public import API_PREFIX, PUBLIC_VIEWS


class LanguageMiddleware:
    """Bahasa Indonesia unless the visitor chose otherwise with the language switcher.

    Unlike Django's LocaleMiddleware this ignores the browser's Accept-Language header: many
    phones in Indonesia are set to English, yet the product speaks Indonesian first.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.supported = {code for code, _label in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        response.headers.setdefault("Vary", "Cookie")
        return response


class DenyByDefaultMiddleware(LoginRequiredMiddleware):
    """Every page requires login unless its view name is on the public allow-list.

    Django's own ``login_not_required`` decorator is deliberately ignored: the allow-list in
    ``waspada.ui.public`` is the single place that opens a page to anonymous visitors.
    """

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., Any],
        view_args: Any,
        view_kwargs: Any,
    ) -> HttpResponse | None:
        if request.path_info.startswith(API_PREFIX):
            return None
        match = request.resolver_match
        if match is not None and match.view_name in PUBLIC_VIEWS:
            return None
        if request.user.is_authenticated:
            return None
        return self.handle_no_permission(request, view_func)
