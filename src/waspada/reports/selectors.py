"""The 3P dashboard's figures: a dozen GROUP BY queries, no per-row Python, no N+1.

Every query groups in the database and returns at most a few thousand groups (years ×
countries × sexes × age bands at worst), which are folded here into the tables that the
page, the API, the exports and the annual report all show (``tables.build``). Small-cell
suppression is applied while building those tables (``suppression``), never elsewhere.

Only cases whose person consented to de-identified statistics are counted: every query on
victims' cases starts from ``_facts`` or ``_case_filter``, which keep only the statistics rows
with ``statistics_consent`` (the latest decision is a grant; no decision is no consent).

``dashboard_figures(*, viewer, filters)`` is the entry point (benchmarked at a million cases).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.db.models import Case as DbCase
from django.db.models import (
    CharField,
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, ExtractMonth, ExtractYear, TruncDate
from django.utils import timezone

from waspada import regions
from waspada.assistance.models import ServiceDelivery, ServiceStatus
from waspada.campaigns import reference as campaign_reference
from waspada.campaigns.models import Campaign
from waspada.cases.models import CaseStatus, TraffickingStatus
from waspada.legal.models import STAGE_ORDER, LegalCase, Stage, Verdict
from waspada.prevention.models import ScreeningCount, SharedOffer
from waspada.referrals.models import Referral, ReferralStatus
from waspada.repatriation import reference as repatriation_reference
from waspada.repatriation.models import Repatriation
from waspada.reports.models import CaseFact
from waspada.reports.public_reports import ReportFigures, report_figures
from waspada.reports.scope import DashboardFilters, Scope, scope_for

# CTDC ageBroad bands (inclusive upper bounds), then "unknown" for a missing age.
AGE_BANDS: tuple[tuple[str, int], ...] = (
    ("0-8", 8), ("9-17", 17), ("18-20", 20), ("21-23", 23), ("24-26", 26), ("27-29", 29),
    ("30-38", 38), ("39-47", 47),
)  # fmt: skip
AGE_OVER, AGE_UNKNOWN = "48+", "unknown"
IDENTIFIED = (TraffickingStatus.ACTUAL, TraffickingStatus.POSSIBLE)
DELIVERED = (ServiceStatus.ONGOING, ServiceStatus.COMPLETED)


@dataclass
class Raw:
    """What the queries found, before suppression and labels."""

    screening: dict[int, dict[str, int]] = field(default_factory=dict)  # year → verdict → n
    shared: dict[int, dict[str, int]] = field(default_factory=dict)  # year → measure → n
    reach: list[dict[str, Any]] = field(default_factory=list)  # per province
    cases_by_year: dict[int, dict[str, int]] = field(default_factory=dict)
    by_destination: dict[str, int] = field(default_factory=dict)
    by_sex: dict[str, int] = field(default_factory=dict)
    by_age: dict[str, int] = field(default_factory=dict)
    by_province: dict[str, int] = field(default_factory=dict)  # Kemendagri code → people
    assistance: list[dict[str, Any]] = field(default_factory=list)
    referrals: dict[str, dict[str, Any]] = field(default_factory=dict)  # status → n, median
    awaiting: dict[str, int] = field(default_factory=dict)  # destination → people
    repatriated: dict[int, int] = field(default_factory=dict)  # year → people
    funnel_by_year: dict[int, dict[str, int]] = field(default_factory=dict)
    restitution: dict[str, int] = field(default_factory=dict)
    public_reports: ReportFigures = field(default_factory=ReportFigures)
    # Monthly trends: (year, month) → measure → n
    screening_by_month: dict[tuple[int, int], dict[str, int]] = field(default_factory=dict)
    cases_by_month: dict[tuple[int, int], dict[str, int]] = field(default_factory=dict)
    legal_by_month: dict[tuple[int, int], dict[str, int]] = field(default_factory=dict)


def _bounds(filters: DashboardFilters) -> tuple[date, date, datetime, datetime]:
    first, last = date(filters.year_from, 1, 1), date(filters.year_to, 12, 31)
    tz = timezone.get_current_timezone()
    start = timezone.make_aware(datetime(filters.year_from, 1, 1), tz)
    end = timezone.make_aware(datetime(filters.year_to + 1, 1, 1), tz)
    return first, last, start, end


def _case_filter(scope: Scope, filters: DashboardFilters, prefix: str = "") -> Q:
    """Consent, organisation and province conditions on a case reached through ``prefix``."""
    condition = Q(**{f"{prefix}fact__statistics_consent": True})
    if scope.organisation_id:
        condition &= Q(**{f"{prefix}organisation_id": scope.organisation_id})
    if filters.province:
        # Through the narrow statistics rows, not the wide person rows (a province-filtered
        # dashboard at a million cases: 3.0 s -> about 1 s, docs/performance.md).
        in_province = CaseFact.objects.filter(province=filters.province).values("case_id")
        condition &= Q(**{f"{prefix}pk__in": in_province})
    return condition


def _age_band(age: int | None) -> str:
    if age is None:
        return AGE_UNKNOWN
    return next((band for band, top in AGE_BANDS if age <= top), AGE_OVER)


def _facts(scope: Scope, filters: DashboardFilters) -> QuerySet[CaseFact]:
    """The statistics rows (one per case, ``reports.facts``) of the cases with consent to
    de-identified statistics, in the scope and province."""
    rows = CaseFact.objects.filter(statistics_consent=True)
    if scope.organisation_id:
        rows = rows.filter(organisation_id=scope.organisation_id)
    if filters.province:
        rows = rows.filter(province=filters.province)
    return rows


def _campaign_provinces(code: str) -> list[str]:
    names = campaign_reference.codes("provinces")
    matching = [name for name in names if regions.province_code_for(name) == code]
    return [*regions.spellings(code), *matching]


def _prevention(raw: Raw, scope: Scope, filters: DashboardFilters) -> None:
    first, last, start, end = _bounds(filters)
    screened = (
        ScreeningCount.objects.filter(day__gte=first, day__lte=last)
        .values("verdict", year=ExtractYear("day"))
        .annotate(n=Sum("count"))
    )
    for row in screened:
        raw.screening.setdefault(row["year"], {})[row["verdict"]] = row["n"] or 0
    shared = (
        SharedOffer.objects.filter(created_at__gte=start, created_at__lt=end)
        .values(year=ExtractYear("created_at"))
        .annotate(
            shared=Count("pk"),
            reviewed=Count("pk", filter=~Q(label="")),
            scam=Count("pk", filter=Q(label="scam")),
        )
    )
    for counted in shared:
        raw.shared[counted["year"]] = {k: counted[k] for k in ("shared", "reviewed", "scam")}
    campaigns = Campaign.objects.filter(start_date__gte=first, start_date__lte=last)
    if scope.organisation_id:
        campaigns = campaigns.filter(organisation_id=scope.organisation_id)
    if filters.province:
        # Campaigns record the province by name: those names that mean the chosen code.
        campaigns = campaigns.filter(province__in=_campaign_provinces(filters.province))
    raw.reach = list(
        campaigns.values("province")  # type: ignore[arg-type]
        .annotate(
            campaigns=Count("pk"),
            reached=Sum("people_reached"),
            female=Sum("reached_female"),
            male=Sum("reached_male"),
        )
        .order_by("-reached", "province")
    )


def _victims(raw: Raw, scope: Scope, filters: DashboardFilters) -> None:
    """One pass over the statistics rows of the cases registered in the range, grouped on raw
    columns (a hash aggregate of a few thousand groups); age bands are formed here."""
    rows = (
        _facts(scope, filters)
        .filter(year__gte=filters.year_from, year__lte=filters.year_to)
        .values_list("year", "destination", "sex", "age", "trafficking_status", "province")
        .annotate(n=Count("pk"))
        .order_by()
    )
    by_year: dict[int, dict[str, int]] = defaultdict(lambda: {"registered": 0, "identified": 0})
    by_destination: dict[str, int] = defaultdict(int)
    by_sex: dict[str, int] = defaultdict(int)
    by_age: dict[str, int] = defaultdict(int)
    by_province: dict[str, int] = defaultdict(int)
    for year, destination, sex, age, status, province, n in rows:
        by_province[province or ""] += n
        by_year[year]["registered"] += n
        if status in IDENTIFIED:
            by_year[year]["identified"] += n
        by_destination[destination or ""] += n
        by_sex[sex or "unknown"] += n
        by_age[_age_band(age)] += n
    raw.cases_by_year, raw.by_destination = dict(by_year), dict(by_destination)
    raw.by_sex, raw.by_age = dict(by_sex), dict(by_age)
    raw.by_province = dict(by_province)


def _assistance(raw: Raw, scope: Scope, filters: DashboardFilters) -> None:
    first, last, start, end = _bounds(filters)
    in_range = Q(started_on__gte=first, started_on__lte=last) | Q(
        started_on__isnull=True, created_at__gte=start, created_at__lt=end
    )
    services = ServiceDelivery.objects.filter(in_range, status__in=DELIVERED).filter(
        _case_filter(scope, filters, "case__")
    )
    raw.assistance = list(
        services.values("service_type")
        .annotate(services=Count("pk"), people=Count("case_id", distinct=True))
        .order_by("-services", "service_type")
    )


def _median_hours(referrals: QuerySet[Referral], n: int) -> float | None:
    """Median of (responded − requested) in hours over ``n`` answered referrals: the database
    sorts and returns the one or two middle values (works alike on SQLite and PostgreSQL)."""
    if n == 0:
        return None
    spans = (
        referrals.filter(responded_at__isnull=False)
        .annotate(span=ExpressionWrapper(F("responded_at") - F("requested_at"), DurationField()))
        .order_by("span")
        .values_list("span", flat=True)
    )
    middle = list(spans[(n - 1) // 2 : n // 2 + 1])
    if not middle:
        return None
    total = sum((value for value in middle), timedelta())
    return round(total.total_seconds() / len(middle) / 3600, 1)


ANSWER_STATES = (ReferralStatus.PENDING, ReferralStatus.ACCEPTED, ReferralStatus.DECLINED)


def _referrals(raw: Raw, scope: Scope, filters: DashboardFilters) -> None:
    _, _, start, end = _bounds(filters)
    referrals = Referral.objects.filter(
        requested_at__gte=start, requested_at__lt=end, case__fact__statistics_consent=True
    )
    if scope.organisation_id:
        referrals = referrals.filter(from_organisation_id=scope.organisation_id)
    if filters.province:
        in_province = CaseFact.objects.filter(province=filters.province).values("case_id")
        referrals = referrals.filter(case_id__in=in_province)
    # A referral that ended counts by its answer: accepted if it was answered (only accepted
    # ones can end after an answer), still unanswered (pending) if it ended before one.
    referrals = referrals.annotate(
        answer=DbCase(
            When(status=ReferralStatus.ENDED, responded_at__isnull=False,
                 then=Value(ReferralStatus.ACCEPTED.value)),
            When(status=ReferralStatus.ENDED, then=Value(ReferralStatus.PENDING.value)),
            default=F("status"),
            output_field=CharField(),
        )
    )  # fmt: skip
    counts = dict(referrals.values_list("answer").annotate(n=Count("pk")).order_by())
    answered = (ReferralStatus.ACCEPTED, ReferralStatus.DECLINED)
    for status in ANSWER_STATES:
        n = counts.get(status, 0)
        median = _median_hours(referrals.filter(answer=status), n) if status in answered else None
        raw.referrals[status] = {"n": n, "median": median}
    n_answered = sum(counts.get(status, 0) for status in answered)
    raw.referrals["answered"] = {
        "n": n_answered,
        "median": _median_hours(referrals.filter(answer__in=answered), n_answered),
    }


def _repatriation(raw: Raw, scope: Scope, filters: DashboardFilters) -> None:
    departure = repatriation_reference.marked("departure")
    # A snapshot of today: started (a stage recorded) but not yet departed, case still open.
    awaiting = (
        Repatriation.objects.filter(current_order__gt=0, current_order__lt=departure.order)
        .exclude(case__status=CaseStatus.CLOSED)
        .filter(_case_filter(scope, filters, "case__"))
        .values_list("case__destination_country")
        .annotate(n=Count("pk"))
        .order_by()
    )
    raw.awaiting = {country or "": n for country, n in awaiting}
    # Repatriated: the arrival stage's date, or the case's return date when no arrival stage.
    repatriated = (
        _facts(scope, filters)
        .filter(repatriated_year__gte=filters.year_from, repatriated_year__lte=filters.year_to)
        .values_list("repatriated_year")
        .annotate(n=Count("pk"))
        .order_by()
    )
    raw.repatriated = dict(repatriated)


def _prosecution(raw: Raw, scope: Scope, filters: DashboardFilters) -> None:
    """The funnel by year of the police report (creation date when none is recorded).

    A case's current stage stands for the furthest it reached: stages only move forward,
    except appeal → verdict, and both lie beyond prosecution; an SP3 ended an investigation."""
    first, last, _, _ = _bounds(filters)
    cases = LegalCase.objects.annotate(
        ref_date=Coalesce("police_report_date", TruncDate("created_at"))
    ).filter(ref_date__gte=first, ref_date__lte=last)
    if scope.organisation_id:
        cases = cases.filter(organisation_id=scope.organisation_id)
    investigated = (*STAGE_ORDER[STAGE_ORDER.index(Stage.INVESTIGATION) :], Stage.SP3.value)
    prosecuted = STAGE_ORDER[STAGE_ORDER.index(Stage.PROSECUTION) :]
    rows = (
        cases.values(year=ExtractYear("ref_date"))
        .annotate(
            reported=Count("pk"),
            investigated=Count("pk", filter=Q(stage__in=investigated)),
            prosecuted=Count("pk", filter=Q(stage__in=prosecuted)),
            convicted=Count("pk", filter=Q(verdict=Verdict.CONVICTED)),
        )
        .order_by()
    )
    raw.funnel_by_year = {
        row["year"]: {
            "reported": row["reported"],
            "investigated": row["investigated"],
            "prosecuted": row["prosecuted"],
            "convicted": row["convicted"],
        }
        for row in rows
    }
    restitution = cases.aggregate(
        awarded_cases=Count("pk", filter=Q(restitution_awarded_idr__gt=0)),
        awarded_idr=Sum("restitution_awarded_idr"),
        paid_cases=Count("pk", filter=Q(restitution_paid_idr__gt=0)),
        paid_idr=Sum("restitution_paid_idr"),
    )
    raw.restitution = {key: value or 0 for key, value in restitution.items()}


def _monthly(raw: Raw, scope: Scope, filters: DashboardFilters) -> None:
    """The same counts as the yearly tables (screening, victims, legal cases), by month: the
    months of a year add up to that year's row (``protection`` knows this relation)."""
    first, last, _, _ = _bounds(filters)
    screened = (
        ScreeningCount.objects.filter(day__gte=first, day__lte=last)
        .values("verdict", year=ExtractYear("day"), month=ExtractMonth("day"))
        .annotate(n=Sum("count"))
        .order_by()
    )
    for row in screened:
        counts = raw.screening_by_month.setdefault(
            (row["year"], row["month"]), {"screened": 0, "flagged": 0}
        )
        counts["screened"] += row["n"] or 0
        if row["verdict"] in ("high", "medium"):
            counts["flagged"] += row["n"] or 0
    # The statistics rows in scope (as ``_victims``), their month read from the case.
    cases = (
        _facts(scope, filters)
        .filter(year__gte=filters.year_from, year__lte=filters.year_to)
        .annotate(month=ExtractMonth("case__created_at"))
        .values_list("year", "trafficking_status", "month")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for year, status, month, n in cases:
        counts = raw.cases_by_month.setdefault((year, month), {"registered": 0, "identified": 0})
        counts["registered"] += n
        if status in IDENTIFIED:
            counts["identified"] += n
    # Legal cases as ``_prosecution`` counts them (year of the police report or creation).
    legal = LegalCase.objects.annotate(
        ref_date=Coalesce("police_report_date", TruncDate("created_at"))
    ).filter(ref_date__gte=first, ref_date__lte=last)
    if scope.organisation_id:
        legal = legal.filter(organisation_id=scope.organisation_id)
    rows = (
        legal.values(year=ExtractYear("ref_date"), month=ExtractMonth("ref_date"))
        .annotate(reported=Count("pk"), convicted=Count("pk", filter=Q(verdict=Verdict.CONVICTED)))
        .order_by()
    )
    raw.legal_by_month = {
        (row["year"], row["month"]): {"reported": row["reported"], "convicted": row["convicted"]}
        for row in rows
    }


def raw_figures(scope: Scope, filters: DashboardFilters) -> Raw:
    """Every aggregate the dashboard shows, for an already decided scope."""
    raw = Raw()
    _prevention(raw, scope, filters)
    _victims(raw, scope, filters)
    _assistance(raw, scope, filters)
    _referrals(raw, scope, filters)
    _repatriation(raw, scope, filters)
    _prosecution(raw, scope, filters)
    _monthly(raw, scope, filters)
    raw.public_reports = report_figures(scope, filters)
    return raw


def figures_for(
    *, viewer: Any, filters: DashboardFilters | Mapping[str, Any] | None, export: bool
) -> dict[str, Any]:
    """The figures as ``viewer`` may get them: for an export always suppressed, on screen
    suppressed unless the viewer has personal-data access (supervisors)."""
    from waspada.reports import tables

    clean = DashboardFilters.coerce(filters)
    scope = scope_for(viewer, clean)
    suppress = export or not scope.exact
    return tables.build(raw_figures(scope, clean), scope=scope, filters=clean, suppress=suppress)


def dashboard_figures(
    *, viewer: Any, filters: DashboardFilters | Mapping[str, Any] | None
) -> dict[str, Any]:
    """The dashboard as shown on screen and by the API to ``viewer`` (a JSON-ready dict).

    ``filters``: ``DashboardFilters`` or a mapping with ``year_from``, ``year_to``,
    ``organisation`` (id) and ``province``. Raises PermissionDenied without REPORTS_VIEW and
    ValueError for a bad year range. Suppressed unless the viewer is a supervisor."""
    return figures_for(viewer=viewer, filters=filters, export=False)
