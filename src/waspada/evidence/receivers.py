"""Receivers of the case kernel's signals (connected in ``EvidenceConfig.ready``)."""

from __future__ import annotations

from typing import Any

from waspada.evidence import services


def on_person_erased(sender: Any, *, person: Any, **kwargs: Any) -> None:
    """Evidence has keys of its own: an erased person's evidence becomes unreadable too."""
    services.items_of_person_destroy(person=person)
