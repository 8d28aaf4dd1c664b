"""Enqueue and run background jobs: on Celery when a broker is set, in-process otherwise.

- ``job_enqueue`` writes the job row and hands it over after the transaction commits.
- With ``WASPADA_BROKER_URL`` the job goes to the Celery worker; if the broker cannot be
  reached the job runs in a thread of this process instead (its ``note`` says so) and the
  request carries on: never an error page because Redis is down.
- Without a broker it runs in a thread; ``WASPADA_JOBS_EAGER`` runs it before returning.

``run_job`` is safe to call twice for one job: a finished job is skipped, and job functions
are idempotent (notifications, for example, are marked sent before they are sent).
"""

from __future__ import annotations

import logging
import threading
from functools import partial
from typing import Any

import redis
from django.conf import settings
from django.core.cache import cache
from django.db import close_old_connections, transaction
from django.db.models import F
from django.utils import timezone

from waspada.jobs import broker, registry
from waspada.jobs.models import Job, JobState

logger = logging.getLogger(__name__)

BROKER_DOWN_NOTE = "broker unreachable: ran in the web process"


class RetryLater(Exception):  # noqa: N818 (a signal to the caller, not an error)
    """The job failed and has attempts left."""


def job_enqueue(
    *, kind: str, params: dict[str, Any] | None = None, key: str | None = None,
    created_by: Any = None, total: int = 0,
) -> Job:  # fmt: skip
    """Record a job and run it after the current transaction commits.

    With a ``key`` the job is enqueued once: a second call returns the first row.
    """
    registry.function(kind)  # unknown kinds fail here, in the caller, not in a worker
    if key:
        existing = Job.objects.filter(key=key).first()
        if existing is not None:
            return existing
    job = Job.objects.create(
        kind=kind, params=params or {}, key=key, created_by=created_by, progress_total=total
    )
    transaction.on_commit(lambda: dispatch(job.pk))
    return job


def dispatch(job_id: int) -> None:
    if settings.WASPADA_JOBS_EAGER:
        run_in_process(job_id)
        return
    if settings.WASPADA_BROKER_URL:
        try:
            broker.app().send_task(broker.TASK_RUN, args=[job_id], retry=False)
            return
        except Exception as exc:  # kombu's OperationalError, socket errors: broker down
            logger.warning(
                "broker unreachable (%s); job %s runs in-process", type(exc).__name__, job_id
            )
            Job.objects.filter(pk=job_id).update(note=BROKER_DOWN_NOTE)
    threading.Thread(target=_thread_main, args=(job_id,), daemon=True).start()


def _thread_main(job_id: int) -> None:
    try:
        run_in_process(job_id)
    finally:
        close_old_connections()


def run_in_process(job_id: int) -> str:
    """Run a job here, retrying at once up to its attempts (no broker to retry later)."""
    while True:
        try:
            return run_job(job_id)
        except RetryLater:
            continue


def run_job(job_id: int) -> str:
    """Run one attempt of a job; "done", "failed" or "skipped" (already finished).

    Raises ``RetryLater`` when the attempt failed and attempts remain (the row says
    *queued* with the error).
    """
    claimed = Job.objects.filter(pk=job_id, state__in=[JobState.QUEUED, JobState.RUNNING]).update(
        state=JobState.RUNNING, attempts=F("attempts") + 1, started_at=timezone.now()
    )
    if not claimed:
        return "skipped"
    job = Job.objects.get(pk=job_id)
    try:
        result = registry.function(job.kind)(job)
    except Exception as exc:
        final = job.attempts >= job.max_attempts
        # The class only in the log (a message may quote data); the message on the job row.
        logger.warning("job %s (%s) failed, attempt %s: %s", job.pk, job.kind, job.attempts,
                       type(exc).__name__)  # fmt: skip
        Job.objects.filter(pk=job_id).update(
            state=JobState.FAILED if final else JobState.QUEUED,
            error=f"{type(exc).__name__}: {exc}"[:2000],
            finished_at=timezone.now() if final else None,
        )
        if final:
            return "failed"
        raise RetryLater from exc
    Job.objects.filter(pk=job_id).update(
        state=JobState.DONE,
        result=result or {},
        error="",
        finished_at=timezone.now(),
        progress_done=F("progress_total"),
    )
    return "done"


def job_progress(job: Job, *, done: int, total: int | None = None) -> None:
    """Record how far a running job is (shown as its progress bar)."""
    fields: dict[str, Any] = {"progress_done": done}
    if total is not None:
        fields["progress_total"] = total
    Job.objects.filter(pk=job.pk).update(**fields)


def job_retry(*, job: Job) -> Job:
    """Run a failed job again from the start (its attempts counted anew)."""
    if job.state != JobState.FAILED:
        return job
    Job.objects.filter(pk=job.pk, state=JobState.FAILED).update(
        state=JobState.QUEUED, attempts=0, error="", finished_at=None, progress_done=0, note=""
    )
    transaction.on_commit(lambda: dispatch(job.pk))
    job.refresh_from_db()
    return job


INTERRUPTED_NOTE = "interrupted (the process running it stopped): run again"


def resume_interrupted(*, started_before: Any) -> int:
    """Queue again the jobs left *running* by a process that stopped mid-way (a restarted
    ``waspada run`` without a broker ran them in its threads); a job with no attempt left
    fails with that reason. With a broker Celery delivers such a job again by itself
    (``task_acks_late``) once ``WASPADA_BROKER_VISIBILITY_TIMEOUT`` has passed. Returns how
    many jobs were queued again."""
    stale = Job.objects.filter(state=JobState.RUNNING, started_at__lt=started_before)
    stale.filter(attempts__gte=F("max_attempts")).update(
        state=JobState.FAILED, error=INTERRUPTED_NOTE, finished_at=timezone.now()
    )
    ids = list(stale.values_list("pk", flat=True))
    Job.objects.filter(pk__in=ids).update(state=JobState.QUEUED, note=INTERRUPTED_NOTE)
    for job_id in ids:
        transaction.on_commit(partial(dispatch, job_id))
    return len(ids)


def periodic_enqueue(kind: str) -> Job:
    """Enqueue a scheduled job once per local day, however often the schedule fires."""
    return job_enqueue(kind=kind, key=f"{kind}:{timezone.localdate().isoformat()}")


def broker_status() -> str:
    """ "none" (no broker configured), "ok" or "down"; remembered for 15 seconds."""
    url = settings.WASPADA_BROKER_URL
    if not url:
        return "none"
    status = cache.get("jobs:broker-status")
    if status is None:
        try:
            redis.Redis.from_url(url, socket_connect_timeout=1, socket_timeout=1).ping()
            status = "ok"
        except (redis.RedisError, OSError):
            status = "down"
        cache.set("jobs:broker-status", status, 15)
    return str(status)
