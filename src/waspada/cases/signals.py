"""Signals of the cases domain.

``cases_changed`` is sent by services that change cases with ``QuerySet.update`` (which sends
no ``post_save``), with ``case_ids``: derived data such as the dashboard's statistics rows
(``reports.facts``) listens to it.
"""

from __future__ import annotations

from django.dispatch import Signal

cases_changed = Signal()
