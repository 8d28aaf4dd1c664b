"""``GET /api/v1/reports/dashboard``: the 3P dashboard's tables as JSON, exactly as the page
shows them to the caller (suppressed unless the caller is a supervisor)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from ninja import Query, Router, Schema, Status

from waspada.accounts.permissions import Perm, can
from waspada.accounts.requests import AuthenticatedRequest
from waspada.reports.scope import DashboardFilters
from waspada.reports.selectors import dashboard_figures
from waspada.ui.api_kit import ErrorOut, Id, Int64

router = Router(tags=["monitoring"])

Cell = int | float | str | None


class ColumnOut(Schema):
    key: str
    label: str


class TableOut(Schema):
    key: str
    title: str
    note: str
    columns: list[ColumnOut]
    rows: list[list[Cell]]
    total: list[Cell] | None
    chart: str | None


class SectionOut(Schema):
    key: str
    title: str
    tables: list[TableOut]


class FiltersOut(Schema):
    year_from: int
    year_to: int
    organisation: int | None
    province: str


class DashboardOut(Schema):
    filters: FiltersOut
    suppressed: bool
    sections: list[SectionOut]


class DashboardQuery(Schema):
    """Without years: the last three complete years."""

    year_from: Int64 | None = None
    year_to: Int64 | None = None
    organisation: Id | None = None
    province: str = ""


@router.get(
    "/reports/dashboard",
    response={200: DashboardOut, 400: ErrorOut, 403: ErrorOut},
    summary='The 3P dashboard (aggregates; counts of 1–10 people as "<11" unless supervisor)',
)
def dashboard(request: AuthenticatedRequest, query: Query[DashboardQuery]) -> Status:
    """Cells hold numbers, ``"<11"`` for a suppressed count, or null for a blanked median,
    share or sum. Supervisors get their organisation's exact numbers; analysts, programme
    officers and administrators all organisations' figures, suppressed."""
    if not can(request.user, Perm.REPORTS_VIEW):
        raise PermissionDenied("Your role cannot see reports.")
    try:
        filters = DashboardFilters.coerce(query.dict())
    except ValueError:
        return Status(400, {"detail": "year_from and year_to must be 2000–2100, in order."})
    figures: dict[str, Any] = dashboard_figures(viewer=request.user, filters=filters)
    return Status(200, figures)
