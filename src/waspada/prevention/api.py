"""Public API for the job-offer check: ``POST /api/v1/screen``."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from ninja import Router, Schema, Status

from waspada.audit.services import client_ip
from waspada.prevention import services
from waspada.ratelimit import rate_limited
from waspada.screening.errors import EmptyTextError, ScreeningInputError, TextTooLongError
from waspada.ui.api_kit import ErrorOut

router = Router(tags=["prevention"])


class ScreenIn(Schema):
    text: str
    lang: str | None = None


class EvidenceOut(Schema):
    text: str
    start: int
    end: int


class IndicatorOut(Schema):
    code: str
    title: dict[str, str]
    explanation: dict[str, str]
    evidence: list[EvidenceOut]
    weight: float
    source: str
    source_reference: str
    polarity: str


class ScreenOut(Schema):
    risk: float
    verdict: str
    indicators: list[IndicatorOut]
    advice: list[dict[str, str]]
    language: str
    entities: dict[str, Any]
    model_score: float
    model_version: str
    rules_version: str
    rule_score: float
    registry_is_sample: bool
    warnings: list[str]
    # Since screening rules 2026.1.0 (docs/screening.md): what the text reads as, what carried
    # a flag (model_and_rules / model_only / none) and plain-words notes {id, en}.
    text_type: str = "offer"
    text_type_probability: float = 1.0
    basis: str = "none"
    notes: list[dict[str, str]] = []


@router.post(
    "/screen",
    auth=None,
    url_name="screen",
    response={200: ScreenOut, 400: ErrorOut, 413: ErrorOut, 429: ErrorOut},
    summary="Screen a job offer or recruiter message",
)
def screen(request: HttpRequest, payload: ScreenIn) -> Status:
    """Public and rate-limited per client address. The text is not stored.

    ``verdict`` is ``high`` (strong signs: do not proceed), ``medium`` (verify before
    proceeding) or ``low`` (no strong sign found; never a guarantee of safety).
    """
    limit = settings.WASPADA_SCREEN_RATE_PER_MINUTE
    if rate_limited("screen-api", client_ip(request) or "-", limit=limit):
        return Status(429, {"detail": f"Too many requests: at most {limit} a minute."})
    try:
        assessment = services.offer_screen(text=payload.text, lang=payload.lang, channel="api")
    except TextTooLongError as exc:
        return Status(413, {"detail": str(exc)})
    except EmptyTextError:
        return Status(400, {"detail": "text is empty"})
    except ScreeningInputError as exc:
        return Status(400, {"detail": str(exc)})
    return Status(200, assessment)
