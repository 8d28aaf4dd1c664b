"""One victim's story: the person, the journey, and what the organisations did, with dates.

A case moves registered → identification → assistance → return → reintegration → closed, as
``waspada.cases.services.TRANSITIONS`` allows; each step happens a plausible number of days
after the previous one and only if that day is not after ``LAST_DAY``, so recent cases are
naturally less advanced. Every row gets its timestamps here (nothing relies on ``auto_now``).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from waspada import regions
from waspada.accounts.roles import Role
from waspada.cases.models import ConsentKind
from waspada.demodata import facts as demo_facts
from waspada.demodata import people, recruiters
from waspada.demodata.organisations import Org
from waspada.demodata.repatriation import repatriate
from waspada.demodata.tables import CASE_FACTS
from waspada.demodata.weights import amount, below, between, one_of
from waspada.demodata.world import LAST_DAY, REFERRAL_TARGETS, World, year_days
from waspada.identification import indicators
from waspada.identification.assessment import propose

# Follow-ups due before this day were done: open ones are at most six weeks overdue.
RECENT = LAST_DAY - timedelta(days=42)
CONSENT_RATES = {
    ConsentKind.SERVICES: 0.98,
    ConsentKind.SHARING: 0.85,
    ConsentKind.STATISTICS: 0.95,
}
LEGAL_RATE = 0.15  # share of confirmed victims whose case goes to the police
_PROCESS = ("recruitment", "transport", "harbouring", "receipt")
_MEANS = ("fraud_deception", "confinement", "debt_bondage", "abuse_of_vulnerability",
          "threat_of_violence", "use_of_force")  # fmt: skip


@dataclass(frozen=True)
class LegalLead:
    """A confirmed victim whose case may become (part of) a legal case."""

    case_id: int
    org: Org
    reported_after: date
    recruited_on: date
    destination: str
    city: str
    province: str
    channel: str


@dataclass
class Story:
    case_id: int
    org: Org
    caseworker: int
    status: str = "registered"
    last: datetime | None = None

    def move(self, world: World, to_status: str, moment: datetime, by: int) -> None:
        if self.last is not None and moment <= self.last:  # same day: keep the order
            moment = self.last + timedelta(minutes=5)
        t = world.tables.status_changes
        t.add(t.new_id(), self.case_id, self.status, to_status, by, moment)
        self.status = to_status
        self.last = moment


def case_generate(world: World) -> LegalLead | None:
    """Write one person, their case and its history into the world's tables."""
    rng, t = world.rng, world.tables
    year = world.years.pick(rng)
    registered = date(year, 1, 1) + timedelta(days=below(rng, year_days(year)))
    destination = world.destinations[year].pick(rng)
    cities = world.cities.get(destination)
    city = cities.pick(rng) if cities else ""
    compounds = world.compounds.get(city)
    compound = one_of(rng, compounds) if compounds and rng.random() < 0.6 else ""
    sex = world.sex.pick(rng)
    low, high = world.age_band.pick(rng)
    age = between(rng, low, high)
    province = world.province.pick(rng)
    regency = one_of(rng, world.regencies[province])
    channel = world.channel.pick(rng)
    typology = world.typology.get(destination, world.typology["default"]).pick(rng)
    means = [code for code, share in world.means if rng.random() < share]
    exploitation = ["forced_criminality_scam"]
    if rng.random() < 0.15:
        exploitation.append("forced_labour")
    if sex == "female" and rng.random() < 0.05:
        exploitation.append("sexual_exploitation")

    # The journey, backwards from the registration: most had left the compound shortly before.
    exited: date | None
    if rng.random() < 0.08:  # still held abroad when the family asked for help
        arrived = registered - timedelta(days=between(rng, 20, 200))
        exited = registered + timedelta(days=between(rng, 5, 90))
        exited = exited if exited <= LAST_DAY else None
    else:
        exited = registered - timedelta(days=min(int(rng.expovariate(1 / 6)), 60))
        arrived = exited - timedelta(days=between(rng, 21, 330))
    departed = arrived - timedelta(days=between(rng, 1, 4))
    recruited = departed - timedelta(days=between(rng, 7, 75))
    self_returned = exited is not None and exited <= registered and rng.random() < 0.3

    embassy = world.embassy.get(destination)
    if embassy is not None and not self_returned and rng.random() < world.embassy_share:
        org = embassy
    else:
        org = world.registering.pick(rng)
    caseworker = world.user(org, Role.CASEWORKER)
    # The facts come from their own stream keyed by what was drawn so far (demodata.facts).
    key = f"{registered}:{destination}:{age}:{regency}:{org.id}:{channel}"
    facts = demo_facts.case_facts(key, destination=destination, channel=channel,
                                  typology=typology, regency=regency,
                                  embassy=bool(org.destination), victim=True)  # fmt: skip

    # The person, encrypted as case_register does.
    key_id, person_id, case_id = t.data_keys.new_id(), t.persons.new_id(), t.cases.new_id()
    registered_at = world.at(registered)
    birth = people.birth_date_for(rng, age=age, on=registered)
    who = people.identity(rng, person_id=person_id, sex=sex, birth_date=birth, regency=regency)
    raw, wrapped, master_id = world.sealer.data_key()
    t.data_keys.add(key_id, wrapped, master_id, registered_at)
    sealed = world.sealer.seal(
        raw,
        people.personal_payload(who, recruiter_contacts=recruiters.contacts_for(case_id)),
        context=f"cases.person:{person_id}",
    )
    # Stored as Kemendagri codes, as case registration stores them.
    province_code = regions.province_code_for(province) or province
    regency_code = regions.regency_code_for(regency, province_code) or regency
    t.persons.add(person_id, key_id, sealed, *people.blind_indexes(who), sex, age,
                  province_code, regency_code, world.education.pick(rng), "ID",
                  facts.pop("deceased"), 1)  # fmt: skip
    for digest in people.name_word_indexes(who):
        t.name_tokens.add(t.name_tokens.new_id(), person_id, digest)

    story = Story(case_id, org, caseworker, last=registered_at)
    t.status_changes.add(t.status_changes.new_id(), case_id, "", "registered", caseworker,
                         registered_at)  # fmt: skip
    sharing = True
    for kind, rate in CONSENT_RATES.items():
        granted = rng.random() < rate
        sharing = granted if kind == ConsentKind.SHARING else sharing
        t.consents.add(t.consents.new_id(), case_id, kind.value, granted, caseworker,
                       world.later(registered_at, minutes=30))  # fmt: skip

    interview = {"key": key, "recruiter_kind": facts["recruiter_kind"],
                 "exited": exited is not None, "ransomed": "ransom" in means,
                 "data_key": raw}  # fmt: skip
    decision = _identify(world, story, registered, age, interview)
    referred_to: list[Org] = []
    returned_on: date | None = None
    lead = None
    if decision is not None and decision[0] in ("actual", "possible"):
        returned_on = _assist(world, story, decision[1], registered, exited, destination,
                              sharing=sharing, self_returned=self_returned,
                              referred=referred_to)  # fmt: skip
        if decision[0] == "actual" and rng.random() < LEGAL_RATE:
            lead = LegalLead(case_id, org, decision[1].date(), recruited, destination, city,
                             province, channel)  # fmt: skip
    elif decision is not None:  # not a victim: closed after a while
        closed = decision[1].date() + timedelta(days=between(rng, 3, 40))
        if closed <= LAST_DAY:
            story.move(world, "closed", world.at(closed), world.user(org, Role.SUPERVISOR))
    if self_returned and exited is not None:
        returned_on = exited + timedelta(days=between(rng, 0, (registered - exited).days))

    status_decided = decision[0] if decision else ""
    decided_by = org.id if status_decided else None
    if status_decided == "not_victim":  # nothing was exploited: the profile says so too
        exploitation, typology, means = [], "", []
        facts.update(exploitation_platforms=[], vulnerabilities=[], also_suspect=False)
    elif "false_promises" not in means:  # the interview found less pay than promised
        means = [*means, "false_promises"]
    code = world.code("WSP", year)
    owner, assignee = story.org, caseworker
    if returned_on is not None and org.destination and world.by_slug["kp2mi"] not in referred_to:
        owner, assignee = _hand_over(world, story, returned_on, province, key, code)
    t.assigned.add(t.assigned.new_id(), case_id, assignee)
    t.cases.add(
        case_id, code, owner.id, person_id, story.status, status_decided,
        decided_by, "", exploitation, typology, destination, city, compound, channel,
        world.relation.pick(rng), means, recruited, departed, arrived, exited, returned_on,
        caseworker, registered_at, story.last, 1, *(facts[c] for c in CASE_FACTS),
    )  # fmt: skip
    return lead


