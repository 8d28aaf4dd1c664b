"""Failed logins are throttled per account and per client address.

Within a fixed window (15 minutes), an account that has had ``WASPADA_LOGIN_FAILURES_PER_ACCOUNT``
failed logins, or an address that has had ``WASPADA_LOGIN_FAILURES_PER_ADDRESS``, is refused
without checking the password until the window ends. Counters live in Django's cache
(``waspada.ratelimit``); the account is counted under a keyed digest of the username, so the
cache never holds a username either.
"""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings
from django.http import HttpRequest

from waspada.audit.services import client_ip
from waspada.ratelimit import hit, hits

WINDOW_SECONDS = 15 * 60


def _account(username: str) -> str:
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, username.strip().casefold().encode(), hashlib.sha256).hexdigest()[:32]


def _address(request: HttpRequest | None) -> str:
    return client_ip(request) or "-"


def locked(request: HttpRequest | None, username: str) -> bool:
    """True when this account or this address has used up its failed logins for now."""
    account = hits("login-account", _account(username), window_seconds=WINDOW_SECONDS)
    address = hits("login-address", _address(request), window_seconds=WINDOW_SECONDS)
    return (
        account >= settings.WASPADA_LOGIN_FAILURES_PER_ACCOUNT
        or address >= settings.WASPADA_LOGIN_FAILURES_PER_ADDRESS
    )


def failure_record(request: HttpRequest | None, username: str) -> None:
    hit("login-account", _account(username), window_seconds=WINDOW_SECONDS)
    hit("login-address", _address(request), window_seconds=WINDOW_SECONDS)
