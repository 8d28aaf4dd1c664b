"""Legal cases shaped like the real funnel: many police reports, few verdicts, restitution
awarded sometimes and paid rarely. One legal case may concern several victims."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from waspada.accounts.roles import Role
from waspada.cases import reference as case_reference
from waspada.demodata.stories import LegalLead
from waspada.demodata.weights import amount, between, load, one_of
from waspada.demodata.world import LAST_DAY, World
from waspada.legal import reference as legal_reference
from waspada.privacy import services as privacy

# Stage reached after the previous one: (share that gets there, days low, days high).
FUNNEL = [
    ("investigation", 0.70, 14, 90),
    ("p21", 0.55, 60, 180),
    ("prosecution", 0.95, 7, 30),
    ("trial", 0.95, 14, 45),
    ("verdict", 0.90, 60, 200),
]
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
AGENDAS = ("Pembacaan dakwaan", "Pemeriksaan saksi", "Pemeriksaan saksi korban",
           "Pemeriksaan terdakwa", "Tuntutan", "Pledoi")  # fmt: skip


def legal_cases_generate(world: World, leads: list[LegalLead]) -> None:
    """Group the leads (in order) into legal cases of one to four victims and write them."""
    rng = world.rng
    index = 0
    while index < len(leads):
        size = 1 if rng.random() < 0.6 else between(rng, 2, 4)
        _legal_case(world, leads[index : index + size])
        index += size


def _legal_case(world: World, victims: list[LegalLead]) -> None:
    rng, t = world.rng, world.tables
    reported = max(v.reported_after for v in victims) + timedelta(days=between(rng, 10, 120))
    if reported > LAST_DAY:
        return
    first = victims[0]
    org = world.by_slug["lbh"] if rng.random() < 0.6 else world.by_slug["iom"]
    officer = org.first(Role.LEGAL_OFFICER)
    legal_id, key_id = t.legal_cases.new_id(), t.data_keys.new_id()
    created = world.at(reported)
    _raw, wrapped, master_id = world.sealer.data_key()
    t.data_keys.add(key_id, wrapped, master_id, created)

    stages: list[tuple[str, datetime]] = [("report", created)]
    day = reported
    for stage, share, low, high in FUNNEL:
        day = day + timedelta(days=between(rng, low, high))
        if rng.random() > share or day > LAST_DAY:
            break
        stages.append((stage, world.at(day)))
    reached = {stage: moment.date() for stage, moment in stages}
    verdict = verdict_date = sentence = fine = None
    if "verdict" in reached:
        verdict_date = reached["verdict"]
        roll = rng.random()
        verdict = "convicted" if roll < 0.85 else "acquitted" if roll < 0.95 else "other"
        if verdict == "convicted":
            sentence = between(rng, 36, 180)
            fine = amount(rng, 120_000_000, 600_000_000, 10_000_000)
        appeal = verdict_date + timedelta(days=between(rng, 7, 14))
        if rng.random() < 0.3 and appeal <= LAST_DAY:
            stages.append(("appeal", world.at(appeal)))
            final = appeal + timedelta(days=between(rng, 90, 240))
        else:
            final = verdict_date + timedelta(days=14)
        if final <= LAST_DAY:
            stages.append(("final", world.at(final)))
    requested = requested_on = awarded = awarded_on = paid = paid_on = None
    if "prosecution" in reached and rng.random() < 0.5:
        requested_on = reached["prosecution"]
        requested = amount(rng, 20_000_000, 300_000_000, 1_000_000)
        if verdict == "convicted" and rng.random() < 0.6:
            awarded = int(round(requested * rng.uniform(0.2, 0.8), -6))
            awarded_on = verdict_date
            paid_day = verdict_date + timedelta(days=between(rng, 30, 365))  # type: ignore[operator]
            if rng.random() < 0.15 and paid_day <= LAST_DAY:  # type: ignore[operator]
                paid, paid_on = int(round(awarded * rng.uniform(0.1, 1.0), -5)), paid_day
    lpsk_requested = rng.random() < 0.4
    channel = case_reference.item("recruitment_channels", first.channel) or {"id": first.channel}
    place = first.city or first.destination
    regency = world.regencies[first.province][0].removeprefix("Kabupaten ").removeprefix("Kota ")
    number = f"LP/B/{between(rng, 1, 2999):04d}/{ROMAN[reported.month - 1]}/{reported.year}/DEMO"
    t.legal_cases.add(
        legal_id, world.code("LGL", reported.year), org.id,
        f"Perekrutan ke {place} lewat {channel['id']} (contoh)", key_id, "", number,
        f"Polda {first.province}", reported, stages[-1][0], f"PN {regency} (contoh)",
        verdict or "", verdict_date, sentence, fine, requested, requested_on, awarded,
        awarded_on, paid, paid_on, lpsk_requested, lpsk_requested and rng.random() < 0.7,
        org.name, "Tim advokat (contoh)", officer, created, stages[-1][1], 1,
    )  # fmt: skip
    for victim in victims:
        t.victim_links.add(t.victim_links.new_id(), legal_id, victim.case_id)
    previous = ""
    for stage, moment in stages:
        if previous:
            t.stage_changes.add(t.stage_changes.new_id(), legal_id, previous, stage, "", officer,
                                moment)  # fmt: skip
        previous = stage
    _charges(world, legal_id, min(v.recruited_on for v in victims), officer, created)
    _suspects(world, legal_id, officer, created)
    if "trial" in reached:
        _hearings(world, legal_id, reached["trial"], verdict_date, officer, regency)


def _charges(world: World, legal_id: int, offence: date, officer: int, created: datetime) -> None:
    rng, t = world.rng, world.tables
    keys = {"ptppo-4"} if rng.random() < 0.8 else set()
    wanted = between(rng, 1, 3)
    while len(keys) < wanted:
        keys.add(world.charges.pick(rng))
    for key in sorted(keys):
        entry = legal_reference.article(key)
        if entry is None:
            continue
        t.charges.add(t.charges.new_id(), legal_id, key, entry["instrument"], entry["article"],
                      entry["offence"]["id"], entry["offence"]["en"],
                      entry.get("penalty_before_2026", ""), entry.get("penalty_from_2026", ""),
                      legal_reference.version(), offence, officer, created)  # fmt: skip


def _suspects(world: World, legal_id: int, officer: int, created: datetime) -> None:
    rng, t = world.rng, world.tables
    names = load("names")
    for _ in range(between(rng, 1, 3)):
        role = world.suspect_roles.pick(rng)
        foreign = role in ("exploiter", "financier")
        if foreign:
            name = f"Boss {one_of(rng, ('Chen', 'Wang', 'Li', 'Zhang', 'Liu'))} (contoh)"
        else:
            name = f"{one_of(rng, names['male'])} {one_of(rng, names['family'])} (contoh)"
        personal = {"full_name": name, "aliases": "", "nationality": "CN" if foreign else "ID",
                    "identifiers": ""}  # fmt: skip
        suspect_id, key_id = t.suspects.new_id(), t.data_keys.new_id()
        raw, wrapped, master_id = world.sealer.data_key()
        t.data_keys.add(key_id, wrapped, master_id, created)
        sealed = world.sealer.seal(raw, personal, context=f"legal.suspect:{suspect_id}")
        t.suspects.add(suspect_id, legal_id, key_id, sealed, privacy.index("name", name), role,
                       officer, created, 1)  # fmt: skip


def _hearings(
    world: World, legal_id: int, trial: date, verdict: date | None, officer: int, regency: str
) -> None:
    rng, t = world.rng, world.tables
    end = min(verdict or LAST_DAY, LAST_DAY)
    span = max((end - trial).days, 1)
    for number in range(between(rng, 2, 5)):
        day = trial + timedelta(days=min(span, 7 + 14 * number))
        when = datetime.combine(day, time(between(rng, 9, 14)), world.tz)
        agenda = AGENDAS[min(number, len(AGENDAS) - 1)]
        t.hearings.add(t.hearings.new_id(), legal_id, when, f"PN {regency} (contoh)", agenda,
                       officer, world.at(trial))  # fmt: skip
