"""Reads of trainings and their results. Results are computed here, never stored.

Every viewer (``access.can_view_trainings``) sees the trainings of all organisations; the
selectors never return certificate names.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Avg, Count, Q, QuerySet

from waspada.trainings import reference
from waspada.trainings.access import can_view_trainings
from waspada.trainings.models import Participant, Training


def _aggregates(prefix: str = "") -> dict[str, Any]:
    """Count and mean expressions over participants (``prefix`` when reached via a join).

    Named ``r_*`` so that they never clash with a model field (``Training.participants``)."""
    paired = Q(**{f"{prefix}pre_score__isnull": False, f"{prefix}post_score__isnull": False})
    key = f"{prefix}pk" if prefix else "pk"
    return {
        "r_participants": Count(key),
        "r_attended": Count(key, filter=Q(**{f"{prefix}attended": True})),
        "r_paired": Count(key, filter=paired),
        "r_mean_pre": Avg(f"{prefix}pre_score", filter=paired),
        "r_mean_post": Avg(f"{prefix}post_score", filter=paired),
    }


@dataclass(frozen=True)
class TrainingFilters:
    year: int | None = None
    topic: str = ""
    organiser_id: int | None = None


def training_queryset_for(viewer: Any) -> QuerySet[Training]:
    if not can_view_trainings(viewer):
        return Training.objects.none()
    return Training.objects.all()


def training_list(*, viewer: Any, filters: TrainingFilters) -> QuerySet[Training]:
    """Trainings with their participants' results annotated (``training_result``), newest
    first: one query for a whole page."""
    trainings = training_queryset_for(viewer).select_related("organiser")
    if filters.year:
        trainings = trainings.filter(start_date__year=filters.year)
    if filters.topic:
        trainings = trainings.filter(topic=filters.topic)
    if filters.organiser_id:
        trainings = trainings.filter(organiser_id=filters.organiser_id)
    return trainings.annotate(**_aggregates("participants__")).order_by("-start_date", "-pk")


def training_years() -> list[int]:
    """Years in which at least one training started, newest first (for filter choices)."""
    return [day.year for day in Training.objects.dates("start_date", "year", order="DESC")]


@dataclass(frozen=True)
class ScoreResult:
    """Mean scores over participants with both a pre- and a post-test score (``paired``)."""

    participants: int
    attended: int
    paired: int
    mean_pre: float | None
    mean_post: float | None

    @property
    def improvement(self) -> float | None:
        if self.mean_pre is None or self.mean_post is None:
            return None
        return round(self.mean_post - self.mean_pre, 1)


def _round(value: Decimal | float | None) -> float | None:
    return None if value is None else round(float(value), 1)


def _from_values(values: Any) -> ScoreResult:
    """A ScoreResult from a mapping or an annotated object holding ``_aggregates()``."""
    get = values.get if isinstance(values, dict) else lambda name: getattr(values, name)
    return ScoreResult(
        participants=get("r_participants") or 0,
        attended=get("r_attended") or 0,
        paired=get("r_paired") or 0,
        mean_pre=_round(get("r_mean_pre")),
        mean_post=_round(get("r_mean_post")),
    )


def _score_result(participants: QuerySet[Participant]) -> ScoreResult:
    return _from_values(participants.aggregate(**_aggregates()))


def training_results(training: Training) -> ScoreResult:
    """Improvement for one training: mean post − mean pre over participants with both.
    Read from the annotations of ``training_list`` when present, else one query."""
    if hasattr(training, "r_participants"):
        return _from_values(training)
    return _score_result(Participant.objects.filter(training=training))


@dataclass(frozen=True)
class InstitutionResult:
    institution_type: str
    label: str
    trainings: int
    result: ScoreResult


@dataclass(frozen=True)
class ResultsReport:
    year_from: int | None
    year_to: int | None
    by_institution_type: list[InstitutionResult]
    total: ScoreResult
    trainings: list[tuple[Training, ScoreResult]]


def results_report(
    *, viewer: Any, year_from: int | None = None, year_to: int | None = None
) -> ResultsReport:
    """Results per institution type across the trainings that started in the year range
    (inclusive; an open end means no limit), in the reference list's order, plus the total
    and the result of each training in the range."""
    trainings = training_queryset_for(viewer)
    if year_from:
        trainings = trainings.filter(start_date__year__gte=year_from)
    if year_to:
        trainings = trainings.filter(start_date__year__lte=year_to)
    participants = Participant.objects.filter(training__in=trainings)
    rows = {
        row["institution_type"]: row
        for row in participants.values("institution_type").annotate(
            **_aggregates(), training_count=Count("training", distinct=True)
        )
    }
    order = reference.codes("institution_types")
    by_type = [
        InstitutionResult(
            institution_type=code,
            label=reference.label("institution_types", code),
            trainings=row["training_count"],
            result=_from_values(row),
        )
        for code, row in sorted(
            rows.items(), key=lambda item: order.index(item[0]) if item[0] in order else len(order)
        )
    ]
    annotated = trainings.select_related("organiser").annotate(**_aggregates("participants__"))
    per_training = [
        (training, _from_values(training)) for training in annotated.order_by("start_date", "pk")
    ]
    return ResultsReport(
        year_from=year_from,
        year_to=year_to,
        by_institution_type=by_type,
        total=_score_result(participants),
        trainings=per_training,
    )


SMALL_CELL = 11  # as the dashboard and CTDC: a count below this is shown as "<11"


def participant_summary(training: Training) -> list[tuple[str, str, int | str]]:
    """Counts of participants by sex and by institution type, with counts from 1 to 10
    replaced by "<11", for viewers who may not see the rows."""
    rows: list[tuple[str, str, int | str]] = []
    for field in ("sex", "institution_type"):
        counts = training.participants.values(field).annotate(n=Count("pk")).order_by(field)
        for row in counts:
            n = row["n"]
            rows.append((field, row[field], n if n >= SMALL_CELL else f"<{SMALL_CELL}"))
    return rows
