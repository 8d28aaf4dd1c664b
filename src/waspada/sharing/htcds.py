"""HTCDS 2.0 record export: a ZIP of CSV tables (only those the agreement allows) and the
data dictionary (``data/htcds.json``), for the cases whose latest consent to sharing is granted.

Ids: the case code when the agreement allows ``case_code``; otherwise a pseudonym made with a
key drawn for this release and then forgotten, so two releases cannot be linked by id.
Personal fields (decrypted from the person's sealed data) are filled only when the agreement
lists them; otherwise their columns are left out of the file altogether. Dates are given as
years. Our extension is in columns starting with the documented prefix (``x_wsp_``).
"""

from __future__ import annotations

import csv
import hashlib
import hmac
import io
import json
import secrets
import time
import zipfile
from collections.abc import Callable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

from django.db.models import QuerySet

from waspada.assistance.models import ServiceDelivery
from waspada.cases import reference as case_reference
from waspada.cases.models import Case, Consent
from waspada.legal.models import Suspect
from waspada.privacy import services as privacy
from waspada.sharing import ctdc, reference
from waspada.sharing.files import atomic_file

_DICTIONARY = Path(__file__).resolve().parent / "data" / "htcds.json"
CHUNK = 2000
PERSONAL_COLUMNS = {
    "per_FullName": "full_name",
    "per_Aliases": "aliases",
    "per_NationalId": "nik",
    "per_PassportNumber": "passport_number",
    "per_BirthDate": "birth_date",
    "per_Phone": "phone",
    "per_Address": "address",
}


# Rows of a table between two progress reports.
PROGRESS_EVERY = 2_000


@lru_cache(maxsize=1)
def dictionary() -> dict[str, Any]:
    with _DICTIONARY.open(encoding="utf-8") as handle:
        data: dict[str, Any] = json.load(handle)
    return data


def table_columns(table: str, personal: set[str]) -> list[str]:
    """The columns of ``table`` in this release: personal ones only when allowed."""
    return [
        column
        for column, _text, _source in dictionary()["tables"][table]
        if column not in PERSONAL_COLUMNS or PERSONAL_COLUMNS[column] in personal
    ]


class _Ids:
    def __init__(self, use_codes: bool) -> None:
        self.use_codes = use_codes
        self._key = secrets.token_bytes(32)  # forgotten with the release's generation

    def case(self, pk: int, code: str) -> str:
        return code if self.use_codes else self.pseudonym("case", pk)

    def pseudonym(self, kind: str, pk: int) -> str:
        mac = hmac.new(self._key, f"{kind}:{pk}".encode(), hashlib.sha256).hexdigest()
        return f"{kind[0].upper()}-{mac[:16]}"


def _ctdc(list_name: str, code: str, key: str = "ctdc") -> str:
    if not code or code not in case_reference.codes(list_name):
        return ""
    return str((case_reference.item(list_name, code) or {}).get(key) or "")


def _year(value: Any) -> str:
    return str(value.year) if value else ""


def _persons(
    cases: QuerySet[Case], ids: _Ids, personal: set[str], counter: list[int]
) -> Iterator[dict[str, Any]]:
    fields = {name for name in PERSONAL_COLUMNS.values() if name in personal}
    for case in cases.select_related("person", "person__data_key").iterator(chunk_size=CHUNK):
        person = case.person
        row: dict[str, Any] = {
            "per_id": ids.case(case.pk, case.code),
            "per_Gender": _ctdc("sex", person.sex),
            "per_AgeBroad": ctdc.age_band(person.age_at_identification),
            "per_Citizenship": case_reference.country_alpha3(person.citizenship or ""),
            "per_ProvinceOfOrigin": person.province_of_origin,
        }
        if fields:
            opened = privacy.open_sealed(
                person.data_key, person.sealed, context=f"cases.person:{person.pk}"
            )
            data = opened if isinstance(opened, dict) else {}
            counter[0] += 1
            for column, name in PERSONAL_COLUMNS.items():
                if name in fields:
                    row[column] = data.get(name) or ""
        yield row


