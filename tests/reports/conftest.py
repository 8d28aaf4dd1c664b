"""A small, hand-countable world for the 3P dashboard, in two organisations.

Victims' cases, all with consent to de-identified statistics (registration year,
destination, sex, age, province, status):

- IOM, 2022: 12 cases, Cambodia, female, 25 years, Jawa Barat; 8 actual, 2 possible,
  2 not a victim (so 10 identified);
- IOM, 2023: 5 cases, Myanmar, male, 19 years, Jawa Timur, undetermined;
- NGO, 2022: 3 cases, Cambodia, female, age unknown, Jawa Barat;
- IOM, 2020: 1 case (outside the default 2021–2023 range).

Around them: screening counts, three campaigns, two shelter services, four referrals, three
repatriations and three legal cases (see each helper below for the expected figures).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from types import SimpleNamespace
from typing import Any

import pytest
from django.utils import timezone
from pypdf import PdfReader

from waspada.accounts.models import Organisation, User
from waspada.accounts.roles import Role
from waspada.assistance.models import ServiceDelivery
from waspada.campaigns.models import Campaign
from waspada.cases.models import Case, Person
from waspada.cases.services import case_register
from waspada.legal.models import LegalCase
from waspada.prevention.models import ScreeningCount
from waspada.privacy import services as privacy
from waspada.referrals.models import Referral
from waspada.repatriation.models import Repatriation, StageEntry
from waspada.reports import facts
from waspada.ui import periods


def at(year: int, month: int = 6, day: int = 15, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime(year, month, day, hour))


def make_cases(
    actor: User,
    count: int,
    *,
    year: int,
    age: int | None,
    consents: dict[str, bool] | None = None,
    **fields: Any,
) -> list[Case]:
    """``count`` cases registered by ``actor`` and back-dated to ``year``, with consent to
    de-identified statistics granted unless ``consents`` says otherwise (the dashboard counts
    only those)."""
    consents = {"statistics": True} if consents is None else consents
    person_fields = {k: fields.pop(k) for k in ("sex", "province_of_origin") if k in fields}
    status = fields.pop("trafficking_status", "")
    cases = []
    for number in range(count):
        case = case_register(
            actor=actor,
            data={"full_name": f"Korban Uji {year}-{number}", "sex": "female", **person_fields,
                  "destination_country": fields.get("destination_country", "KH")},
            consents=consents,
        )  # fmt: skip
        Case.objects.filter(pk=case.pk).update(created_at=at(year), trafficking_status=status)
        Person.objects.filter(pk=case.person_id).update(age_at_identification=age)
        cases.append(case)
    facts.refresh(case.pk for case in cases)  # back-dated with update(), which sends no signal
    return cases


@dataclass
class World:
    iom: Organisation
    ngo: Organisation
    supervisor: User  # IOM
    ngo_supervisor: User
    analyst: User
    officer: User  # programme officer, IOM
    admin: User
    caseworker: User
    legal_officer: User
    kh_2022: list[Case]
    mm_2023: list[Case]


@pytest.fixture(autouse=True)
def _the_clock_in_december_2024(monkeypatch):  # type: ignore[no-untyped-def]
    """The dashboards' default period follows the clock (the last three complete years):
    these tests' world is 2021–2023, so they run as if it were December 2024."""
    monkeypatch.setattr(periods, "timezone", SimpleNamespace(localdate=lambda: date(2024, 12, 4)))


@pytest.fixture
def world(make_user, org_iom, org_ngo) -> World:  # type: ignore[no-untyped-def]
    caseworker = make_user("cw.iom", Role.CASEWORKER)
    ngo_caseworker = make_user("cw.ngo", Role.CASEWORKER, org_ngo)
    kh = make_cases(caseworker, 8, year=2022, age=25, sex="female",
                    province_of_origin="Jawa Barat", trafficking_status="actual")  # fmt: skip
    kh += make_cases(caseworker, 2, year=2022, age=25, sex="female",
                     province_of_origin="Jawa Barat", trafficking_status="possible")  # fmt: skip
    kh += make_cases(caseworker, 2, year=2022, age=25, sex="female",
                     province_of_origin="Jawa Barat", trafficking_status="not_victim")  # fmt: skip
    mm = make_cases(caseworker, 5, year=2023, age=19, sex="male",
                    province_of_origin="Jawa Timur", destination_country="MM")  # fmt: skip
    make_cases(ngo_caseworker, 3, year=2022, age=None, sex="female",
               province_of_origin="Jawa Barat")  # fmt: skip
    make_cases(caseworker, 1, year=2020, age=30, sex="female")
    _prevention(org_iom, org_ngo)
    _services(kh)
    _referrals(kh, org_iom, org_ngo)
    _repatriations(kh)
    _legal(org_iom)
    return World(
        iom=org_iom,
        ngo=org_ngo,
        supervisor=make_user("sup.iom", Role.SUPERVISOR),
        ngo_supervisor=make_user("sup.ngo", Role.SUPERVISOR, org_ngo),
        analyst=make_user("analyst", Role.ANALYST),
        officer=make_user("prog.iom", Role.PROGRAMME_OFFICER),
        admin=make_user("admin", Role.ADMIN),
        caseworker=caseworker,
        legal_officer=make_user("legal.iom", Role.LEGAL_OFFICER),
        kh_2022=kh,
        mm_2023=mm,
    )


