"""``waspada worker``, ``waspada scheduler`` and ``waspada jobs run-periodic``."""

from __future__ import annotations

import argparse
from typing import Any


def add_parsers(subparsers: Any, setup: Any) -> None:
    worker = subparsers.add_parser(
        "worker",
        help="run background jobs from the Redis broker (WASPADA_BROKER_URL)",
        description="Start a Celery worker for Waspada's jobs. Several workers, on one or "
        "several machines, may share one broker and database. --with-scheduler also runs "
        "the periodic schedule (reminders, digests) in this process: for small installations "
        "with exactly one worker.",
    )
    worker.add_argument("--concurrency", type=int, default=2, help="processes (default 2)")
    worker.add_argument("--with-scheduler", action="store_true", help="also run the schedule")
    worker.set_defaults(func=lambda args: worker_command(args, setup))
    scheduler = subparsers.add_parser(
        "scheduler",
        help="send the periodic jobs (reminders, digests) to the broker; run exactly one",
    )
    scheduler.set_defaults(func=lambda args: scheduler_command(args, setup))
    jobs = subparsers.add_parser("jobs", help="background jobs")
    actions = jobs.add_subparsers(dest="jobs_command", metavar="ACTION", required=True)
    run = actions.add_parser(
        "run-periodic",
        help="run the scheduled jobs of today now, in this process (for cron without a broker)",
    )
    run.set_defaults(func=lambda args: run_periodic_command(args, setup))


def _app(setup: Any) -> Any:
    setup()
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured

    if not settings.WASPADA_BROKER_URL:
        raise ImproperlyConfigured(
            "WASPADA_BROKER_URL is not set: without a broker, jobs run inside `waspada run` "
            "and `waspada jobs run-periodic` runs the schedule (e.g. from cron)"
        )
    from waspada.jobs import tasks

    return tasks.app


def worker_command(args: argparse.Namespace, setup: Any) -> int:
    app = _app(setup)
    argv = ["worker", "--loglevel", "INFO", "--concurrency", str(max(1, args.concurrency))]
    if args.with_scheduler:
        argv += ["--beat", "--schedule", _schedule_file()]
    app.worker_main(argv)
    return 0


def scheduler_command(args: argparse.Namespace, setup: Any) -> int:
    app = _app(setup)
    app.start(["beat", "--loglevel", "INFO", "--schedule", _schedule_file()])
    return 0


def _schedule_file() -> str:
    from django.conf import settings

    return str(settings.DATA_DIR / "scheduler-state")


def run_periodic_command(args: argparse.Namespace, setup: Any) -> int:
    setup()
    from waspada.jobs import commands

    for kind, outcome in commands.run_periodic():
        print(f"{kind}: {outcome}")
    return 0
