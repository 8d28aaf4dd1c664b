"""``waspada run``: serve the platform with the waitress WSGI server."""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from waspada import __version__


def add_parsers(subparsers: Any, setup: Any) -> None:
    run = subparsers.add_parser("run", help="serve the platform (WSGI server waitress)")
    run.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    run.add_argument(
        "--port",
        type=int,
        default=int(os.environ.get("PORT") or 8000),
        help="port to bind (default $PORT or 8000)",
    )
    run.add_argument(
        "--threads", type=int, default=None,
        help="worker threads per process (default $WASPADA_THREADS or 8)",
    )  # fmt: skip
    run.add_argument(
        "--processes", type=int, default=None,
        help="server processes sharing the port (default $WASPADA_PROCESSES or 1)",
    )  # fmt: skip
    run.set_defaults(func=lambda args: _run(args, setup))


def _run(args: argparse.Namespace, setup: Any) -> int:
    setup()
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured
    from django.db import connection, connections
    from django.db.migrations.executor import MigrationExecutor

    from waspada.config.server import serve
    from waspada.config.startup import resume_jobs
    from waspada.config.wsgi import application

    processes = args.processes or settings.WASPADA_PROCESSES
    if processes > 1 and not settings.WASPADA_SHARED_CACHE:
        raise ImproperlyConfigured(
            "WASPADA_PROCESSES above 1 needs WASPADA_CACHE_URL (a shared Redis), or each process "
            "counts rate limits and failed logins on its own"
        )
    if processes > 1 and not hasattr(os, "fork"):
        raise ImproperlyConfigured("WASPADA_PROCESSES above 1 needs a POSIX system (fork)")
    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        print(
            "waspada: the database has unapplied migrations; run `waspada manage migrate` "
            "(or `waspada demo` for the demo database).",
            file=sys.stderr,
        )
        return 2
    host = args.host
    if host not in settings.ALLOWED_HOSTS and host not in ("0.0.0.0", "::"):  # noqa: S104
        settings.ALLOWED_HOSTS.append(host)
    print(f"Waspada {__version__} serving on http://{host}:{args.port}/ (Ctrl+C to stop)")
    if settings.DEMO_MODE:
        print("Demo mode is on: demo accounts can log in with the password 'waspada-demo'.")
    threads = args.threads or settings.WASPADA_THREADS
    resumed = resume_jobs()
    if resumed:
        print(f"Resumed {resumed} background job(s) interrupted by the last stop.")
    connections.close_all()  # each process opens its own
    serve(application, host=host, port=args.port, threads=threads, processes=processes)
    return 0
