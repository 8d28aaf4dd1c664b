"""The Celery application (Redis broker), configured from the settings on first use.

Only used when ``WASPADA_BROKER_URL`` is set; the tasks themselves are in ``tasks``.
"""

from __future__ import annotations

from functools import cache

from celery import Celery
from django.conf import settings

TASK_RUN = "waspada.jobs.run"
TASK_PERIODIC = "waspada.jobs.periodic"


@cache
def app() -> Celery:
    celery = Celery("waspada")
    celery.conf.update(
        broker_url=settings.WASPADA_BROKER_URL,
        # A message is acknowledged after its job ran: a worker that dies mid-way leaves it
        # to be delivered again (the job row makes the second run finish the work once).
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,
        task_ignore_result=True,
        broker_connection_retry_on_startup=True,
        broker_connection_timeout=2,
        broker_transport_options={"visibility_timeout": settings.WASPADA_BROKER_VISIBILITY_TIMEOUT},
        timezone=settings.TIME_ZONE,
        worker_hijack_root_logger=False,
    )
    return celery
