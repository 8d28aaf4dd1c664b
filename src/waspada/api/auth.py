"""Bearer-token authentication for the JSON API."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from ninja.security import HttpBearer

from waspada.accounts import services


class BearerToken(HttpBearer):
    """``Authorization: Bearer <token>``. Unlike ninja's default it never logs the header."""

    def __call__(self, request: HttpRequest) -> Any:
        scheme, _, token = request.headers.get(self.header, "").partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            return None
        return self.authenticate(request, token.strip())

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = services.token_authenticate(token, request)
        if user is None:
            return None
        request.user = user
        return user


def token_or_session_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """For the OpenAPI schema: open to a logged-in browser session or a valid token."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.user.is_authenticated or BearerToken()(request) is not None:
            return view(request, *args, **kwargs)
        return JsonResponse({"detail": "Unauthorized"}, status=401)

    return wrapped
