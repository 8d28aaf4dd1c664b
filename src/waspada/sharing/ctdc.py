"""CTDC rows: one per victim, mapped from our fields with the reference data's ``ctdc`` codes.

Rows are read from the database with a server-side iterator (``QuerySet.iterator``), so memory
does not grow with the number of cases. Only cases whose latest consent to de-identified
statistics is granted are read (``consented``).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator, Sequence
from datetime import date
from typing import Any

from django.db import connection, transaction
from django.db.models import Count, OuterRef, QuerySet, Subquery
from django.db.models.functions import ExtractYear

from waspada.cases import reference as case_reference
from waspada.cases.models import Case, Consent, ConsentKind
from waspada.sharing import reference

CHUNK = 5000
AGE_BANDS = (
    ("0-8", 8),
    ("9-17", 17),
    ("18-20", 20),
    ("21-23", 23),
    ("24-26", 26),
    ("27-29", 29),
    ("30-38", 38),
    ("39-47", 47),
)


def columns() -> list[str]:
    return list(reference.get("ctdc_columns"))


def consented(cases: QuerySet[Case], kind: ConsentKind) -> QuerySet[Case]:
    """Cases whose latest decision on ``kind`` is a grant (no decision: left out)."""
    latest = Consent.objects.filter(case=OuterRef("pk"), kind=kind).order_by("-recorded_at", "-pk")
    return cases.annotate(_consent=Subquery(latest.values("granted")[:1])).filter(_consent=True)


def cases_for(
    *,
    organisation_ids: Sequence[int] | None,
    year_from: int,
    year_to: int,
    kind: ConsentKind,
) -> QuerySet[Case]:
    """The cases of these organisations (None: every organisation) registered in the years,
    with the consent of ``kind``."""
    cases = Case.objects.annotate(_year=ExtractYear("created_at")).filter(
        _year__gte=year_from, _year__lte=year_to
    )
    if organisation_ids is not None:
        cases = cases.filter(organisation_id__in=organisation_ids)
    return consented(cases, kind)


def age_band(age: int | None) -> str:
    if age is None:
        return ""
    return next((band for band, top in AGE_BANDS if age <= top), "48+")


def _months(start: date | None, end: date | None) -> str:
    if start is None or end is None or end < start:
        return ""
    months = (end.year - start.year) * 12 + end.month - start.month
    for top, label in reference.get("traffick_months"):
        if top is None or months < top:
            return str(label)
    return ""


def _mapping(list_name: str) -> dict[str, str]:
    return {
        code: str((case_reference.item(list_name, code) or {}).get("ctdc") or "")
        for code in case_reference.codes(list_name)
    }


_FIELDS = (
    "_year",
    "person__sex",
    "person__age_at_identification",
    "person__citizenship",
    "destination_country",
    "departed_on",
    "arrived_on",
    "exited_on",
    "exploitation_types",
    "means_of_control",
    "recruiter_relation",
)


def rows(cases: QuerySet[Case]) -> Iterator[dict[str, str]]:
    """CTDC rows of ``cases``, streamed (values are text, flags ``"1"``/``"0"``)."""
    names = columns()
    sexes, exploitation = _mapping("sex"), _mapping("exploitation_types")
    means, relations = _mapping("means_of_control"), _mapping("recruiter_relations")
    iso3: dict[str, str] = {}
    for (
        year,
        sex,
        age,
        citizenship,
        destination,
        departed,
        arrived,
        exited,
        types,
        controls,
        relation,
    ) in _stream(cases.order_by().values_list(*_FIELDS)):
        row = dict.fromkeys(names, "0")
        row.update(
            yearOfRegistration=str(year),
            gender=sexes.get(sex or "", ""),
            ageBroad=age_band(age),
            citizenship=_iso3(iso3, citizenship),
            CountryOfExploitation=_iso3(iso3, destination),
            traffickMonths=_months(arrived or departed, exited),
        )
        for code in types or []:
            flag = exploitation.get(code, "")
            _set(row, flag)
            if flag == "typeOfLabourIllicitActivities":
                _set(row, "isForcedLabour")  # forced scam work is a type of forced labour
        for code in controls or []:
            _set(row, means.get(code, ""))
        _set(row, relations.get(relation or "", ""))
        yield row  # built from dict.fromkeys(names): already in column order


def _stream(query: QuerySet[Any, tuple[Any, ...]]) -> Iterator[tuple[Any, ...]]:
    """The query's rows through a server-side (chunked) cursor, without Django's per-value
    converters (a third of the time at a million rows): years, dates and JSON lists are read
    here, alike on PostgreSQL and SQLite."""
    sql, params = query.query.sql_with_params()
    with transaction.atomic(), connection.chunked_cursor() as cursor:
        cursor.execute(sql, params)
        while batch := cursor.fetchmany(CHUNK):
            for year, sex, age, citizenship, destination, *dates, types, means, relation in batch:
                yield (
                    int(year), sex, age, citizenship, destination, *map(_date, dates),
                    _json(types), _json(means), relation,
                )  # fmt: skip


def _date(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def _json(value: Any) -> list[Any]:
    if isinstance(value, str):
        value = json.loads(value)
    return value if isinstance(value, list) else []


def qi_counts(cases: QuerySet[Case], qis: list[str]) -> Counter[tuple[str, ...]] | None:
    """Counts of the QI combinations computed by the database (one GROUP BY over the raw
    columns, mapped here), when every QI is one of the five demographic columns; None
    otherwise (the caller counts while streaming)."""
    if not set(qis) <= set(_GROUPABLE):
        return None
    sexes: dict[str, str] = _mapping("sex")
    iso3: dict[str, str] = {}
    grouped = (
        cases.order_by()
        .values_list(*_GROUPABLE.values())
        .annotate(n=Count("pk"))
        .values_list(*_GROUPABLE.values(), "n")
    )
    counts: Counter[tuple[str, ...]] = Counter()
    for year, sex, age, citizenship, destination, n in grouped:
        values = {
            "yearOfRegistration": str(year), "gender": sexes.get(sex or "", ""),
            "ageBroad": age_band(age), "citizenship": _iso3(iso3, citizenship),
            "CountryOfExploitation": _iso3(iso3, destination),
        }  # fmt: skip
        counts[tuple(values[qi] for qi in qis)] += n
    return counts


_GROUPABLE = {
    "yearOfRegistration": "_year", "gender": "person__sex",
    "ageBroad": "person__age_at_identification", "citizenship": "person__citizenship",
    "CountryOfExploitation": "destination_country",
}  # fmt: skip


def _set(row: dict[str, Any], flag: str) -> None:
    if flag and flag in row:
        row[flag] = "1"


def _iso3(cache: dict[str, str], code: str | None) -> str:
    if not code:
        return ""
    if code not in cache:
        cache[code] = case_reference.country_alpha3(code)
    return cache[code]
