"""Priority rules, one test per rule with positive and negative examples.

Rules (``waspada.lapor.priority``): an SOS with an urgent situation (confinement, violence,
ransom, injury or sickness, a minor) is urgent; an SOS whose age is under 18 is urgent even
when "a child" was not ticked; any other SOS is high; offers and other reports are normal.
"""

from __future__ import annotations

import pytest

from waspada.lapor import priority, reference

URGENT = reference.urgent_situations()


def assess(kind: str = "sos", situations: tuple[str, ...] = (), age: int | None = None):
    return priority.assess(kind=kind, situations=situations, age=age, urgent=URGENT)


def test_the_urgent_situations_are_the_ones_the_issue_names():
    assert URGENT == {"confined", "violence", "ransom", "injured", "minor"}


@pytest.mark.parametrize("situation", ["confined", "violence", "ransom", "injured", "minor"])
def test_an_sos_with_an_urgent_situation_is_urgent_and_names_it(situation):
    result = assess(situations=(situation,))
    assert result.level == priority.URGENT
    assert result.reasons == (situation,)
    assert result.rank == 0


@pytest.mark.parametrize("situation", ["passport_taken", "forced_scam", "no_contact"])
def test_an_sos_with_only_other_situations_is_high_not_urgent(situation):
    result = assess(situations=(situation,))
    assert result.level == priority.HIGH
    assert result.reasons == ("sos",)


def test_every_urgent_situation_ticked_is_given_as_a_reason():
    result = assess(situations=("ransom", "passport_taken", "violence"))
    assert result.level == priority.URGENT
    assert result.reasons == ("ransom", "violence")


@pytest.mark.parametrize("age", [0, 15, 17])
def test_an_sos_for_someone_under_18_by_age_is_urgent(age):
    result = assess(age=age)
    assert (result.level, result.reasons) == (priority.URGENT, ("minor_by_age",))


@pytest.mark.parametrize("age", [18, 19, 45, None])
def test_an_sos_for_an_adult_or_unknown_age_is_not_urgent_by_age(age):
    assert assess(age=age).level == priority.HIGH


def test_minor_ticked_and_age_under_18_is_one_reason_not_two():
    assert assess(situations=("minor",), age=16).reasons == ("minor",)


def test_an_sos_with_nothing_ticked_is_high():
    result = assess()
    assert (result.level, result.reasons, result.rank) == (priority.HIGH, ("sos",), 1)


@pytest.mark.parametrize("kind", ["suspicious_offer", "other"])
def test_offers_and_other_reports_are_normal_even_with_urgent_words(kind):
    result = assess(kind=kind, situations=("confined", "ransom"), age=15)
    assert (result.level, result.reasons, result.rank) == (priority.NORMAL, (kind,), 2)


def test_a_situation_no_longer_urgent_in_the_reference_data_no_longer_makes_urgent():
    result = priority.assess(
        kind="sos", situations=("injured",), age=None, urgent=URGENT - {"injured"}
    )
    assert result.level == priority.HIGH
