"""Which cases a user may see. Every read of cases goes through ``case_queryset_for``.

- caseworkers (and legal officers): their organisation's cases assigned to them;
- supervisors: every case of their organisation;
- any of those roles: cases opened to their organisation by an access grant (an accepted
  referral; see ``CaseAccessGrant``);
- analysts, administrators, programme officers, anonymous: none (aggregates only).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from waspada import regions
from waspada.accounts.permissions import Perm, can
from waspada.accounts.roles import Role
from waspada.cases.models import Case, CaseAccessGrant, Person, PersonNameToken
from waspada.privacy import normalise
from waspada.privacy import services as privacy

# Grants that only let the organisation read: the sender of a transfer keeps reading the case
# it handed over for a while, but no longer writes on it.
READ_ONLY_REASONS = ("transfer",)


def _granted_q(user: Any, *, writing: bool = False) -> Q:
    """Cases opened to the user's organisation by an active access grant (an accepted
    referral), as a subquery: a join would duplicate cases with several grants and force a
    DISTINCT over the whole list (a sort of every visible case on each page and count;
    docs/performance.md)."""
    granted = CaseAccessGrant.objects.filter(
        CaseAccessGrant.live_q(), organisation_id=user.organisation_id
    ).values("case_id")
    if writing:
        granted = granted.exclude(reason__in=READ_ONLY_REASONS)
    return Q(pk__in=granted)


def case_queryset_for(user: Any, *, writing: bool = False) -> QuerySet[Case]:
    """The cases ``user`` may see; with ``writing``, only those it may also write on (a
    read-only grant, such as a transfer sender's, does not count)."""
    if not can(user, Perm.PROTECTION_VIEW) or user.role == Role.ANALYST:
        return Case.objects.none()
    if user.role == Role.SUPERVISOR:
        own = Q(organisation_id=user.organisation_id)
    else:
        own = Q(organisation_id=user.organisation_id, assigned=user)
    return Case.objects.filter(own | _granted_q(user, writing=writing))


def get_case_for(user: Any, code: str) -> Case:
    """The case with this code if the user may see it; 404 otherwise (never 403, so that
    a code's existence in another organisation is not revealed)."""
    case = (
        case_queryset_for(user)
        .select_related("person", "person__data_key", "organisation")
        .filter(code=code)
        .first()
    )
    if case is None:
        raise Http404
    return case


def is_owner_side(user: Any, case: Case) -> bool:
    """True for users of the owning organisation (referral recipients get a narrower view)."""
    return bool(user.organisation_id == case.organisation_id)


@dataclass(frozen=True)
class CaseFilters:
    status: str = ""
    destination: str = ""
    year: int | None = None
    mine: bool = False
    query: str = ""  # a case code, NIK, passport number, phone or full name (exact)


def case_list(*, viewer: Any, filters: CaseFilters) -> QuerySet[Case]:
    cases = case_queryset_for(viewer).select_related("person", "organisation")
    if filters.status:
        cases = cases.filter(status=filters.status)
    if filters.destination:
        cases = cases.filter(destination_country=filters.destination.upper())
    if filters.year:
        # A range on the column itself (not ``created_at__date``) so the index is usable.
        tz = timezone.get_current_timezone()
        start = timezone.make_aware(datetime(filters.year, 1, 1), tz)
        end = timezone.make_aware(datetime(filters.year + 1, 1, 1), tz)
        cases = cases.filter(created_at__gte=start, created_at__lt=end)
    if filters.mine:
        cases = cases.filter(assigned=viewer)
    if filters.query:
        cases = cases.filter(_search_q(filters.query.strip()))
    return cases.order_by("-created_at")


def _search_q(query: str) -> Q:
    """Exact search through blind indexes: the query is never compared with clear text.

    Matching people are found first, one indexed lookup per blind index, so the case query
    never ORs across the case and person tables (which defeats every index: measured 21.7 s
    p95 at 1M cases on PostgreSQL before, 5-9 ms after; docs/performance.md).
    """
    person_match = Q()
    for kind, field in (
        ("nik", "nik_index"),
        ("passport", "passport_index"),
        ("phone", "phone_index"),
        ("name", "name_index"),
    ):
        digest = privacy.index(kind, query)
        if digest:
            person_match |= Q(**{field: digest})
    # Case codes are stored upper-case, so an exact match can use the unique index.
    condition = Q(code=query.upper())
    person_ids: set[int] = set()
    if person_match:
        person_ids |= set(Person.objects.filter(person_match).values_list("pk", flat=True)[:1000])
    person_ids |= _people_with_name_words(query)
    if person_ids:
        condition |= Q(person_id__in=person_ids)
    return condition


def unmatched_origins() -> list[tuple[str, str, int]]:
    """(province, regency, people) of origins that are not Kemendagri codes yet (left as typed
    by the migration to codes), most frequent first. Statistical fields: no personal data."""
    rows = (
        Person.objects.exclude(province_of_origin="", regency_of_origin="")
        .values_list("province_of_origin", "regency_of_origin")
        .annotate(people=Count("pk"))
        .order_by("-people")
    )
    return [
        (province, regency, people)
        for province, regency, people in rows
        if (province and not regions.is_province(province))
        or (regency and regions.regency_province(regency) is None)
    ]


def _people_with_name_words(query: str) -> set[int]:
    """People whose name holds every word of ``query`` (part of a name: "Rahmawati",
    "siti kusuma"), through the keyed blind indexes of name words (``PersonNameToken``)."""
    words = sorted(set(normalise.name(query).split()))
    if not words or len(words) > 6 or any(len(word) < 2 for word in words):
        return set()
    found: set[int] | None = None
    for word in words:
        digest = privacy.index("name_token", word)
        ids = set(
            PersonNameToken.objects.filter(digest=digest).values_list("person_id", flat=True)[:1000]
        )
        found = ids if found is None else found & ids
        if not found:
            return set()
    return found or set()
