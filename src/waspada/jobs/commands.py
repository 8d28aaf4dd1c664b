"""Command-line actions of the jobs package (Django is set up by the caller)."""

from __future__ import annotations

from django.conf import settings

from waspada.jobs import registry, runner


def run_periodic() -> list[tuple[str, str]]:
    """Enqueue today's run of every scheduled job and run it here (skipped if already done).

    Without a broker the jobs these enqueue (e-mails) also run here, one after the other,
    rather than in threads competing for the embedded database.
    """
    if not settings.WASPADA_BROKER_URL:
        settings.WASPADA_JOBS_EAGER = True
    outcomes = []
    for item in registry.periodic():
        job = runner.periodic_enqueue(item.kind)
        outcomes.append((item.kind, runner.run_in_process(job.pk)))
    return outcomes
