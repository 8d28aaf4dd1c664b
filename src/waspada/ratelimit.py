"""Fixed-window counters per client, kept in Django's cache: request rate limits (public
job-offer checks) and failed-login throttling.

With the default local-memory cache each web process counts on its own; configure a shared
cache (Redis) in deployments with several processes for a global limit.
"""

from __future__ import annotations

import time

from django.core.cache import cache


def _key(scope: str, client: str, window_seconds: int) -> str:
    window = int(time.time() // window_seconds)
    return f"waspada:rl:{scope}:{client}:{window}"


def hits(scope: str, client: str, *, window_seconds: int = 60) -> int:
    """How many times ``client`` was counted in ``scope`` in the current window."""
    return int(cache.get(_key(scope, client, window_seconds), 0))


def hit(scope: str, client: str, *, window_seconds: int = 60) -> int:
    """Count ``client`` once more in ``scope``; returns the count in the current window."""
    key = _key(scope, client, window_seconds)
    if cache.add(key, 1, timeout=window_seconds + 1):
        return 1
    try:
        return int(cache.incr(key))
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=window_seconds + 1)
        return 1


def rate_limited(scope: str, client: str, *, limit: int, window_seconds: int = 60) -> bool:
    """Count one request of ``client`` in ``scope``; True when it exceeds ``limit``."""
    return hit(scope, client, window_seconds=window_seconds) > limit
