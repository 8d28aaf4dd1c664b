"""Failed logins are throttled per account and per client address.

Within a fixed window (15 minutes), an account that has had ``WASPADA_LOGIN_FAILURES_PER_ACCOUNT``
failed logins, or an address that has had ``WASPADA_LOGIN_FAILURES_PER_ADDRESS``, is refused
without checking the password until the window ends. Counters live in Django's cache
(``waspada.ratelimit``); the account is counted under a keyed digest of the username, so the
cache never holds a username either.

Refusals are audited in aggregate, so that a flood of bad logins cannot flood the audit trail:
per client address and window, a row at the first refusal and then one each time the count
of refusals reaches 10, 100, 1000… (each with the count so far). The chain is append-only, so
a single row cannot be updated with the final count; this keeps the rows per address and
window logarithmic in the refusals while every row's count is exact.
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


def refusal_record(request: HttpRequest | None) -> int | None:
    """Count a refusal of this client address in the current window; return the count when
    it deserves an audit row (the first refusal, then 10, 100, 1000…), else None."""
    count = hit("login-refused", _address(request), window_seconds=WINDOW_SECONDS)
    return count if _milestone(count) else None


def _milestone(count: int) -> bool:
    while count >= 10 and count % 10 == 0:
        count //= 10
    return count == 1
