"""Trainings API: list, create and read trainings, add participants, results by institution
type. Access is decided by ``waspada.trainings.access``, exactly as on the pages; no endpoint
ever returns a certificate name."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from ninja import Query, Router, Schema, Status

from waspada.trainings import selectors, services
from waspada.trainings.access import can_manage_trainings, can_view_trainings, get_training_for
from waspada.trainings.models import Participant, Training

router = Router(tags=["prosecution"])


class Error(Schema):
    detail: str


class ValidationOut(Schema):
    detail: str
    errors: dict[str, list[str]]


class TrainingIn(Schema):
    title: str
    topic: str
    start_date: date
    end_date: date
    province: str = ""
    city: str = ""
    target_institution_types: list[str] = []
    notes: str = ""


class ResultOut(Schema):
    participants: int
    attended: int
    paired: int
    mean_pre: float | None
    mean_post: float | None
    improvement: float | None


class TrainingOut(Schema):
    id: int
    title: str
    topic: str
    start_date: date
    end_date: date
    province: str
    city: str
    organiser: str
    organiser_id: int
    target_institution_types: list[str]
    notes: str
    results: ResultOut


class ParticipantIn(Schema):
    institution_type: str
    sex: str
    institution_name: str = ""
    role: str = ""
    attended: bool = True
    pre_score: float | None = None
    post_score: float | None = None
    certificate_name: str = ""


class ParticipantOut(Schema):
    id: int
    institution_type: str
    institution_name: str
    role: str
    sex: str
    attended: bool
    pre_score: float | None
    post_score: float | None
    has_certificate_name: bool


class TrainingDetailOut(TrainingOut):
    participants: list[ParticipantOut]


class TrainingListOut(Schema):
    count: int
    results: list[TrainingOut]


class CreatedOut(Schema):
    id: int


class InstitutionResultOut(Schema):
    institution_type: str
    label: str
    trainings: int
    results: ResultOut


class TrainingResultOut(Schema):
    id: int
    title: str
    topic: str
    start_date: date
    results: ResultOut


class ResultsOut(Schema):
    year_from: int | None
    year_to: int | None
    by_institution_type: list[InstitutionResultOut]
    total: ResultOut
    trainings: list[TrainingResultOut]


def _result(result: selectors.ScoreResult) -> dict[str, Any]:
    return {**result.__dict__, "improvement": result.improvement}


def _training(training: Training, result: selectors.ScoreResult | None = None) -> dict[str, Any]:
    return {
        "id": training.pk,
        "title": training.title,
        "topic": training.topic,
        "start_date": training.start_date,
        "end_date": training.end_date,
        "province": training.province,
        "city": training.city,
        "organiser": training.organiser.name,
        "organiser_id": training.organiser_id,
        "target_institution_types": training.target_institution_types,
        "notes": training.notes,
        "results": _result(result or selectors.training_results(training)),
    }


def _participant(participant: Participant) -> dict[str, Any]:
    score = lambda value: None if value is None else float(value)  # noqa: E731
    return {
        "id": participant.pk,
        "institution_type": participant.institution_type,
        "institution_name": participant.institution_name,
        "role": participant.role,
        "sex": participant.sex,
        "attended": participant.attended,
        "pre_score": score(participant.pre_score),
        "post_score": score(participant.post_score),
        "has_certificate_name": participant.has_name,
    }


def _validation(exc: ValidationError) -> Status:
    errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    return Status(400, {"detail": "validation failed", "errors": errors})


class ListFilters(Schema):
    year: int | None = None
    topic: str = ""
    organiser: int | None = None
    limit: int = 50
    offset: int = 0


@router.get(
    "/trainings",
    response={200: TrainingListOut, 403: Error},
    summary="Trainings of officials (all organisations)",
)
def training_index(request: HttpRequest, filters: Query[ListFilters]) -> Status:
    if not can_view_trainings(request.user):
        return Status(403, {"detail": "Your role cannot see trainings."})
    trainings = selectors.training_list(
        viewer=request.user,
        filters=selectors.TrainingFilters(
            year=filters.year, topic=filters.topic, organiser_id=filters.organiser
        ),
    )
    limit = max(1, min(filters.limit, 200))
    page = trainings[max(0, filters.offset) : max(0, filters.offset) + limit]
    return Status(200, {"count": trainings.count(), "results": [_training(t) for t in page]})


@router.post(
    "/trainings",
    response={201: CreatedOut, 400: ValidationOut, 403: Error},
    summary="Record a training organised by the caller's organisation",
)
def training_create(request: HttpRequest, payload: TrainingIn) -> Status:
    if not can_manage_trainings(request.user):
        return Status(403, {"detail": "Your role cannot record trainings."})
    try:
        training = services.training_create(
            actor=request.user,  # type: ignore[arg-type]
            data=payload.dict(),
            request=request,
        )
    except ValidationError as exc:
        return _validation(exc)
    return Status(201, {"id": training.pk})


class ResultsFilters(Schema):
    year_from: int | None = None
    year_to: int | None = None


@router.get(
    "/trainings/results",
    response={200: ResultsOut, 400: ValidationOut, 403: Error},
    summary="Pre/post-test improvement per institution type and per training",
)
def training_results(request: HttpRequest, filters: Query[ResultsFilters]) -> Status:
    """Trainings that started from ``year_from`` to ``year_to`` (inclusive, either open).
    Improvement is mean post-test minus mean pre-test over participants with both scores."""
    if not can_view_trainings(request.user):
        return Status(403, {"detail": "Your role cannot see trainings."})
    if filters.year_from and filters.year_to and filters.year_from > filters.year_to:
        return Status(
            400,
            {
                "detail": "validation failed",
                "errors": {"year_to": ["must not be before year_from"]},
            },
        )
    report = selectors.results_report(
        viewer=request.user, year_from=filters.year_from, year_to=filters.year_to
    )
    return Status(
        200,
        {
            "year_from": report.year_from,
            "year_to": report.year_to,
            "by_institution_type": [
                {
                    "institution_type": row.institution_type,
                    "label": row.label,
                    "trainings": row.trainings,
                    "results": _result(row.result),
                }
                for row in report.by_institution_type
            ],
            "total": _result(report.total),
            "trainings": [
                {
                    "id": training.pk,
                    "title": training.title,
                    "topic": training.topic,
                    "start_date": training.start_date,
                    "results": _result(result),
                }
                for training, result in report.trainings
            ],
        },
    )


@router.get(
    "/trainings/{training_id}",
    response={200: TrainingDetailOut, 404: Error},
    summary="One training with its participants (never their names)",
)
def training_get(request: HttpRequest, training_id: int) -> Status:
    try:
        training = get_training_for(request.user, training_id)
    except Http404:
        return Status(404, {"detail": "Not found."})
    body = _training(training)
    body["participants"] = [_participant(p) for p in training.participants.all()]
    return Status(200, body)


@router.post(
    "/trainings/{training_id}/participants",
    response={201: ParticipantOut, 400: ValidationOut, 403: Error, 404: Error},
    summary="Add one participant to a training",
)
def participant_create(request: HttpRequest, training_id: int, payload: ParticipantIn) -> Status:
    """Only managers of the organising organisation. ``certificate_name`` is optional and
    stored encrypted; it is never returned."""
    try:
        training = get_training_for(request.user, training_id)
    except Http404:
        return Status(404, {"detail": "Not found."})
    if not can_manage_trainings(request.user, training):
        return Status(403, {"detail": "Only the organiser's managers can add participants."})
    try:
        participant = services.participant_add(
            actor=request.user,  # type: ignore[arg-type]
            training=training,
            data=payload.dict(),
            request=request,
        )
    except ValidationError as exc:
        return _validation(exc)
    return Status(201, _participant(participant))
