"""Signals of identification interviews.

``recruiter_contacts_saved`` is sent inside the transaction that records an interview, with
``interview`` and ``contacts`` (the recruiter contacts the person gave, one per line, in
clear): recruitment intelligence turns them into sightings without this app naming it.
"""

from __future__ import annotations

from django.dispatch import Signal

recruiter_contacts_saved = Signal()
