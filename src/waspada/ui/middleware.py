"""Request middleware: the client's address behind proxies, security headers, language
choice and deny-by-default access."""

from __future__ import annotations

import ipaddress
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth.middleware import LoginRequiredMiddleware
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import add_never_cache_headers

from waspada.ui.public import API_PREFIX, PUBLIC_VIEWS

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

# Headers a proxy sets about the original request; believed only from a trusted proxy.
FORWARDED_HEADERS = (
    "HTTP_X_FORWARDED_FOR",
    "HTTP_X_FORWARDED_PROTO",
    "HTTP_X_FORWARDED_HOST",
    "HTTP_X_FORWARDED_PORT",
    "HTTP_X_REAL_IP",
    "HTTP_FORWARDED",
)


def _address(value: str) -> IPAddress | None:
    value = value.strip()
    if value.startswith("[") and "]" in value:  # [2001:db8::1]:443
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:  # 203.0.113.7:443
        value = value.split(":", 1)[0]
    try:
        return ipaddress.ip_address(value)
    except ValueError:
        return None


class ClientAddressMiddleware:
    """Set ``REMOTE_ADDR`` to the real client's address, the one place everything reads it.

    The audit trail's ``client_ip``, the login throttle and the public screening limit all read
    ``REMOTE_ADDR``. When the connecting peer is one of ``WASPADA_TRUSTED_PROXIES``,
    ``X-Forwarded-For`` is read from the right (each proxy appends the address it saw), skipping
    trusted proxies: the first other address is the client. From any other peer every forwarded
    header is removed, so a client cannot choose its address, nor make Django believe the
    request came over HTTPS (``SECURE_PROXY_SSL_HEADER``).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.trusted = [ipaddress.ip_network(net) for net in settings.WASPADA_TRUSTED_PROXIES]

    def _is_trusted(self, address: IPAddress | None) -> bool:
        return address is not None and any(address in net for net in self.trusted)

    def client(self, peer: IPAddress, forwarded_for: str) -> IPAddress:
        client = peer
        for hop in reversed(forwarded_for.split(",")):
            if not self._is_trusted(client):
                break
            address = _address(hop)
            if address is None:  # garbage: stop at the last address a trusted proxy gave
                break
            client = address
        return client

    def __call__(self, request: HttpRequest) -> HttpResponse:
        meta = request.META
        peer = _address(meta.get("REMOTE_ADDR", ""))
        if peer is not None and self._is_trusted(peer):
            meta["REMOTE_ADDR"] = str(self.client(peer, meta.get("HTTP_X_FORWARDED_FOR", "")))
        else:
            for header in FORWARDED_HEADERS:
                meta.pop(header, None)
        return self.get_response(request)


class SecurityHeadersMiddleware:
    """Content-Security-Policy and Permissions-Policy on every response; ``no-store`` on any
    response that may show personal data.

    The no-store rule is the simplest safe one: every response except an anonymous visitor's
    GET of a public page (home, login form, job-offer check form). Logged-in pages, every API
    answer and every answer to a form post stay out of browser and proxy caches.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault(
            "Content-Security-Policy", settings.WASPADA_CONTENT_SECURITY_POLICY
        )
        response.headers.setdefault("Permissions-Policy", settings.WASPADA_PERMISSIONS_POLICY)
        user = getattr(request, "user", None)
        if (
            request.method not in ("GET", "HEAD")
            or request.path_info.startswith(API_PREFIX)
            or (user is not None and user.is_authenticated)
        ):
            add_never_cache_headers(response)
        return response


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
