"""The demo-data generator: determinism, shapes, encryption, consistency and the audit trail."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta
from typing import Any

import pytest
from django.db import transaction
from django.utils import timezone

from waspada.accounts.models import Organisation, User
from waspada.accounts.roles import Role
from waspada.audit import services as audit
from waspada.audit.models import AuditEvent
from waspada.campaigns.models import Campaign
from waspada.cases.models import Case, Consent, Person, StatusChange
from waspada.cases.selectors import CaseFilters, case_list
from waspada.cases.services import TRANSITIONS, person_personal_data
from waspada.demodata.generator import GenerationResult, demo_data_generate
from waspada.demodata.world import FIRST_DAY, LAST_DAY
from waspada.identification.models import Interview
from waspada.legal.models import LegalCase
from waspada.prevention.models import ScreeningCount
from waspada.privacy import services as privacy
from waspada.referrals.models import Referral
from waspada.repatriation.models import Repatriation
from waspada.reports.models import CaseFact
from waspada.trainings.models import Participant, Training

pytestmark = pytest.mark.django_db


class _Rollback(Exception):
    pass


def _snapshot(cases: int, seed: int) -> list[tuple[Any, ...]]:
    """Generate into the (empty) test database, read what matters, then roll it all back."""
    rows: list[tuple[Any, ...]] = []
    try:
        with transaction.atomic():
            demo_data_generate(cases=cases, seed=seed)
            rows = list(
                Case.objects.order_by("pk").values_list(
                    "code", "person__sex", "person__age_at_identification",
                    "person__province_of_origin", "destination_country", "status",
                    "trafficking_status", "recruited_on", "exited_on", "returned_on",
                    "created_at", "updated_at", "organisation__name",
                )
            )  # fmt: skip
            rows += list(LegalCase.objects.order_by("pk").values_list("code", "stage", "verdict"))
            rows += list(StatusChange.objects.order_by("pk").values_list("to_status", "changed_at"))
            raise _Rollback
    except _Rollback:
        pass
    return rows


def test_same_seed_gives_the_same_data() -> None:
    before = Case.objects.count()
    first = _snapshot(60, seed=11)
    assert Case.objects.count() == before  # rolled back: the second run starts the same way
    second = _snapshot(60, seed=11)
    assert len(first) > 120
    assert first == second
    assert all(str(row[0]).startswith("WSP-202") for row in first[:60])


def test_another_seed_gives_other_data() -> None:
    assert _snapshot(30, seed=1)[:30] != _snapshot(30, seed=2)[:30]


def test_distributions_follow_the_public_figures(generated: GenerationResult) -> None:
    cases = Case.objects.all()
    assert cases.count() == 300 == generated.cases
    destinations = Counter(cases.values_list("destination_country", flat=True))
    assert 0.5 <= destinations["KH"] / 300 <= 0.8
    assert destinations.most_common(2)[1][0] == "MM"
    assert set(destinations) <= {"KH", "MM", "PH", "LA", "TH", "VN", "MY"}
    sexes = Counter(Person.objects.values_list("sex", flat=True))
    assert sexes["male"] > sexes["female"] > 0.2 * 300
    ages = list(Person.objects.values_list("age_at_identification", flat=True))
    assert sum(18 <= age <= 35 for age in ages) / len(ages) > 0.6
    provinces = Counter(Person.objects.values_list("province_of_origin", flat=True))
    # Kemendagri codes, as registration stores them: Jawa Barat, Jawa Tengah, Jawa Timur
    assert provinces.most_common(1)[0][0] in ("32", "33", "35")
    years = Counter(c.year for c in cases.values_list("created_at", flat=True))
    # the last three full years and the current one, the first the quietest (demo follows the clock)
    this_year = timezone.localdate().year
    assert set(years) <= set(range(this_year - 3, this_year + 1))
    assert years[this_year - 3] < years[this_year - 1]
    channels = Counter(cases.values_list("recruitment_channel", flat=True))
    assert channels.most_common(1)[0][0] == "facebook"


def test_journeys_and_workflows_are_consistent(generated: GenerationResult) -> None:
    for case in Case.objects.all():
        journey = [case.recruited_on, case.departed_on, case.arrived_on, case.exited_on]
        known = [day for day in journey if day is not None]
        assert known == sorted(known)
        assert case.returned_on is None or case.returned_on >= case.exited_on
        assert case.created_at.date() <= LAST_DAY and case.updated_at >= case.created_at
    for case_id in Case.objects.values_list("pk", flat=True)[:120]:
        changes = list(StatusChange.objects.filter(case_id=case_id).order_by("changed_at", "pk"))
        assert changes[0].from_status == "" and changes[0].to_status == "registered"
        for change in changes[1:]:
            assert (
                change.to_status == "closed" or change.to_status in TRANSITIONS[change.from_status]
            )
        assert Case.objects.get(pk=case_id).status == changes[-1].to_status
    # A trafficking status is set exactly when an interview's decision was approved.
    for case in Case.objects.exclude(trafficking_status=""):
        assert Interview.objects.filter(
            case=case, state="decided", decided_status=case.trafficking_status
        ).exists()
    assert Consent.objects.count() == 3 * 300
    for repatriation in Repatriation.objects.all()[:50]:
        last = repatriation.stages.order_by("-order").first()
        assert last is not None and last.stage == repatriation.current_stage
    assert not Referral.objects.filter(status="pending", responded_at__isnull=False).exists()
    assert ScreeningCount.objects.filter(day__year=LAST_DAY.year).exists()


def test_trainings_and_campaigns_are_generated(generated: GenerationResult) -> None:
    assert Training.objects.count() >= 6 and Participant.objects.exists()
    assert Campaign.objects.count() >= 12 and Campaign.objects.filter(people_reached__gt=0).exists()


def test_public_reports_in_every_state_encrypted_and_consistent(
    generated: GenerationResult,
) -> None:
    from waspada.lapor.models import PublicReport, ReportContact

    reports = PublicReport.objects.all()
    assert reports.count() == 24 == generated.rows["lapor.publicreport"]
    assert {"sos", "suspicious_offer"} <= set(reports.values_list("kind", flat=True))
    closed = reports.filter(status="closed")
    assert set(closed.values_list("outcome", flat=True)) >= {"case", "intelligence"}
    for report in reports.filter(outcome="case"):
        assert report.case is not None
        assert report.case.organisation_id == report.organisation_id
        assert report.created_at < report.case.created_at
    assert not reports.filter(status="closed", closed_at__isnull=True).exists()
    assert not reports.filter(status="received").exclude(organisation=None).exists()
    assert not reports.exclude(status="closed").exclude(outcome="").exists()
    sample = reports.filter(kind="sos").first()
    opened = privacy.open_sealed(
        sample.data_key, sample.sealed, context=f"lapor.report:{sample.pk}"
    )
    assert "Contoh" in opened["person_name"] and "sintetis" in opened["description"]
    assert ReportContact.objects.filter(report__kind="suspicious_offer").exists()


def test_every_case_has_its_dashboard_row(generated: GenerationResult) -> None:
    assert CaseFact.objects.count() == Case.objects.count() == 300
    by_status = Counter(Case.objects.values_list("trafficking_status", flat=True))
    assert Counter(CaseFact.objects.values_list("trafficking_status", flat=True)) == by_status
    returned = Case.objects.filter(returned_on__isnull=False).count()
    assert CaseFact.objects.filter(repatriated_year__isnull=False).count() >= returned > 0


def test_legal_cases_form_a_funnel(generated: GenerationResult) -> None:
    legal = LegalCase.objects.all()
    assert legal.exists()
    convicted = legal.filter(verdict="convicted").count()
    assert convicted < legal.count()
    assert (
        legal.filter(restitution_paid_idr__isnull=False).count()
        <= legal.filter(restitution_awarded_idr__isnull=False).count()
    )
    for legal_case in legal:
        assert legal_case.victim_cases.exists()
        assert legal_case.code.startswith(f"LGL-{legal_case.police_report_date.year}-")


def test_people_are_encrypted_and_found_by_nik(generated: GenerationResult) -> None:
    case = Case.objects.select_related("person__data_key", "organisation").order_by("pk").first()
    assert case is not None
    supervisor = User.objects.get(
        organisation=case.organisation, role=Role.SUPERVISOR, username__startswith="demo."
    )
    assert supervisor.is_demo
    personal = person_personal_data(viewer=supervisor, case=case)
    assert isinstance(personal, dict)
    assert personal["nik"].startswith("9999") and len(personal["nik"]) == 16
    assert personal["full_name"] and personal["full_name"] not in case.person.sealed
    assert case.person.nik_index == privacy.index("nik", personal["nik"])
    found = list(case_list(viewer=supervisor, filters=CaseFilters(query=personal["nik"])))
    assert found == [case]
    by_name = case_list(viewer=supervisor, filters=CaseFilters(query=personal["full_name"]))
    assert case in by_name
    assert AuditEvent.objects.filter(action="cases.person.viewed", actor_id=supervisor.pk).exists()


def test_demo_users_exist_for_every_role(generated: GenerationResult) -> None:
    users = User.objects.filter(username__startswith="demo.")
    assert users.exists() and not users.filter(is_demo=False).exists()
    assert {role.value for role in Role} <= set(users.values_list("role", flat=True))
    assert Organisation.objects.filter(name="IOM Indonesia").count() == 1
    assert Organisation.objects.filter(name="KBRI Phnom Penh (demo)").exists()


def test_one_audit_event_per_run_and_the_chain_verifies(generated: GenerationResult) -> None:
    events = AuditEvent.objects.filter(action="demodata.generated")
    assert events.count() == 1
    details = events.get().details
    assert details["cases"] == 300 and details["seed"] == 7
    assert details["rows"]["cases.case"] == 300
    assert AuditEvent.objects.count() == 1  # nothing per row
    assert audit.verify().ok


def test_all_dates_stay_within_the_four_years(generated: GenerationResult) -> None:
    assert not Case.objects.filter(returned_on__gt=LAST_DAY).exists()
    assert not StatusChange.objects.filter(changed_at__date__gt=LAST_DAY + timedelta(1)).exists()
    # open work is recent: the newest case is days old, not years
    newest = Case.objects.order_by("-created_at").first()
    assert newest is not None and (LAST_DAY - newest.created_at.date()).days < 60
    assert not Case.objects.filter(created_at__date__lt=FIRST_DAY).exists()


def test_codes_clashing_between_batches_are_redrawn() -> None:
    from waspada.demodata.batches import BatchResult, Codes

    codes = Codes({"WSP-2023-AAAAAA"}, seed=1)
    text = "1\tWSP-2023-AAAAAA\tx\n2\tWSP-2023-BBBBBB\ty\n"
    rows = [(1, "WSP-2023-AAAAAA"), (2, "WSP-2023-BBBBBB")]
    result = BatchResult(
        0,
        [("cases_case", ["id", "code", "x"], text), ("legal", ["id", "code"], rows)],
        ["WSP-2023-AAAAAA", "WSP-2023-BBBBBB"],
        {},
    )
    codes.settle(result)
    new_text, new_rows = result.chunks[0][2], result.chunks[1][2]
    assert "WSP-2023-AAAAAA" not in new_text and "\tWSP-2023-BBBBBB\t" in new_text
    redrawn = new_rows[0][1]
    assert redrawn.startswith("WSP-2023-") and redrawn != "WSP-2023-AAAAAA"
    assert f"\t{redrawn}\t" in new_text and new_rows[1] == (2, "WSP-2023-BBBBBB")
    assert codes.used == {"WSP-2023-AAAAAA", "WSP-2023-BBBBBB", redrawn}
