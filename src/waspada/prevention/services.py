"""Screening job offers for the public, sharing texts for review, and labelling them."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone

from waspada.audit import services as audit
from waspada.audit.services import client_ip
from waspada.prevention import extensions
from waspada.prevention.models import ReviewLabel, ScreeningCount, SharedOffer
from waspada.privacy import services as privacy
from waspada.screening import screen


def offer_screen(*, text: str, lang: str | None, channel: str) -> dict[str, Any]:
    """Screen ``text`` and count it (per day, channel and verdict). The text is not stored.

    Raises ``waspada.screening`` input errors for empty or over-long text.
    """
    assessment = reported_before_flag(text, screen(text, lang=lang).to_dict())
    _count(channel=channel, verdict=assessment["verdict"])
    return assessment


# The red flag a contact reported before adds; the risk rises to at least this.
REPORTED_BEFORE_RISK = 0.9


def reported_before_flag(text: str, assessment: dict[str, Any]) -> dict[str, Any]:
    """Add the "reported before" red flag when a contact in ``text`` is one that the
    registered contact checks know (``extensions``); the verdict becomes ``high``."""
    spans = extensions.reported_spans(assessment.get("entities") or {})
    if not spans:
        return assessment
    indicator = {
        "code": "REPORTED_BEFORE",
        "title": {
            "id": "Kontak ini pernah dilaporkan",
            "en": "This contact was reported before",
        },
        "explanation": {
            "id": "Nomor, akun atau tautan di teks ini pernah dilaporkan ke Waspada dalam "
            "kasus perekrutan. Hentikan komunikasi dan jangan kirim uang atau dokumen.",
            "en": "A number, account or link in this text was reported to Waspada before in "
            "a recruitment case. Stop contact and send no money or documents.",
        },
        "evidence": [{"text": text[s:e], "start": s, "end": e} for s, e in spans],
        "weight": 3.0,
        "source": "waspada-intel",
        "source_reference": "",
        "polarity": "risk",
    }
    return {
        **assessment,
        "indicators": [indicator, *assessment.get("indicators", [])],
        "risk": max(float(assessment.get("risk", 0.0)), REPORTED_BEFORE_RISK),
        "verdict": "high",
    }


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
            client_index=privacy.index("client", ip) if (ip := client_ip(request)) else "",
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