# The hand-over chain of a person an embassy registered (docs/casework.md): the KBRI hands
# them to KP2MI at debarkation; a person from Jawa Barat then goes to the province's UPTD PPA.
HANDOVER_ITEMS = ["case_file", "identity_documents", "passport_splp", "the_person"]
READ_DAYS = 30  # WASPADA_TRANSFER_READ_DAYS' default


def _hand_over(
    world: World, story: Story, returned_on: date, province: str, key: str, code: str
) -> tuple[Org, int]:
    """Accepted transfers along the chain; returns the last owner and its assigned caseworker.
    Each sender reads the case for ``READ_DAYS`` after handing it over, as the service does."""
    # Its own stream, so the seeded draws stay the same.
    rng = random.Random(f"handover:{key}")  # noqa: S311 (demo data, not secrets)
    chain = [world.by_slug["kp2mi"]]
    if province == "Jawa Barat" and "ppajabar" in world.by_slug:
        chain.append(world.by_slug["ppajabar"])
    t, sender = world.tables, story.org
    sender_user = story.caseworker
    day = returned_on
    for receiver in chain:
        if day > LAST_DAY:
            break
        requested = datetime(day.year, day.month, day.day, 9, rng.randrange(60), tzinfo=world.tz)
        answered = requested + timedelta(hours=between(rng, 1, 30))
        if answered.date() > LAST_DAY:
            break
        answerer = rng.choice(receiver.users[Role.CASEWORKER.value])
        transfer_id = t.transfers.new_id()
        code_year = f"{answered:%Y}"
        t.transfers.add(transfer_id, story.case_id, sender.id, receiver.id, "accepted",
                        HANDOVER_ITEMS, "", sender_user, requested, answerer, answered,
                        f"BAST/{code_year}/{code}/{transfer_id}")  # fmt: skip
        t.access_grants.add(t.access_grants.new_id(), story.case_id, sender.id, "transfer",
                            transfer_id, answerer, answered,
                            answered + timedelta(days=READ_DAYS))  # fmt: skip
        sender, sender_user = receiver, answerer
        day = answered.date() + timedelta(days=between(rng, 2, 20))
    return sender, sender_user


