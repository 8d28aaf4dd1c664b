"""Keeps ``CaseFact`` (one statistics row per case) equal to what the source tables say.

- ``refresh(case_ids)`` recomputes the rows of some cases; the receivers in
  ``reports.signals`` call it whenever a case, its person, a consent decision or a
  repatriation stage is saved or deleted, and when a service changes a case with
  ``QuerySet.update`` (``cases_changed``);
- ``rebuild()`` recomputes every row in one ``INSERT … SELECT`` (after a bulk load, a
  restore, or by hand: ``waspada reports rebuild-facts``).

Both read the same query (``_source``), so they cannot disagree.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection, transaction
from django.db.models import BooleanField, DateField, F, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce, ExtractYear

from waspada.cases.models import Case, Consent, ConsentKind
from waspada.repatriation import reference as repatriation_reference
from waspada.repatriation.models import StageEntry
from waspada.reports.models import CaseFact

# CaseFact attribute names, in the order of the INSERT's columns.
_FIELDS = (
    "case_id", "organisation_id", "year", "province", "destination", "sex", "age",
    "trafficking_status", "repatriated_year", "statistics_consent",
)  # fmt: skip


def _source(cases: QuerySet[Case]) -> QuerySet[Case, dict[str, object]]:
    arrival = repatriation_reference.marked("arrival").code
    arrived_on = (
        StageEntry.objects.filter(repatriation__case=OuterRef("pk"), stage=arrival)
        .order_by("reached_on")
        .values("reached_on")[:1]
    )
    repatriated_on = Coalesce(
        Subquery(arrived_on, output_field=DateField()), F("returned_on"), output_field=DateField()
    )
    latest_statistics = Consent.objects.filter(
        case=OuterRef("pk"), kind=ConsentKind.STATISTICS
    ).order_by("-recorded_at", "-pk")
    expressions = {
        "case_id": F("pk"),
        "organisation_id": F("organisation_id"),
        "year": ExtractYear("created_at"),
        "province": F("person__province_of_origin"),
        "destination": F("destination_country"),
        "sex": F("person__sex"),
        "age": F("person__age_at_identification"),
        "trafficking_status": F("trafficking_status"),
        "repatriated_year": ExtractYear(repatriated_on),
        "statistics_consent": Coalesce(
            Subquery(latest_statistics.values("granted")[:1], output_field=BooleanField()),
            Value(False),
            output_field=BooleanField(),
        ),
    }
    aliased = {f"fact_{name}": expressions[name] for name in _FIELDS}
    return cases.order_by().annotate(**aliased).values(*aliased)


def refresh(case_ids: Iterable[int]) -> None:
    """Recompute the rows of these cases (a case that no longer exists loses its row)."""
    ids = sorted(set(case_ids))
    if not ids:
        return
    rows = [
        CaseFact(**{name: row[f"fact_{name}"] for name in _FIELDS})
        for row in _source(Case.objects.filter(pk__in=ids))
    ]
    with transaction.atomic():
        CaseFact.objects.filter(case_id__in=ids).delete()
        CaseFact.objects.bulk_create(rows)


def rebuild() -> int:
    """Recompute every row from the source tables; returns the number of rows."""
    quote = connection.ops.quote_name
    table = quote(CaseFact._meta.db_table)
    columns = ", ".join(quote(name) for name in _FIELDS)  # no db_column: attname = column
    select, params = _source(Case.objects.all()).query.sql_with_params()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table}")  # noqa: S608  (names quoted, no user input)
        cursor.execute(f"INSERT INTO {table} ({columns}) {select}", params)  # noqa: S608
    return CaseFact.objects.count()
