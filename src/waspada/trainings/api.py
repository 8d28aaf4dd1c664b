"""Trainings API: list, create and read trainings, add participants, results by institution
type. Access is decided by ``waspada.trainings.access``, exactly as on the pages; no endpoint
ever returns a certificate name."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from ninja import Query, Router, Schema, Status

from waspada.accounts.requests import AuthenticatedRequest
from waspada.trainings import selectors, services
from waspada.trainings.access import (
    can_manage_trainings,
    can_see_participant_rows,
    can_view_trainings,
    get_training_for,
)
from waspada.trainings.models import Participant, Training
from waspada.ui.api_kit import ErrorOut, Id, Mapped, Year, paginated

router = Router(tags=["prosecution"])


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


class TrainingCreatedOut(Schema):
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


class TrainingListQuery(Schema):
    year: Year | None = None
    topic: str = ""
    organiser: Id | None = None


@router.get(
    "/trainings",
    response={200: list[TrainingOut], 403: ErrorOut},
    summary="Trainings of officials (all organisations)",
)
@paginated
def training_index(request: AuthenticatedRequest, filters: Query[TrainingListQuery]) -> Mapped:
    if not can_view_trainings(request.user):
        raise PermissionDenied("Your role cannot see trainings.")
    trainings = selectors.training_list(
        viewer=request.user,
        filters=selectors.TrainingFilters(
            year=filters.year, topic=filters.topic, organiser_id=filters.organiser
        ),
    )
    return Mapped(trainings, _training)


@router.post(
    "/trainings",
    response={201: TrainingCreatedOut, 400: ErrorOut, 403: ErrorOut},
    summary="Record a training organised by the caller's organisation",
)
def training_create(request: AuthenticatedRequest, payload: TrainingIn) -> Status:
    if not can_manage_trainings(request.user):
        raise PermissionDenied("Your role cannot record trainings.")
    training = services.training_create(
        actor=request.user,
        data=payload.dict(),
        request=request,
    )
    return Status(201, {"id": training.pk})


class TrainingResultsQuery(Schema):
    year_from: Year | None = None
    year_to: Year | None = None


@router.get(
    "/trainings/results",
    response={200: ResultsOut, 400: ErrorOut, 403: ErrorOut},
    summary="Pre/post-test improvement per institution type and per training",
)
def training_results(request: AuthenticatedRequest, filters: Query[TrainingResultsQuery]) -> Status:
    """Trainings that started from ``year_from`` to ``year_to`` (inclusive, either open).
    Improvement is mean post-test minus mean pre-test over participants with both scores."""
    if not can_view_trainings(request.user):
        raise PermissionDenied("Your role cannot see trainings.")
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
    response={200: TrainingDetailOut},
    summary="One training with its participants (never their names)",
)
def training_get(request: AuthenticatedRequest, training_id: Id) -> Status:
    training = get_training_for(request.user, training_id)
    body = _training(training)
    rows = can_see_participant_rows(request.user, training)  # else aggregates only
    body["participants"] = [_participant(p) for p in training.participants.all()] if rows else []
    return Status(200, body)


@router.post(
    "/trainings/{training_id}/participants",
    response={201: ParticipantOut, 400: ErrorOut, 403: ErrorOut},
    summary="Add one participant to a training",
)
def participant_create(
    request: AuthenticatedRequest, training_id: Id, payload: ParticipantIn
) -> Status:
    """Only managers of the organising organisation. ``certificate_name`` is optional and
    stored encrypted; it is never returned."""
    training = get_training_for(request.user, training_id)
    if not can_manage_trainings(request.user, training):
        raise PermissionDenied("Only the organiser's managers can add participants.")
    participant = services.participant_add(
        actor=request.user,
        training=training,
        data=payload.dict(),
        request=request,
    )
    return Status(201, _participant(participant))
