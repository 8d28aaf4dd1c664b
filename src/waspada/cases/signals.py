"""Signals of the cases domain.

``cases_changed`` is sent by services that change cases with ``QuerySet.update`` (which sends
no ``post_save``), with ``case_ids``: derived data such as the dashboard's statistics rows
(``reports.facts``) listens to it.

``person_erased`` is sent inside the erasure transaction, with ``person`` and ``case``: every
app that keeps personal data of its own under separate keys (the evidence vault, later public
reports and intelligence) destroys it in its receiver. A receiver that raises rolls the whole
erasure back, so an erasure is never half done.

``recruiter_contacts_saved`` is sent inside the transaction that registers or updates a case,
with ``case`` and ``contacts`` (the structured "recruiter contacts" field, one per line, in
clear): recruitment intelligence turns it into sightings without the kernel naming it.
``case_assigned`` is sent by ``services.case_assign`` after the new assignment is saved, with
``case``, ``users`` (the caseworkers newly assigned, not those who already were) and ``actor``:
notifications listen to it.
"""

from __future__ import annotations

from django.dispatch import Signal

cases_changed = Signal()
# Sent by ``grants.case_access_revoke``/``case_access_end_all`` with ``case``, ``organisation``
# (None: every organisation), ``source_id``, ``cause``, ``at`` (may be later: a grace period)
# and ``actor``; the referrals app marks the referrals behind those grants as ended.
access_ended = Signal()
person_erased = Signal()
recruiter_contacts_saved = Signal()
case_assigned = Signal()
