"""Overdue follow-ups: due before today, not done, in the cases the viewer may see."""

from __future__ import annotations

from waspada.assistance import selectors, services
from waspada.cases.models import Case
from waspada.cases.selectors import case_queryset_for
from waspada.cases.services import case_register

from .conftest import make_overdue, today_plus


def _follow_up(actor, case, days=1):  # type: ignore[no-untyped-def]
    return services.follow_up_create(
        actor=actor, case=case, data={"due_on": today_plus(days), "note": "cek"}
    )


def test_overdue_scoped_to_visible_cases(cast_):
    late = make_overdue(_follow_up(cast_.assigned, cast_.case), days=2)
    _follow_up(cast_.assigned, cast_.case)  # not yet due
    done = make_overdue(_follow_up(cast_.assigned, cast_.case), days=5)
    services.follow_up_complete(actor=cast_.assigned, follow_up=done)
    today = make_overdue(_follow_up(cast_.assigned, cast_.case), days=0)  # due today: not late
    other_case = case_register(
        actor=cast_.outsider, data={"full_name": "Budi", "sex": "male", "destination_country": "MM"}
    )
    make_overdue(_follow_up(cast_.outsider, other_case), days=9)

    assert list(selectors.overdue_follow_ups(viewer=cast_.assigned)) == [late]
    assert today.pk not in {f.pk for f in selectors.overdue_follow_ups(viewer=cast_.supervisor)}
    for who in ("assigned", "supervisor", "recipient", "legal"):
        assert selectors.overdue_case_ids(getattr(cast_, who)) == {cast_.case.pk}, who
    assert selectors.overdue_case_ids(cast_.outsider) == {other_case.pk}
    assert selectors.overdue_case_ids(cast_.colleague) == set()
    assert selectors.overdue_case_ids(cast_.analyst) == set()


def test_overdue_q_filters_a_scoped_case_queryset(cast_):
    assert not case_queryset_for(cast_.assigned).filter(selectors.overdue_cases_q()).exists()
    make_overdue(_follow_up(cast_.assigned, cast_.case))
    make_overdue(_follow_up(cast_.assigned, cast_.case))
    cases = case_queryset_for(cast_.assigned).filter(selectors.overdue_cases_q())
    assert list(cases) == [cast_.case]
    assert Case.objects.filter(selectors.overdue_cases_q()).count() == 1
