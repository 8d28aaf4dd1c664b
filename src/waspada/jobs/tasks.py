"""The Celery tasks: one runs a job row by id, one enqueues a scheduled job."""

from __future__ import annotations

from typing import Any

from celery.schedules import crontab

from waspada.jobs import broker, registry, runner
from waspada.jobs.models import Job

app = broker.app()


@app.task(name=broker.TASK_RUN, bind=True, max_retries=None)
def run_job(self: Any, job_id: int) -> str:
    try:
        return runner.run_job(job_id)
    except runner.RetryLater as exc:
        attempts = Job.objects.filter(pk=job_id).values_list("attempts", flat=True).first() or 1
        raise self.retry(countdown=min(300, 5 * 2**attempts)) from exc


@app.task(name=broker.TASK_PERIODIC)
def periodic(kind: str) -> int:
    return runner.periodic_enqueue(kind).pk


app.conf.beat_schedule = {
    item.kind: {
        "task": broker.TASK_PERIODIC,
        "args": [item.kind],
        "schedule": crontab(**item.crontab),
    }
    for item in registry.periodic()
}