def _prevention(iom: Organisation, ngo: Organisation) -> None:
    """Screened: 2022 → 100 (30 flagged), 2023 → 10 (10 flagged); 2024 outside the range.
    Reach: Jawa Barat 2 campaigns, 128 people (75 women, 53 men); Jawa Timur 1, 40 people."""
    for day, channel, verdict, count in (
        (date(2022, 3, 1), "web", "high", 30),
        (date(2022, 3, 1), "web", "low", 70),
        (date(2023, 5, 5), "api", "medium", 10),
        (date(2024, 1, 1), "web", "high", 99),
    ):
        ScreeningCount.objects.create(day=day, channel=channel, verdict=verdict, count=count)
    common = {"channel": "community_session", "audience_type": "job_seekers", "regency": ""}
    Campaign.objects.create(
        title="Sosialisasi Cianjur", province="Jawa Barat", start_date=date(2022, 3, 1),
        end_date=date(2022, 3, 1), people_reached=120, reached_female=70, reached_male=50,
        organisation=iom, **common,
    )  # fmt: skip
    Campaign.objects.create(
        title="Sosialisasi Sukabumi", province="Jawa Barat", start_date=date(2023, 4, 1),
        end_date=date(2023, 4, 2), people_reached=8, reached_female=5, reached_male=3,
        organisation=ngo, **common,
    )  # fmt: skip
    Campaign.objects.create(
        title="Radio Malang", province="Jawa Timur", start_date=date(2023, 7, 1),
        end_date=date(2023, 7, 1), people_reached=40, organisation=iom, **common,
    )  # fmt: skip


def _services(kh: list[Case]) -> None:
    """Two shelters delivered (2 people) in 2022; a planned medical service is not counted."""
    for case, status in ((kh[0], "completed"), (kh[1], "ongoing")):
        ServiceDelivery.objects.create(
            case=case, service_type="shelter", status=status, started_on=date(2022, 6, 1),
            recorded_by_organisation=case.organisation,
        )  # fmt: skip
    ServiceDelivery.objects.create(
        case=kh[2], service_type="medical", status="planned", started_on=date(2022, 6, 1),
        recorded_by_organisation=kh[2].organisation,
    )  # fmt: skip


def _referrals(kh: list[Case], iom: Organisation, ngo: Organisation) -> None:
    """Accepted after 2 h and 4 h (median 3.0), declined after 10 h, one pending:
    all answered → median 4.0."""
    for case, status, hours in (
        (kh[0], "accepted", 2), (kh[1], "accepted", 4), (kh[2], "declined", 10),
        (kh[3], "pending", None),
    ):  # fmt: skip
        referral = Referral.objects.create(
            case=case, from_organisation=iom, to_organisation=ngo, service_type="shelter",
            status=status,
        )  # fmt: skip
        requested = at(2022, 5, 1)
        responded = requested + timedelta(hours=hours) if hours is not None else None
        Referral.objects.filter(pk=referral.pk).update(
            requested_at=requested, responded_at=responded
        )


def _repatriations(kh: list[Case]) -> None:
    """kh[4] waits at the embassy (Cambodia); kh[5] arrived 2023-02-01; kh[6] came home on
    2022-09-01 without a recorded arrival stage. Repatriated: 2022 → 1, 2023 → 1."""
    waiting = Repatriation.objects.create(
        case=kh[4], current_stage="embassy_shelter", current_order=20
    )
    StageEntry.objects.create(
        repatriation=waiting, stage="embassy_shelter", order=20, reached_on=date(2022, 8, 1)
    )
    home = Repatriation.objects.create(case=kh[5], current_stage="arrival", current_order=60)
    StageEntry.objects.create(
        repatriation=home, stage="arrival", order=60, reached_on=date(2023, 2, 1)
    )
    Case.objects.filter(pk=kh[6].pk).update(returned_on=date(2022, 9, 1))
    facts.refresh([kh[6].pk])  # set with update(), as the return-date service does


def _legal(iom: Organisation) -> None:
    """Funnel: reported 3, investigated 3, prosecuted 2, convicted 1 (2022: 2 reported;
    2023: 1 reported, convicted). Restitution awarded Rp50,000,000, paid Rp20,000,000."""
    for code, reported_on, stage, verdict, awarded, paid in (
        ("LGL-T1", date(2022, 1, 10), "investigation", "", None, None),
        ("LGL-T2", date(2022, 2, 10), "trial", "", None, None),
        ("LGL-T3", date(2023, 3, 10), "verdict", "convicted", 50_000_000, 20_000_000),
    ):
        LegalCase.objects.create(
            code=code, organisation=iom, title="Perkara uji", data_key=privacy.data_key_create(),
            police_report_date=reported_on, stage=stage, verdict=verdict,
            restitution_awarded_idr=awarded, restitution_paid_idr=paid,
        )  # fmt: skip


def table(figures: dict[str, Any], key: str) -> dict[str, Any]:
    for section in figures["sections"]:
        for candidate in section["tables"]:
            if candidate["key"] == key:
                return candidate  # type: ignore[no-any-return]
    raise KeyError(key)


def column(figures: dict[str, Any], key: str, name: str) -> dict[Any, Any]:
    """{first cell: cell of column ``name``} for the rows (and the total) of a table."""
    found = table(figures, key)
    index = [c["key"] for c in found["columns"]].index(name)
    rows = [*found["rows"], *([found["total"]] if found["total"] else [])]
    return {row[0]: row[index] for row in rows}


def pdf_text(content: bytes) -> list[str]:
    """The lines of text a PDF reader extracts from ``content``, page after page."""
    reader = PdfReader(io.BytesIO(content))
    return [line for page in reader.pages for line in page.extract_text().splitlines()]