def _victims(cases: QuerySet[Case], ids: _Ids, prefix: str) -> Iterator[dict[str, Any]]:
    quota = "quota_punishment"
    source = cases.values_list(
        "pk",
        "code",
        "trafficking_status",
        "recruitment_channel",
        "recruiter_relation",
        "means_of_control",
        "exploitation_types",
        "scam_typology",
        "also_suspect",
    ).iterator(chunk_size=CHUNK)
    for pk, code, status, channel, relation, means, types, typology, dual in source:
        case_id = ids.case(pk, code)
        yield {
            "vic_id": case_id,
            "per_id": case_id,
            "vic_TraffickingStatus": status or "undetermined",
            "vic_RecruitmentWebsitesAndApps": _ctdc("recruitment_channels", channel, "htcds"),
            "vic_RecruiterRelation": _ctdc("recruiter_relations", relation),
            "vic_MeansOfControl": ";".join(
                sorted({_ctdc("means_of_control", m) for m in means or []} - {""})
            ),
            "vic_TypeOfExploitation": ";".join(
                sorted({_ctdc("exploitation_types", t) for t in types or []} - {""})
            ),
            f"{prefix}ForcedCriminalityScam": "1"
            if "forced_criminality_scam" in (types or [])
            else "0",
            f"{prefix}ScamTypology": typology or "",
            f"{prefix}QuotaRegime": "1" if quota in (means or []) else "0",
            f"{prefix}DualVictimSuspect": "1" if dual else "0",
        }


def _cases(
    cases: QuerySet[Case], ids: _Ids, prefix: str, personal: set[str]
) -> Iterator[dict[str, Any]]:
    source = cases.values_list(
        "pk", "code", "created_at", "status", "destination_country", "destination_city"
    ).iterator(chunk_size=CHUNK)
    for pk, code, created, status, country, city in source:
        case_id = ids.case(pk, code)
        yield {
            "case_id": case_id,
            "vic_id": case_id,
            "case_YearOfRegistration": _year(created),
            "case_Status": status,
            "case_CountryOfExploitation": case_reference.country_alpha3(country or ""),
            f"{prefix}CompoundCity": city if "address" in personal else "",
        }


def _events(cases: QuerySet[Case], ids: _Ids) -> Iterator[dict[str, Any]]:
    source = cases.values_list(
        "pk",
        "code",
        "destination_country",
        "recruited_on",
        "departed_on",
        "arrived_on",
        "exited_on",
        "returned_on",
    ).iterator(chunk_size=CHUNK)
    for pk, code, country, recruited, departed, arrived, exited, returned in source:
        case_id = ids.case(pk, code)
        abroad = case_reference.country_alpha3(country or "")
        for kind, when, where in (
            ("recruitment", recruited, "IDN"),
            ("transit", departed, ""),
            ("exploitation", arrived, abroad),
            ("exit", exited, abroad),
            ("return", returned, "IDN"),
        ):
            if when:
                yield {
                    "event_id": f"{case_id}-{kind}",
                    "case_id": case_id,
                    "event_Type": kind,
                    "event_Year": _year(when),
                    "event_Country": where,
                }


def _support(cases: QuerySet[Case], ids: _Ids) -> Iterator[dict[str, Any]]:
    source = (
        ServiceDelivery.objects.filter(case__in=cases.values("pk"))
        .order_by("case_id", "pk")
        .values_list("case_id", "case__code", "service_type", "status", "started_on")
        .iterator(chunk_size=CHUNK)
    )
    for case_pk, code, service, status, started in source:
        yield {
            "case_id": ids.case(case_pk, code),
            "sp_ServiceType": service,
            "sp_Status": status,
            "sp_StartYear": _year(started),
        }


def _perpetrators(cases: QuerySet[Case], ids: _Ids) -> Iterator[dict[str, Any]]:
    source = (
        Suspect.objects.filter(legal_case__victim_cases__in=cases.values("pk"))
        .order_by("pk")
        # values_list reuses the filter's join: the case of each row is a consenting one.
        .values_list("pk", "legal_case__victim_cases", "legal_case__victim_cases__code", "role")
        .iterator(chunk_size=CHUNK)
    )
    for pk, case_pk, code, role in source:
        yield {
            "perp_id": ids.pseudonym("perpetrator", pk),
            "case_id": ids.case(case_pk, code),
            "per_RoleInProcess": role,
        }


