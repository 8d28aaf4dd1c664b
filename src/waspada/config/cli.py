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
    run.add_argument("--threads", type=int, default=8, help="worker threads (default 8)")
    run.add_argument(
        "--connection-limit",
        type=int,
        default=1000,
        help="open connections accepted at once (default 1000; waitress's own default of 100 "
        "counts its listening socket, so it turned the 99th phone away)",
    )
    run.set_defaults(func=lambda args: _run(args, setup))


def _run(args: argparse.Namespace, setup: Any) -> int:
    setup()
    from django.conf import settings
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor
    from waitress import serve

    from waspada.config.wsgi import application

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
    serve(
        application, host=host, port=args.port, threads=args.threads,
        connection_limit=args.connection_limit, ident="waspada",
    )  # fmt: skip
    return 0
