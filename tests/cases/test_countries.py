"""Countries as the Indonesian government names them, the scam destinations first."""

from __future__ import annotations

from django.utils import translation

from waspada.cases import reference


def test_indonesian_names_and_priority_destinations_first():
    with translation.override("id"):
        choices = reference.country_choices()
        assert [code for code, _name in choices[:6]] == ["KH", "MM", "LA", "PH", "TH", "MY"]
        assert [name for _code, name in choices[:6]] == [
            "Kamboja", "Myanmar", "Laos", "Filipina", "Thailand", "Malaysia",
        ]  # fmt: skip
        assert reference.country_name("CN") == "Tiongkok"
        assert reference.country_name("TL") == "Timor-Leste"
        assert reference.country_name("TW") == "Taiwan"
        rest = [name for _code, name in choices[6:]]
        assert rest == sorted(rest) and len(choices) == len(set(choices)) == 249
    with translation.override("en"):
        assert reference.country_name("CN") == "China"
