"""Who may see and who may manage trainings. The only place in this app that decides it.

The roles come from the permission matrix (``waspada.accounts.permissions``); this module adds
which trainings (the organiser's) and what viewing includes:

- **view** trainings of every organisation, their participants (never their names) and the
  results: anyone holding ``Perm.REPORTS_VIEW`` (admin, supervisor, programme officer,
  analyst) or ``Perm.PROSECUTION_VIEW`` (supervisor, legal officer, caseworker). The
  attendance export without names is part of viewing.
- **manage** (create a training; edit it; add, edit, import and remove its participants):
  holders of ``Perm.TRAININGS_MANAGE`` (programme officers, supervisors, legal officers), for
  trainings whose organiser is their own organisation. A new training is always organised by
  the creator's organisation.
- **certificate names in the export**: a manager of the training who also holds
  ``Perm.PROSECUTION_MANAGE`` (supervisor, legal officer); every export is audited.

As with ``can``: an inactive user, a user without organisation or role, or an inactive
organisation gets nothing.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404

from waspada.accounts.permissions import Perm, can
from waspada.trainings.models import Training


def can_view_trainings(user: Any) -> bool:
    return can(user, Perm.REPORTS_VIEW) or can(user, Perm.PROSECUTION_VIEW)


def can_manage_trainings(user: Any, training: Training | None = None) -> bool:
    """True if the user's role manages trainings; with ``training``, only when the training
    is organised by the user's organisation. Without it: may the user create trainings."""
    if not can(user, Perm.TRAININGS_MANAGE):
        return False
    return training is None or training.organiser_id == user.organisation_id


def can_see_participant_rows(user: Any, training: Training) -> bool:
    """Participants' rows (institution, role, sex, scores) are for the organisation that ran
    the training and for roles that manage trainings; everyone else sees aggregates with small
    cells suppressed (``selectors.participant_summary``)."""
    if not can_view_trainings(user):
        return False
    return user.organisation_id == training.organiser_id or can(user, Perm.TRAININGS_MANAGE)


def can_export_names(user: Any, training: Training) -> bool:
    return can_manage_trainings(user, training) and can(user, Perm.PROSECUTION_MANAGE)


def get_training_for(user: Any, pk: int) -> Training:
    """The training if the user may see it; 404 otherwise (also for users who see none)."""
    if not can_view_trainings(user):
        raise Http404
    training = Training.objects.select_related("organiser", "data_key").filter(pk=pk).first()
    if training is None:
        raise Http404
    return training
