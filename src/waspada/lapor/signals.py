"""Signals of public reports.

``report_erased`` is sent inside the transaction of ``erasure.report_erase`` (which writes
with ``QuerySet.update`` and so sends no ``post_save``), with ``report``: apps that derived
data from the report (recruitment intelligence's sightings) forget it there. A receiver that
raises rolls the erasure back.
"""

from __future__ import annotations

from django.dispatch import Signal

report_erased = Signal()
