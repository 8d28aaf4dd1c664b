"""Screening job offers for the public, sharing texts for review, and labelling them."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone

from waspada.audit import services as audit
from waspada.prevention.models import ReviewLabel, ScreeningCount, SharedOffer
from waspada.screening import screen


def offer_screen(*, text: str, lang: str | None, channel: str) -> dict[str, Any]:
    """Screen ``text`` and count it (per day, channel and verdict). The text is not stored.

    Raises ``waspada.screening`` input errors for empty or over-long text.
    """
    assessment = screen(text, lang=lang).to_dict()
    _count(channel=channel, verdict=assessment["verdict"])
    return assessment


def _count(*, channel: str, verdict: str) -> None:
    day = timezone.localdate()
    key = {"day": day, "channel": channel, "verdict": verdict}
    if ScreeningCount.objects.filter(**key).update(count=F("count") + 1):
        return
    try:
        with transaction.atomic():
            ScreeningCount.objects.create(**key, count=1)
    except IntegrityError:  # another request created the row first
        ScreeningCount.objects.filter(**key).update(count=F("count") + 1)


def offer_share(
    *, text: str, assessment: dict[str, Any], request: HttpRequest | None = None
) -> SharedOffer:
    """Keep a text the visitor agreed to share for review (audited without its content)."""
    with transaction.atomic():
        offer = SharedOffer.objects.create(
            text=text,
            language=assessment.get("language", ""),
            risk=assessment["risk"],
            verdict=assessment["verdict"],
            indicator_codes=[ind["code"] for ind in assessment.get("indicators", [])],
            model_version=assessment.get("model_version") or "",
        )
        audit.record(
            "prevention.offer.shared",
            obj=offer,
            request=request,
            details={"verdict": offer.verdict},
        )
    return offer


def shared_offer_label(
    *, offer: SharedOffer, label: ReviewLabel, reviewer: Any, request: HttpRequest | None = None
) -> SharedOffer:
    """Record a reviewer's label; relabelling is allowed and audited each time."""
    with transaction.atomic():
        previous = offer.label
        offer.label = label
        offer.reviewed_by = reviewer
        offer.reviewed_at = timezone.now()
        offer.save(update_fields=["label", "reviewed_by", "reviewed_at"])
        audit.record(
            "prevention.offer.labelled",
            actor=reviewer,
            obj=offer,
            request=request,
            details={"label": str(label), "previous": previous},
        )
    return offer


def reviewed_examples() -> list[dict[str, Any]]:
    """Labelled shared texts as training examples (``unsure`` ones are left out)."""
    rows = SharedOffer.objects.filter(label__in=[ReviewLabel.SCAM, ReviewLabel.LEGITIMATE]).values(
        "pk", "text", "label", "language"
    )
    return [
        {
            "id": f"reviewed-{row['pk']}",
            "text": row["text"],
            "label": 1 if row["label"] == ReviewLabel.SCAM else 0,
            "kind": "reviewed",
            "lang": row["language"],
            "provenance": "shared by a member of the public with consent; labelled by a reviewer",
        }
        for row in rows
    ]
