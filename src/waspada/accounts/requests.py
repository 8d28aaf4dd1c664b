"""The request of a signed-in user, typed once for the pages and the API."""

from __future__ import annotations

from django.http import HttpRequest

from waspada.accounts.models import User


class AuthenticatedRequest(HttpRequest):
    """A request whose ``user`` is a signed-in ``User``: every page that is not on the public
    allow-list (``DenyByDefaultMiddleware``) and every API endpoint with a token
    (``BearerToken``). For annotations only: Django still builds its own request object."""

    user: User
