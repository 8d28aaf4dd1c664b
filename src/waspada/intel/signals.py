"""Signals of recruitment intelligence.

``alert_raised`` is sent after commit with ``alert`` (an ``intel.Alert``) for every alert a new
sighting raises. It is the hook for e-mail: the notifications app (being built) connects a
receiver that mails the alert's user; nothing else needs to change here.
"""

from __future__ import annotations

from django.dispatch import Signal

alert_raised = Signal()
