"""Prevention and capacity building: screened offers per day, campaigns and trainings."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from waspada.accounts.roles import Role
from waspada.campaigns import reference
from waspada.demodata.weights import below, between, one_of
from waspada.demodata.world import FIRST_DAY, LAST_DAY, World
from waspada.prevention.models import ScreeningCount

TOPIC_TITLES = {
    "victim_identification": "Identifikasi korban TPPO penipuan daring",
    "online_scam_investigation": "Penyidikan TPPO melalui penipuan daring",
    "victim_centred_prosecution": "Penuntutan yang berpihak pada korban",
    "digital_evidence": "Bukti digital dalam perkara TPPO",
    "restitution_lpsk": "Restitusi dan perlindungan LPSK",
    "referral_case_management": "Rujukan dan manajemen kasus korban",
}
ORGANISERS = ("iom", "iom", "kp2mi", "lbh", "ppajabar", "sbmn")


def screening_counts_generate(world: World) -> int:
    """Texts screened per day, channel and verdict over the demo years; days already counted
    are kept."""
    rng = world.rng
    existing = set(
        ScreeningCount.objects.filter(day__gte=FIRST_DAY, day__lte=LAST_DAY).values_list(
            "day", "channel", "verdict"
        )
    )
    rows = []
    total_days = (LAST_DAY - FIRST_DAY).days + 1
    for offset in range(total_days):
        day = FIRST_DAY + timedelta(days=offset)
        trend = 30 + 270 * offset / total_days  # the checker became known over the years
        weekend = 0.6 if day.weekday() >= 5 else 1.0
        for channel, share in (("web", 0.85), ("api", 0.15)):
            screened = max(0, int(rng.gauss(trend * weekend * share, trend * share * 0.15)))
            high = int(screened * world.verdicts.share("high") * rng.uniform(0.8, 1.2))
            medium = int(screened * world.verdicts.share("medium") * rng.uniform(0.8, 1.2))
            low = max(0, screened - high - medium)
            for verdict, count in (("high", high), ("medium", medium), ("low", low)):
                if (day, channel, verdict) not in existing:
                    rows.append(ScreeningCount(day=day, channel=channel, verdict=verdict,
                                               count=count))  # fmt: skip
    ScreeningCount.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


def trainings_generate(world: World, count: int) -> None:
    """Trainings of officials across the four years, each with anonymous participants."""
    rng, t = world.rng, world.tables
    for _ in range(count):
        topic = world.topics.pick(rng)
        start = FIRST_DAY + timedelta(days=below(rng, (LAST_DAY - FIRST_DAY).days - 3))
        end = start + timedelta(days=between(rng, 0, 3))
        province = world.province.pick(rng)
        city = one_of(rng, world.regencies[province])
        org = world.by_slug[one_of(rng, ORGANISERS)]
        officer = org.first(Role.PROGRAMME_OFFICER)
        training_id, key_id = t.trainings.new_id(), t.data_keys.new_id()
        created = world.at(start - timedelta(days=between(rng, 7, 30)))
        _raw, wrapped, master_id = world.sealer.data_key()
        t.data_keys.add(key_id, wrapped, master_id, created)
        targets = sorted({world.institutions.pick(rng) for _ in range(3)})
        t.trainings.add(training_id, f"{TOPIC_TITLES.get(topic, 'Pelatihan TPPO')} (contoh)",
                        topic, start, end, province, city, org.id, targets,
                        "Data contoh untuk demo.", key_id, officer, created, world.at(end),
                        1)  # fmt: skip
        for _ in range(between(rng, 12, 35)):
            pre = between(rng, 25, 75)
            attended = rng.random() < 0.93
            post = min(100, pre + between(rng, 0, 35)) if attended else None
            kind = world.institutions.pick(rng)
            t.participants.add(t.participants.new_id(), training_id, kind,
                               f"{kind.replace('_', ' ').title()} {province} (contoh)", "",
                               "male" if rng.random() < 0.62 else "female", attended,
                               Decimal(pre), None if post is None else Decimal(post), "",
                               officer, world.at(end))  # fmt: skip


CAMPAIGN_REACH = {"social_media": (2_000, 80_000), "radio_tv": (5_000, 150_000)}


def campaigns_generate(world: World, count: int) -> None:
    rng = world.rng
    campaigns, partners = world.tables.campaigns, world.tables.campaign_partners
    channels = reference.codes("channels")
    audiences = reference.codes("audience_types")
    for _ in range(count):
        channel = one_of(rng, channels)
        start = FIRST_DAY + timedelta(days=below(rng, (LAST_DAY - FIRST_DAY).days - 30))
        end = start + timedelta(days=between(rng, 0, 30) if channel == "social_media" else 0)
        province = world.province.pick(rng)
        org = world.by_slug[one_of(rng, ORGANISERS)]
        low, high = CAMPAIGN_REACH.get(channel, (20, 400))
        reached = between(rng, low, high)
        female = male = None
        if channel not in CAMPAIGN_REACH and rng.random() < 0.8:
            female = int(reached * rng.uniform(0.35, 0.65))
            male = reached - female
        campaign_id = campaigns.new_id()
        created = world.at(min(end + timedelta(days=between(rng, 0, 14)), LAST_DAY))
        campaigns.add(campaign_id, f"Waspada lowongan kerja palsu di luar negeri - {province}"
                      " (contoh)", channel, province, one_of(rng, world.regencies[province]),
                      start, end, one_of(rng, audiences), reached, female, male,
                      "Poster, video pendek, leaflet (contoh)", org.id,
                      org.first(Role.PROGRAMME_OFFICER), created, created, 1)  # fmt: skip
        partner_ids = {one_of(rng, world.orgs).id for _ in range(between(rng, 0, 2))}
        for partner_id in sorted(partner_ids - {org.id}):
            partners.add(partners.new_id(), campaign_id, partner_id)
