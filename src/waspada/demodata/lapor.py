"""Synthetic public reports for the demo data at scale: SOS, suspicious offers and other
reports across the demo years in every state (received, in progress, and closed as a case, a
referral, intelligence, a duplicate or not actionable), encrypted like real ones.

Written after the cases, so that a report closed as a case points at a real case of the
organisation that handled it (and was received a few days before that case was registered).
Recruiter contacts are drawn from a small pool, so the same recruiter shows up in several
reports, as in life.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings

from waspada.accounts.roles import Role
from waspada.cases.models import Case
from waspada.demodata import recruiters
from waspada.demodata.organisations import Org
from waspada.demodata.people import _index_key
from waspada.demodata.weights import Weighted, below, between, one_of
from waspada.demodata.world import LAST_DAY, World
from waspada.lapor import contacts, priority, reference
from waspada.lapor.contacts import normalised
from waspada.lapor.models import PublicReport
from waspada.lapor.services import pin_digest
from waspada.privacy.blind_index import blind_index

KINDS = Weighted.of({"sos": 45, "suspicious_offer": 40, "other": 15})
SITUATIONS = {
    "confined": 0.5, "passport_taken": 0.6, "forced_scam": 0.7, "violence": 0.2,
    "ransom": 0.15, "injured": 0.1, "minor": 0.03, "no_contact": 0.3,
}  # fmt: skip
OUTCOMES = {
    "sos": Weighted.of({"case": 35, "referral": 25, "intelligence": 5, "duplicate": 15,
                        "not_actionable": 20}),
    "suspicious_offer": Weighted.of({"intelligence": 70, "duplicate": 15, "not_actionable": 15}),
    "other": Weighted.of({"referral": 30, "intelligence": 30, "not_actionable": 40}),
}  # fmt: skip
# Hours to the first response, by priority: (typical low, typical high); one in ten is late.
RESPONSE_HOURS = {"urgent": (0.2, 1.8), "high": (1.0, 20.0), "normal": (4.0, 60.0)}
HANDLERS = ("iom", "iom", "kp2mi")
SEEN_ON = ("facebook", "tiktok", "whatsapp", "telegram", "instagram", "job_site")
RELATIONS = Weighted.of({"family": 60, "friend": 20, "self": 15, "other": 5})
NARRATIVES = {
    "sos": "Data sintetis untuk demo: keluarga melaporkan anggota keluarga yang tidak bisa "
    "pulang dari tempat kerja di luar negeri.",
    "suspicious_offer": "Data sintetis untuk demo: lowongan admin/CS luar negeri, gaji tinggi, "
    "tanpa pengalaman, berangkat dengan visa turis.",
    "other": "Data sintetis untuk demo: mantan pekerja menceritakan pengalamannya.",
}
CONTACT_POOL = 200


def _recruiter_pool(world: World) -> list[list[tuple[str, str]]]:
    """Per recruiter network, its contacts: the same networks as the cases' recruiter contacts
    (``recruiters``), so that a report and a case name one recruiter; each contact written one
    of the ways people do."""
    rng = world.rng
    pool = []
    for _ in range(CONTACT_POOL):
        group = []
        for forms in recruiters.network(below(rng, recruiters.NETWORKS)):
            text = forms[below(rng, len(forms))]
            group.append((contacts.classify(text), text))
        pool.append(group)
    return pool


def _response_after(world: World, level: str) -> timedelta:
    low, high = RESPONSE_HOURS[level]
    hours = world.rng.uniform(low, high)
    if world.rng.random() < 0.1:
        hours *= world.rng.uniform(2, 4)
    return timedelta(hours=hours)


def _cases_by_org(world: World, wanted: int) -> dict[int, list[tuple[int, datetime, str]]]:
    """A sample of existing cases per organisation (id, registered, destination)."""
    ids = list(Case.objects.order_by("pk").values_list("pk", flat=True)[: max(wanted * 20, 2000)])
    chosen = sorted(world.rng.sample(ids, min(len(ids), wanted * 2)))
    found: dict[int, list[tuple[int, datetime, str]]] = {}
    for pk, org_id, created, destination in Case.objects.filter(pk__in=chosen).values_list(
        "pk", "organisation_id", "created_at", "destination_country"
    ):
        found.setdefault(org_id, []).append((pk, created, destination))
    return found


def public_reports_generate(world: World, count: int) -> None:
    """``count`` reports (and their data keys and recruiter contacts) into ``world.tables``."""
    rng, t = world.rng, world.tables
    key = _index_key(settings.INDEX_KEY)
    urgent = reference.urgent_situations()
    pool = _recruiter_pool(world)
    cases = _cases_by_org(world, count // 5)
    handlers = [world.by_slug[slug] for slug in HANDLERS if slug in world.by_slug]
    earlier: list[int] = []
    world._drawn.update(PublicReport.objects.values_list("tracking_code", flat=True))
    for number in range(count):
        kind = KINDS.pick(rng)
        year = world.years.pick(rng)
        day = date(year, 1, 1) + timedelta(days=below(rng, 365))
        created = world.at(min(day, LAST_DAY))
        country = world.destinations[year].pick(rng) if kind != "other" else ""
        situations = [code for code, share in SITUATIONS.items() if rng.random() < share]
        situations = situations if kind == "sos" else []
        assessed = priority.assess(kind=kind, situations=situations, age=None, urgent=urgent)
        handler: Org = one_of(rng, handlers)
        if kind == "sos" and country in world.embassy and rng.random() < 0.3:
            handler = world.embassy[country]
        outcome = OUTCOMES[kind].pick(rng)
        case_id = None
        if outcome == "case":
            candidates = cases.get(handler.id) or []
            if candidates:
                case_id, registered, destination = candidates.pop(below(rng, len(candidates)))
                created = registered - timedelta(days=between(rng, 1, 10))
                country = destination or country
            else:
                outcome = "referral"
        open_state = created.date() >= LAST_DAY - timedelta(days=20) and rng.random() < 0.6
        first_response = created + _response_after(world, assessed.level)
        status = "closed"
        if open_state:
            status = one_of(rng, ("received", "in_progress"))
            outcome, case_id = "", None
        sex = one_of(rng, ("female", "male", "unknown"))
        name = f"{one_of(rng, ('Rina', 'Agus', 'Dewi', 'Budi', 'Sari', 'Eko'))} Contoh {number}"
        phone = f"+62 800 {below(rng, 10_000_000):07d}" if kind == "sos" else ""
        birth_year = year - between(rng, 18, 40) if kind == "sos" else None
        raw, wrapped, master_id = world.sealer.data_key()
        key_id, report_id = t.data_keys.new_id(), t.public_reports.new_id()
        t.data_keys.add(key_id, wrapped, master_id, created)
        code = world.code("LPR", created.year)
        recruiter = one_of(rng, pool)[: between(rng, 1, 3)]
        recruiter = recruiter if kind == "suspicious_offer" else []
        relation = RELATIONS.pick(rng)
        payload: dict[str, Any] = {
            "person_name": name if kind == "sos" else "", "person_age": None,
            "person_birth_year": birth_year, "person_sex": sex if kind == "sos" else "",
            "person_phone": phone, "person_contacts": "", "city": "", "place": "",
            "landmark": "", "location_link": "", "since": "", "description": NARRATIVES[kind],
            "reporter_name": "Pelapor Contoh", "reporter_contact": "+62 800 0000000",
            "reporter_relation": relation, "company": "",
            "recruiter_contacts": [{"kind": k, "text": text} for k, text in recruiter],
        }  # fmt: skip
        sealed = world.sealer.seal(raw, payload, context=f"lapor.report:{report_id}")
        claimed = status != "received"
        duty = handler.first(Role.DUTY_OFFICER) if claimed else None
        referred = None
        if outcome == "referral":
            referred = world.embassy.get(country) or world.by_slug.get("kp2mi")
            referred = referred if referred and referred.id != handler.id else None
            if referred is None:
                outcome = "intelligence"
        duplicate_of = one_of(rng, earlier[-50:]) if outcome == "duplicate" and earlier else None
        if outcome == "duplicate" and duplicate_of is None:
            outcome = "not_actionable"
        earlier.append(report_id)
        closed_at = None
        if status == "closed":
            closed_at = first_response + timedelta(hours=rng.uniform(0, 72))
        reason = ""
        if outcome == "not_actionable":
            reason = world.sealer.seal(
                raw, {"reason": "Data sintetis: informasi tidak cukup untuk ditindaklanjuti."},
                context=f"lapor.close:{report_id}",
            )  # fmt: skip
        t.public_reports.add(
            report_id, code, kind, "web" if rng.random() < 0.9 else "api", status, outcome,
            assessed.level, assessed.rank, list(assessed.reasons), situations, country,
            world.province.pick(rng) if rng.random() < 0.7 else "",
            one_of(rng, SEEN_ON) if kind == "suspicious_offer" else "", rng.random() < 0.1,
            key_id, sealed,
            blind_index(key, "phone", phone),
            blind_index(key, "name", name, extra=str(birth_year)) if birth_year else "",
            blind_index(key, "name", name) if kind == "sos" else "",
            pin_digest(code, f"{below(rng, 10**6):06d}"), 0, created,
            first_response if claimed else None, handler.id if claimed else None, duty,
            first_response if claimed else None, duty if closed_at else None, closed_at,
            case_id, referred.id if referred else None,
            "documents" if referred else "", duplicate_of, reason,
            # A synthetic client per report (a few share one), for independent-source counts.
            blind_index(key, "client", f"demo-client-{report_id % 5000}"),
        )  # fmt: skip
        for contact_kind, text in recruiter:
            indexed = contact_kind in ("phone", "account")
            t.report_contacts.add(
                t.report_contacts.new_id(), report_id, contact_kind,
                blind_index(key, contact_kind, text) if indexed else "",
                "" if indexed else normalised(contact_kind, text),
            )  # fmt: skip
