"""The stage list is data: ordered, bilingual, naming the departure and arrival stages."""

from __future__ import annotations

from django.utils import translation

from waspada.repatriation import reference


def test_stages_are_ordered_and_complete():
    codes = [stage.code for stage in reference.stages()]
    assert codes == [
        "in_destination", "embassy_shelter", "travel_documents", "fines_settled",
        "departure", "arrival", "handover", "reintegration",
    ]  # fmt: skip
    orders = [stage.order for stage in reference.stages()]
    assert orders == sorted(orders) and len(set(orders)) == len(orders)
    assert reference.version()


def test_marked_stages_and_labels_follow_the_language():
    assert reference.marked("departure").code == "departure"
    assert reference.marked("arrival").code == "arrival"
    with translation.override("id"):
        assert reference.stage_label("handover") == "Serah terima ke daerah asal"
    with translation.override("en"):
        assert reference.stage_label("handover") == "Hand-over to the home region"
        assert ("iom", "IOM") in reference.payer_choices()
    assert reference.payer_codes() == {"government", "iom", "ngo", "family", "self", "other"}