def _consents(cases: QuerySet[Case], ids: _Ids) -> Iterator[dict[str, Any]]:
    source = (
        Consent.objects.filter(case__in=cases.values("pk"))
        .order_by("case_id", "kind", "-recorded_at", "-pk")
        .values_list("case_id", "case__code", "kind", "granted", "recorded_at")
        .iterator(chunk_size=CHUNK)
    )
    last: tuple[int, str] | None = None
    for case_pk, code, kind, granted, recorded in source:
        if (case_pk, kind) == last:
            continue  # only the latest decision per kind holds
        last = (case_pk, kind)
        yield {
            "case_id": ids.case(case_pk, code),
            "con_Type": kind,
            "con_Granted": "1" if granted else "0",
            "con_Year": _year(recorded),
        }


def write_htcds(
    cases: QuerySet[Case],
    target: Path,
    *,
    tables: list[str],
    personal: set[str],
    on_progress: Callable[[int, int], None] | None = None,
) -> dict[str, Any]:
    """Write the ZIP; ``cases`` are already restricted to consent to sharing. Returns the
    rows per table and how many people's personal data were decrypted into the file.

    ``on_progress(done, total)`` counts in cases per table: ``total`` is the number of cases
    times the number of tables, and each table advances by one per case row written (a
    table with several rows per case, such as events, stops at its share until it ends)."""
    prefix = str(reference.get("extension_prefix"))
    ids = _Ids(use_codes="case_code" in personal)
    decrypted = [0]
    producers: dict[str, Callable[[], Iterator[dict[str, Any]]]] = {
        "person": lambda: _persons(cases, ids, personal, decrypted),
        "victim": lambda: _victims(cases, ids, prefix),
        "perpetrator": lambda: _perpetrators(cases, ids),
        "case": lambda: _cases(cases, ids, prefix, personal),
        "event": lambda: _events(cases, ids),
        "support_plan": lambda: _support(cases, ids),
        "consent": lambda: _consents(cases, ids),
    }
    counts: dict[str, int] = {}
    stamp = time.localtime()[:6]
    chosen = [t for t in reference.get("htcds_tables") if t in tables]
    n_cases = cases.count() if on_progress is not None else 0
    total = n_cases * len(chosen)
    with atomic_file(target) as raw, zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
        for index, table in enumerate(chosen):
            columns = table_columns(table, personal)
            counts[table] = 0
            member_info = zipfile.ZipInfo(f"{table}.csv", date_time=stamp)
            member_info.compress_type = zipfile.ZIP_DEFLATED
            with archive.open(member_info, "w", force_zip64=True) as member:
                text = io.TextIOWrapper(member, encoding="utf-8", newline="")
                writer = csv.DictWriter(text, fieldnames=columns, extrasaction="ignore")
                writer.writeheader()
                for row in producers[table]():
                    writer.writerow(row)
                    counts[table] += 1
                    if on_progress is not None and counts[table] % PROGRESS_EVERY == 0:
                        on_progress(index * n_cases + min(counts[table], n_cases), total)
                text.flush()
                text.detach()
            if on_progress is not None:
                on_progress((index + 1) * n_cases, total)
        archive.writestr("data_dictionary.csv", _dictionary_csv(tables, personal))
    return {
        "tables": counts,
        "personal_fields": sorted(personal),
        "people_decrypted": decrypted[0],
        "ids": "case codes" if ids.use_codes else "pseudonyms for this release only",
    }


def _dictionary_csv(tables: list[str], personal: set[str]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["table", "column", "description", "source", "extension"])
    prefix = str(reference.get("extension_prefix"))
    for table, columns in dictionary()["tables"].items():
        if table not in tables:
            continue
        included = set(table_columns(table, personal))
        for column, text, source in columns:
            if column in included:
                writer.writerow(
                    [table, column, text, source, "yes" if column.startswith(prefix) else "no"]
                )
    return buffer.getvalue()
