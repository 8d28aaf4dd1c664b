"""Reads for the review queue, restricted to reviewers."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from waspada.accounts.permissions import Perm, can
from waspada.audit import services as audit
from waspada.prevention.models import SharedOffer


def review_queue(*, viewer: Any, status: str = "pending", limit: int = 50) -> list[SharedOffer]:
    """Shared texts awaiting a label (``pending``) or already labelled (``done``).

    The texts may hold personal data, so every read of the queue is audited (ids only).
    """
    if not can(viewer, Perm.SCREENING_REVIEW):
        raise PermissionDenied
    queryset: QuerySet[SharedOffer] = SharedOffer.objects.select_related("reviewed_by")
    if status == "done":
        queryset = queryset.exclude(label="").order_by("-reviewed_at")
    else:
        queryset = queryset.filter(label="").order_by("created_at")
    offers = list(queryset[:limit])
    audit.record(
        "prevention.review_queue.viewed",
        actor=viewer,
        details={"status": status, "ids": [offer.pk for offer in offers]},
    )
    return offers


def get_shared_offer_for(viewer: Any, pk: int) -> SharedOffer:
    if not can(viewer, Perm.SCREENING_REVIEW):
        raise PermissionDenied
    return get_object_or_404(SharedOffer, pk=pk)
