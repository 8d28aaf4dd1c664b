"""What ``waspada run`` does once before it serves."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from waspada.jobs.runner import resume_interrupted


def resume_jobs() -> int:
    """Without a broker, background jobs run in the server's threads: those the last run left
    mid-way are queued again (with a broker, Celery delivers them again itself)."""
    if settings.WASPADA_BROKER_URL:
        return 0
    with transaction.atomic():
        return resume_interrupted(started_before=timezone.now())
