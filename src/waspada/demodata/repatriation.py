"""The way home: repatriation stages with plausible gaps, costs and who was responsible."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from waspada.demodata.weights import amount, between
from waspada.demodata.world import LAST_DAY, World
from waspada.repatriation import reference

if TYPE_CHECKING:
    from waspada.demodata.stories import Story

# Days after the previous stage (low, high), and how often a stage is recorded at all.
GAPS = {
    "in_destination": (0, 0),
    "embassy_shelter": (0, 5),
    "travel_documents": (3, 30),
    "fines_settled": (2, 20),
    "departure": (1, 14),
    "arrival": (0, 1),
    "handover": (0, 3),
    "reintegration": (7, 60),
}
OPTIONAL = {"fines_settled": 0.4, "in_destination": 0.7}
EMBASSY_CITY = {"KH": "Phnom Penh", "MM": "Yangon", "PH": "Manila", "LA": "Vientiane",
                "TH": "Bangkok", "VN": "Hanoi", "MY": "Kuala Lumpur"}  # fmt: skip


def repatriate(
    world: World, story: Story, start: date, abroad_from: date, destination: str
) -> tuple[date | None, date | None]:
    """Record the stages reached by ``LAST_DAY``; return (arrival day, reintegration day)."""
    rng, t = world.rng, world.tables
    day = max(start, abroad_from)
    if day > LAST_DAY:
        return None, None
    embassy = world.embassy.get(destination)
    home = world.by_slug["kp2mi"]
    repatriation_id = t.repatriations.new_id()
    entries = []
    for stage in reference.stages():
        if rng.random() > OPTIONAL.get(stage.code, 1.0):
            continue
        low, high = GAPS.get(stage.code, (1, 10))
        day = day + timedelta(days=between(rng, low, high))
        if day > LAST_DAY:
            break
        entries.append((stage, day))
    if not entries:
        return None, None
    story.move(world, "return", world.at(entries[0][1]), story.caseworker)
    arrival = reintegration = None
    for stage, reached in entries:
        abroad = stage.order < 60
        org = embassy if abroad else home if stage.code != "reintegration" else story.org
        party = f"KBRI {EMBASSY_CITY.get(destination, '')}".strip() if abroad else ""
        cost, payer = _cost(world, stage.code)
        t.stage_entries.add(t.stage_entries.new_id(), repatriation_id, stage.code, stage.order,
                            reached, org.id if org else None, party, cost, payer, "",
                            story.caseworker, world.at(reached))  # fmt: skip
        if stage.marks == "arrival":
            arrival = reached
        if stage.code == "reintegration":
            reintegration = reached
    last_stage, last_day = entries[-1]
    if reintegration is not None:
        story.move(world, "reintegration", world.at(reintegration), story.caseworker)
    else:
        story.last = max(story.last or world.at(last_day), world.at(last_day))
    t.repatriations.add(repatriation_id, story.case_id, last_stage.code, last_stage.order,
                        entries[0][1], world.at(entries[0][1]), world.at(last_day))  # fmt: skip
    return arrival, reintegration


def _cost(world: World, stage: str) -> tuple[int | None, str]:
    rng = world.rng
    if stage == "fines_settled":
        payer = "government" if rng.random() < 0.6 else "iom" if rng.random() < 0.6 else "family"
        return amount(rng, 3_000_000, 60_000_000, 100_000), payer
    if stage == "departure":
        payer = "government" if rng.random() < 0.6 else "iom" if rng.random() < 0.75 else "family"
        return amount(rng, 2_500_000, 9_000_000, 50_000), payer
    if stage == "travel_documents" and rng.random() < 0.5:
        return 350_000, "government"
    return None, ""