def _identify(
    world: World, story: Story, registered: date, age: int, facts: dict[str, Any]
) -> tuple[str, datetime] | None:
    """The interview and its decision; returns (status, when it took effect) once approved."""
    rng, t = world.rng, world.tables
    if rng.random() > 0.93:
        return None
    started = registered + timedelta(days=between(rng, 0, 10))
    if started > LAST_DAY:
        return None
    story.move(world, "identification", world.at(started), story.caseworker)
    outcome = world.outcome.pick(rng)
    answers = _answers(world, outcome)
    proposal = propose(answers=answers, age=age)
    interviewed = started + timedelta(days=between(rng, 0, 3))
    interview_id = t.interviews.new_id()
    # Recruiter contacts, sealed in the summary payload under the person's key as
    # interview_record does (no draw from the world's stream: the rest stays the same).
    contacts = recruiters.interview_contacts_for(story.case_id)
    sealed_summary = (
        world.sealer.seal(facts["data_key"], {"recruiter_contacts": contacts},
                          context=f"identification.interview:{interview_id}")
        if contacts
        else ""
    )  # fmt: skip
    decided_at = approved_at = None
    state, decided_status, approver = "undecided", "", None
    if outcome != "undecided" and interviewed <= LAST_DAY:
        decided = interviewed + timedelta(days=between(rng, 0, 5))
        approved = decided + timedelta(days=between(rng, 0, 3))
        if decided <= LAST_DAY:
            decided_at, decided_status, state = world.at(decided), outcome, "pending_approval"
        if approved <= LAST_DAY and decided_at is not None:
            approved_at, state = max(world.at(approved), decided_at), "decided"
            approver = story.org.first(Role.SUPERVISOR)
    t.interviews.add(
        interview_id, story.case_id, story.caseworker, min(interviewed, LAST_DAY),
        answers["process"], answers["means"], answers["purpose"], answers["ilo"],
        indicators.version(), sealed_summary, proposal.status, proposal.reasons, state,
        decided_status, story.caseworker if decided_at else None, decided_at, "", True,
        approver, approved_at,
        "", world.at(min(interviewed, LAST_DAY)), 1,
        demo_facts.interview_facts(facts["key"], outcome, recruiter_kind=facts["recruiter_kind"],
                                   exited=facts["exited"], ransomed=facts["ransomed"]), "",
    )  # fmt: skip
    if approved_at is None:
        return None
    story.last = max(story.last or approved_at, approved_at)
    return decided_status, approved_at


def _answers(world: World, outcome: str) -> dict[str, list[str]]:
    rng = world.rng
    ilo = world.ilo_codes
    if outcome in ("actual", "undecided"):
        return {
            "process": sorted(rng.sample(_PROCESS, between(rng, 1, 3))),
            "means": sorted(rng.sample(_MEANS, between(rng, 1, 3))),
            "purpose": ["forced_criminality_scam"],
            "ilo": sorted(rng.sample(ilo, between(rng, 3, 7))),
        }
    if outcome == "possible":
        return {"process": ["recruitment"], "means": [], "purpose": [],
                "ilo": sorted(rng.sample(ilo, between(rng, 1, 3)))}  # fmt: skip
    # Not a victim: no element and no indicator, so the system proposes what was decided.
    # (The draw is kept so that the seeded stream, and every later draw, stays the same.)
    rng.random()
    return {"process": [], "means": [], "purpose": [], "ilo": []}


