"""CTDC rows: one per victim, mapped from our fields with the reference data's ``ctdc`` codes.

Rows are read from the database through a server-side cursor in chunks, so memory does not
grow with the number of cases. Only cases whose latest consent to de-identified
statistics is granted are read (``consented``).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator, Sequence
from datetime import date
from typing import Any

from django.db import connection
from django.db.models import Count, OuterRef, QuerySet, Subquery, TextField
from django.db.models.functions import Cast, ExtractYear

from waspada.cases import reference as case_reference
from waspada.cases.models import Case, Consent, ConsentKind
from waspada.sharing import reference

CHUNK = 5000  # rows per FETCH from the server-side cursor (two batches are alive at a time)
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


def _months(start: date | None, end: date | None, bands: Sequence[Sequence[Any]]) -> str:
    if start is None or end is None or end < start:
        return ""
    months = (end.year - start.year) * 12 + end.month - start.month
    for top, label in bands:
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
    "_types",
    "_means",
    "recruiter_relation",
)
DEMOGRAPHIC = ("yearOfRegistration", "gender", "ageBroad", "citizenship", "CountryOfExploitation")


def rows(cases: QuerySet[Case]) -> Iterator[dict[str, str]]:
    """CTDC rows of ``cases`` as dicts (values are text, flags ``"1"``/``"0"``), streamed."""
    names = columns()
    for record in records(cases):
        yield dict(zip(names, record, strict=True))


def records(cases: QuerySet[Case]) -> Iterator[list[str]]:
    """CTDC rows of ``cases`` as lists in ``columns()`` order, streamed.

    Built for a million rows: the database sends the JSON lists as text, and every mapping is
    looked up once per distinct value and cached (the demographic columns per combination of
    raw values, the flags per raw list), so a row costs a few dictionary lookups and a copy."""
    names = columns()
    position = {name: i for i, name in enumerate(names)}
    at = [position[name] for name in DEMOGRAPHIC]
    at_months = position["traffickMonths"]
    sexes, exploitation = _mapping("sex"), _mapping("exploitation_types")
    means, relations = _mapping("means_of_control"), _mapping("recruiter_relations")
    iso3: dict[str, str] = {}
    demographics: dict[tuple[Any, ...], tuple[str, ...]] = {}
    caches: tuple[dict[Any, tuple[int, ...]], ...] = ({}, {}, {})

    def flags(kind: int, raw: Any) -> tuple[int, ...]:
        """Positions of the flags set by one list (0: exploitation types, 1: means of
        control) or by the recruiter relation (2)."""
        if kind == 2:
            found = {relations.get(raw or "", "")}
        elif kind == 1:
            found = {means.get(code, "") for code in _json(raw)}
        else:
            found = {exploitation.get(code, "") for code in _json(raw)}
            if "typeOfLabourIllicitActivities" in found:
                found.add("isForcedLabour")  # forced scam work is a type of forced labour
        return tuple(sorted(position[flag] for flag in found if flag in position))

    zeros = ["0"] * len(names)
    bands = reference.get("traffick_months")
    query = cases.order_by().annotate(
        _types=Cast("exploitation_types", TextField()), _means=Cast("means_of_control", TextField())
    )
    for raw in _stream(query.values_list(*_FIELDS)):
        key = raw[:5]
        demographic = demographics.get(key)
        if demographic is None:
            year, sex, age, citizenship, destination = key
            demographic = demographics[key] = (
                str(int(year)), sexes.get(sex or "", ""), age_band(age),
                _iso3(iso3, citizenship), _iso3(iso3, destination),
            )  # fmt: skip
        row = zeros.copy()
        for index, value in zip(at, demographic, strict=True):
            row[index] = value
        departed, arrived, exited = raw[5:8]
        row[at_months] = _months(_date(arrived or departed), _date(exited), bands)
        for kind, cache in enumerate(caches):
            value = raw[8 + kind]
            positions = cache.get(value)
            if positions is None:
                positions = cache[value] = flags(kind, value)
            for index in positions:
                row[index] = "1"
        yield row


def _stream(query: QuerySet[Any, tuple[Any, ...]]) -> Iterator[tuple[Any, ...]]:
    """The query's rows through a server-side (chunked) cursor, without Django's per-value
    converters (the caller reads years, dates and JSON text itself, alike on PostgreSQL and
    SQLite).

    No transaction is opened here, so that what the caller writes while it reads (a job's
    progress) is committed and seen at once: outside a transaction Django declares the
    PostgreSQL cursor WITH HOLD, which the server materialises when it is declared; the
    client still holds one fetch at a time."""
    sql, params = query.query.sql_with_params()
    postgres = connection.vendor == "postgresql"
    if postgres:
        with connection.cursor() as setting:  # every row is read: plan for all, not 10 %
            setting.execute("SET cursor_tuple_fraction = 1.0")
    cursor = connection.chunked_cursor()  # a named cursor: one FETCH of CHUNK rows a time
    try:
        cursor.execute(sql, params)
        while batch := cursor.fetchmany(CHUNK):
            yield from batch
    finally:
        cursor.close()
        if postgres:
            with connection.cursor() as setting:
                setting.execute("RESET cursor_tuple_fraction")


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


def _iso3(cache: dict[str, str], code: str | None) -> str:
    if not code:
        return ""
    if code not in cache:
        cache[code] = case_reference.country_alpha3(code)
    return cache[code]
