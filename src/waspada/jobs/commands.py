"""Command-line actions of the jobs package (Django is set up by the caller)."""

from __future__ import annotations

from waspada.jobs import registry, runner


def run_periodic() -> list[tuple[str, str]]:
    """Enqueue today's run of every scheduled job and run it here (skipped if already done)."""
    outcomes = []
    for item in registry.periodic():
        job = runner.periodic_enqueue(item.kind)
        outcomes.append((item.kind, runner.run_in_process(job.pk)))
    return outcomes
