"""The waitress server behind ``waspada run``, configured for what Waspada promises.

- **Nothing in clear on disk.** waitress keeps a request body in memory up to
  ``inbuf_overflow`` and spools the rest to the system temporary folder, in clear, before
  the application (and its encrypted upload spooling, ``waspada.uploads``) sees any of it.
  Bodies are therefore kept in memory up to the largest accepted body, and refused above it;
  responses (decrypted evidence, exports) are likewise never spooled to disk: waitress already
  holds back a streaming application above ``outbuf_high_watermark`` (16 MB).
- **The size limit before reading.** A ``Content-Length`` above
  ``WASPADA_REQUEST_MAX_BYTES`` is refused (413) before any of the body is read, and a chunked
  body is stopped when it passes the limit.
- **The proxy decides nothing here.** waitress's own proxy-header handling (one trusted
  address, no networks) is turned off; ``ClientAddressMiddleware`` believes forwarded headers
  only from ``WASPADA_TRUSTED_PROXIES``.
- **Enough connections.** Keep-alive clients each hold a connection; threads and the connection
  limit come from settings, measured in docs/performance.md. ``poll()`` replaces ``select()``,
  which cannot watch more than 1,024 sockets.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
from typing import Any

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from waitress.channel import HTTPChannel
from waitress.server import create_server
from waitress.task import ErrorTask
from waitress.utilities import RequestEntityTooLarge

# Responses are never spooled to a temporary file: this is the largest response buffer.
OUTBUF_IN_MEMORY = 1 << 62


def too_large_message(limit_bytes: int) -> str:
    """The refusal of an oversized request, in Bahasa Indonesia then English."""
    megabytes = limit_bytes // (1024 * 1024)
    lines = []
    for language in ("id", "en"):
        with translation.override(language):
            lines.append(
                _("Kiriman terlalu besar: batasnya %(limit)s MB. Tidak ada yang disimpan.")
                % {"limit": megabytes}
            )
    return "\n".join(lines) + "\n"


class _ErrorTask(ErrorTask):
    """waitress's error answer, with a message people can read for a body over the limit."""

    def execute(self) -> None:
        if not isinstance(self.request.error, RequestEntityTooLarge):
            super().execute()
            return
        body = too_large_message(settings.WASPADA_REQUEST_MAX_BYTES).encode("utf-8")
        self.status = "413 Request Entity Too Large"
        self.response_headers.append(("Content-Type", "text/plain; charset=utf-8"))
        self.set_close_on_finish()
        self.content_length = len(body)
        self.write(body)


class _Channel(HTTPChannel):
    error_task_class = _ErrorTask


def options() -> dict[str, Any]:
    """waitress adjustments from the settings (see the module docstring for each reason)."""
    limit = settings.WASPADA_REQUEST_MAX_BYTES
    return {
        "threads": settings.WASPADA_THREADS,
        "connection_limit": settings.WASPADA_CONNECTION_LIMIT,
        "asyncore_use_poll": True,
        # waitress refuses a body when it reaches max_request_body_size: allow exactly `limit`.
        "max_request_body_size": limit + 1,
        "inbuf_overflow": limit + 1,
        "outbuf_overflow": OUTBUF_IN_MEMORY,
        "clear_untrusted_proxy_headers": False,
        "ident": "waspada",
    }


def _run(application: Any, **adjustments: Any) -> None:
    server = create_server(application, **adjustments)
    server.channel_class = _Channel
    server.run()


def serve(application: Any, *, host: str, port: int, processes: int = 1, **overrides: Any) -> None:
    """Serve ``application`` until interrupted, in ``processes`` processes (POSIX only).

    One waitress process runs Python on one core at a time (the GIL); pages are rendered in
    Python, so throughput grows with processes, not threads (docs/performance.md). The
    processes share one listening socket, forked after the application is loaded; the caller
    closes database connections first and must give them a shared cache (rate limits).
    """
    adjustments = {**options(), **overrides}
    if processes <= 1:
        _run(application, host=host, port=port, **adjustments)
        return
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    listener = socket.create_server((host, port), family=family, backlog=1024)
    children = []
    for _number in range(processes):
        pid = os.fork()
        if pid == 0:  # pragma: no cover  (a child: serves until terminated)
            status = 1
            try:
                signal.signal(signal.SIGINT, signal.SIG_DFL)
                _run(application, sockets=[listener], **adjustments)
                status = 0
            finally:
                os._exit(status)
        children.append(pid)
    listener.close()

    def stop(signum: int, _frame: object) -> None:
        for child in children:
            with contextlib.suppress(ProcessLookupError):
                os.kill(child, signal.SIGTERM)
        raise SystemExit(0 if signum in (signal.SIGTERM, signal.SIGINT) else 1)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    # A process that dies takes the others down: a supervisor (systemd) restarts the whole.
    os.wait()
    stop(signal.SIGCHLD, None)