def _assist(
    world: World,
    story: Story,
    decided_at: datetime,
    registered: date,
    exited: date | None,
    destination: str,
    *,
    sharing: bool,
    self_returned: bool,
    referred: list[Org],
) -> date | None:
    """Assistance, services, follow-ups, a referral, the return home and the closure."""
    rng = world.rng
    start = decided_at.date() + timedelta(days=between(rng, 0, 4))
    if start > LAST_DAY:
        return None
    story.move(world, "assistance", world.at(start), story.caseworker)
    referred_to = _refer(world, story, start) if sharing and rng.random() < 0.3 else None
    if referred_to is not None:
        referred.append(referred_to)
    _services(world, story, start, referred_to)
    _follow_ups(world, story, start)
    returned_on: date | None = None
    home_from: date | None = None
    if self_returned:
        reintegration = start + timedelta(days=between(rng, 10, 60))
        if reintegration <= LAST_DAY:
            story.move(world, "reintegration", world.at(reintegration), story.caseworker)
            home_from = reintegration
    elif exited is not None:
        returned_on, home_from = repatriate(world, story, start, max(exited, registered),
                                            destination)  # fmt: skip
    if home_from is not None and rng.random() < 0.85:
        closed = home_from + timedelta(days=between(rng, 30, 300))
        if closed <= LAST_DAY:
            supervisor = story.org.first(Role.SUPERVISOR)
            story.move(world, "closed", world.at(closed), supervisor)
    return returned_on


def _refer(world: World, story: Story, start: date) -> Org | None:
    rng, t = world.rng, world.tables
    service_type = one_of(rng, tuple(REFERRAL_TARGETS))
    targets = [world.by_slug[s] for s in REFERRAL_TARGETS[service_type] if s != story.org.slug]
    if not targets:
        return None
    target = one_of(rng, targets)
    requested = world.at(start + timedelta(days=between(rng, 0, 20)))
    if requested.date() > LAST_DAY:
        return None
    responded = requested + timedelta(hours=rng.lognormvariate(3.4, 0.9))  # median ~1.25 days
    status, responder = "pending", None
    if responded.date() <= LAST_DAY:
        status = "accepted" if rng.random() < 0.82 else "declined"
        responder = target.first(Role.SUPERVISOR)
    referral_id = t.referrals.new_id()
    t.referrals.add(referral_id, story.case_id, story.org.id, target.id, service_type,
                    status, False, "", story.caseworker, requested, responder,
                    responded if responder else None)  # fmt: skip
    if status != "accepted":
        return None
    t.access_grants.add(t.access_grants.new_id(), story.case_id, target.id, "referral",
                        referral_id, responder, responded, None)  # fmt: skip
    return target


def _services(world: World, story: Story, start: date, referred_to: Org | None) -> None:
    rng, t = world.rng, world.tables
    count = 1 + (rng.random() < 0.6) + (rng.random() < 0.3)
    for _ in range(count):
        begun = start + timedelta(days=between(rng, 0, 14))
        if begun > LAST_DAY:
            continue
        ended = begun + timedelta(days=between(rng, 1, 90))
        done = ended <= LAST_DAY
        provider = referred_to if referred_to is not None and rng.random() < 0.5 else story.org
        outcome = ""
        if done:
            roll = rng.random()
            outcome = "achieved" if roll < 0.6 else "partly" if roll < 0.85 else "unknown"
        cost = amount(rng, 250_000, 15_000_000, 50_000) if rng.random() < 0.4 else None
        recorded = world.at(begun)
        t.services.add(t.services.new_id(), story.case_id, world.service.pick(rng), provider.id,
                       "", begun, ended if done else None, "completed" if done else "ongoing",
                       outcome, "", cost, story.org.id, story.caseworker, recorded,
                       world.at(ended) if done else recorded, 1)  # fmt: skip


def _follow_ups(world: World, story: Story, start: date) -> None:
    rng, t = world.rng, world.tables
    for number in range(1, between(rng, 1, 3) + 1):
        due = start + timedelta(days=14 * number + between(rng, 0, 7))
        if due > LAST_DAY:
            break
        done = due + timedelta(days=between(rng, -3, 10))
        # Left open only when recent: days or weeks overdue, never years (the demo follows
        # the clock, and nobody leaves a follow-up open on a case handled years ago).
        finished = done <= LAST_DAY and (rng.random() < 0.92 or due < RECENT)
        t.follow_ups.add(t.follow_ups.new_id(), story.case_id, due, "",
                         world.at(done) if finished else None,
                         story.caseworker if finished else None, story.caseworker,
                         world.at(start))  # fmt: skip
