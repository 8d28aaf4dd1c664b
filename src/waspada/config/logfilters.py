"""Logging filters named in ``settings.LOGGING``."""

from __future__ import annotations

import logging


class ForbiddenOneLine(logging.Filter):
    """Log a 403 as its one line ("Forbidden (Permission denied): /path"), without traceback.

    Django attaches the ``PermissionDenied`` traceback to every refusal; deny by default makes
    refusals routine, and a kilobyte of stack for each buries the log without telling more.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", None) == 403:
            record.exc_info = None
            record.exc_text = None
        return True
