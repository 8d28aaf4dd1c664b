"""A fixed-window rate limit per client, kept in Django's cache.

With the default local-memory cache each web process counts on its own; configure a shared
cache (Redis) in deployments with several processes for a global limit.
"""

from __future__ import annotations

import time

from django.core.cache import cache


def rate_limited(scope: str, client: str, *, limit: int, window_seconds: int = 60) -> bool:
    """Count one request of ``client`` in ``scope``; True when it exceeds ``limit``."""
    window = int(time.time() // window_seconds)
    key = f"waspada:rl:{scope}:{client}:{window}"
    if cache.add(key, 1, timeout=window_seconds + 1):
        return limit < 1
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=window_seconds + 1)
        count = 1
    return count > limit
