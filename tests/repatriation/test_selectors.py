"""Awaiting return: visible open cases not yet departed, grouped by destination country."""

from __future__ import annotations

from datetime import date

from tests.repatriation.conftest import register
from waspada.cases.models import Case, CaseStatus
from waspada.cases.reference import country_name
from waspada.repatriation.selectors import awaiting_return, summary
from waspada.repatriation.services import repatriation_stage_record

TODAY = date(2024, 3, 1)


def record(actor, case, stage, on, **extra):  # type: ignore[no-untyped-def]
    return repatriation_stage_record(
        actor=actor, case=case, data={"stage": stage, "reached_on": on, **extra}
    )


def test_grouped_by_country_with_days_and_current_stage(people, make_user):
    kh_waiting = people.case
    record(people.assigned, kh_waiting, "in_destination", "2024-02-01")
    record(people.assigned, kh_waiting, "travel_documents", "2024-02-10")
    kh_second = register(people.assigned, "KH")
    record(people.assigned, kh_second, "embassy_shelter", "2024-02-20")
    mm = register(people.assigned, "MM")
    record(people.assigned, mm, "in_destination", "2024-01-01")
    departed = register(people.assigned, "KH")
    record(people.assigned, departed, "departure", "2024-02-01")
    closed = register(people.assigned, "LA")
    record(people.assigned, closed, "in_destination", "2024-02-01")
    Case.objects.filter(pk=closed.pk).update(status=CaseStatus.CLOSED)
    register(people.assigned, "PH")  # no repatriation recorded: not in the list
    unknown = register(people.assigned, "")
    record(people.assigned, unknown, "in_destination", "2024-02-25")

    groups = awaiting_return(viewer=people.supervisor, today=TODAY)
    assert [(g.country, g.count) for g in groups] == [("KH", 2), ("MM", 1), ("", 1)]
    kh = groups[0]
    assert kh.name == country_name("KH")
    assert [item.code for item in kh.cases] == [kh_waiting.code, kh_second.code]
    first = kh.cases[0]
    assert first.stage is not None and first.stage.code == "travel_documents"
    assert (first.started_on, first.days_waiting) == (date(2024, 2, 1), 29)
    assert groups[1].cases[0].days_waiting == 60


def test_only_cases_the_viewer_may_see(people, org_ngo):
    record(people.assigned, people.case, "in_destination", "2024-02-01")
    for who, expected in (
        ("assigned", 1), ("supervisor", 1), ("recipient", 1),
        ("colleague", 0), ("outsider", 0), ("analyst", 0),
    ):  # fmt: skip
        groups = awaiting_return(viewer=getattr(people, who), today=TODAY)
        assert sum(g.count for g in groups) == expected, who


def test_summary_totals_and_skipped(people):
    record(people.assigned, people.case, "in_destination", "2024-02-01", cost_idr=0)
    record(people.assigned, people.case, "travel_documents", "2024-02-10", cost_idr=750_000,
           cost_payer="government")  # fmt: skip
    record(people.assigned, people.case, "departure", "2024-02-12", cost_idr=2_250_000,
           cost_payer="iom")  # fmt: skip
    result = summary(people.case)
    assert result.total_cost_idr == 3_000_000
    assert [s.code for s in result.skipped] == ["embassy_shelter", "fines_settled"]
    assert result.current is not None and result.current.code == "departure"
    assert result.departed
    assert [s.code for s in result.next_stages] == ["arrival", "handover", "reintegration"]
