"""Everything a story is drawn from: the weights, the organisations, the clock, the codes."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

from django.utils import timezone

from waspada.accounts.roles import Role
from waspada.cases.codes import ALPHABET
from waspada.demodata.organisations import EMBASSY_SHARE, Org
from waspada.demodata.people import Sealer
from waspada.demodata.tables import Tables
from waspada.demodata.weights import Weighted, between, load, one_of
from waspada.identification import indicators

# The demo follows the clock: the last three full years and the current one, up to today, so
# open items are days or weeks old rather than years. The weights in distributions.json are
# written for four years ending with its last one; they are moved to end with this year.
TODAY = date.today()
FIRST_DAY = date(TODAY.year - 3, 1, 1)
# Nothing happens after this day in the demo data: yesterday, so no time of day lies ahead.
LAST_DAY = TODAY - timedelta(days=1)


def shifted_years(weights: dict[str, float]) -> dict[int, float]:
    """Year weights moved to end with the current year; the current year's weight is scaled
    by the part of it that has passed (a year of which a month is gone has few cases yet)."""
    offset = TODAY.year - max(int(year) for year in weights)
    elapsed = max(year_days(TODAY.year), 1) / 365
    return {
        int(year) + offset: weight * (elapsed if int(year) + offset == TODAY.year else 1)
        for year, weight in weights.items()
    }


def year_days(year: int) -> int:
    """Days of ``year`` on which a case may be registered (up to today in the current year)."""
    end = min(date(year, 12, 31), LAST_DAY)
    return max((end - date(year, 1, 1)).days + 1, 1)


# Which kind of organisation receives a referral for a service, by organisation slug.
REFERRAL_TARGETS = {
    "shelter": ("yms", "ppajabar", "ppasulut"),
    "psychosocial": ("yms", "ppajabar", "ppasulut", "sbmn"),
    "legal_aid": ("lbh",),
    "return_travel": ("kp2mi",),
    "livelihood": ("sbmn", "yms"),
}


class World:
    """The generator's state: one seeded ``random.Random`` drives every choice."""

    def __init__(self, rng: random.Random, tables: Tables, orgs: list[Org]) -> None:
        self.rng = rng
        self.tables = tables
        self.sealer = Sealer()
        self.tz = timezone.get_default_timezone()
        self.drawn_codes: list[str] = []  # unique here; batches.Codes settles clashes between
        self._drawn: set[str] = set()
        d = load("distributions")
        self.years = Weighted.of(shifted_years(d["years"]))
        offset = TODAY.year - max(int(year) for year in d["years"])
        self.destinations = {
            year: Weighted.of(
                d["destinations"].get(str(year - offset), d["destinations"]["default"])
            )
            for year in self.years.values
        }
        self.cities = {country: Weighted.of(w) for country, w in d["cities"].items()}
        self.compounds: dict[str, list[str]] = d["compounds"]
        self.sex = Weighted.of(d["sex"])
        bands = d["age_bands"]
        self.age_band = Weighted([(lo, hi) for lo, hi, _ in bands], [w for _, _, w in bands])
        self.education = Weighted.of(d["education"])
        provinces = d["provinces"]
        self.province = Weighted(list(provinces), [v[0] for v in provinces.values()])
        self.regencies: dict[str, list[str]] = {p: v[1] for p, v in provinces.items()}
        self.channel = Weighted.of(d["recruitment_channels"])
        self.typology = {key: Weighted.of(w) for key, w in d["scam_typologies"].items()}
        self.relation = Weighted.of(d["recruiter_relations"])
        self.means = [(code, weight / 100) for code, weight in d["means_of_control"].items()]
        self.service = Weighted.of(d["service_types"])
        self.outcome = Weighted.of(d["trafficking_status"])
        self.verdicts = Weighted.of(d["screening_verdicts"])
        self.topics = Weighted.of(d["training_topics"])
        self.institutions = Weighted.of(d["institution_types"])
        self.charges = Weighted.of(d["charges"])
        self.suspect_roles = Weighted.of(d["suspect_roles"])
        self.ilo_codes = indicators.codes("ilo")
        self.orgs = orgs
        self.by_slug = {org.slug: org for org in orgs}
        registering = [org for org in orgs if org.weight]
        self.registering = Weighted(registering, [org.weight for org in registering])
        self.embassy = {org.destination: org for org in orgs if org.destination}
        self.embassy_share = EMBASSY_SHARE / 100

    # -- the clock ------------------------------------------------------------------------
    def at(self, day: date) -> datetime:
        """A moment during office hours on ``day``, in the platform's time zone."""
        rng = self.rng
        hour, minute = 8 + int(rng.random() * 9), int(rng.random() * 60)
        return datetime(day.year, day.month, day.day, hour, minute, tzinfo=self.tz)

    def later(self, moment: datetime, *, minutes: int) -> datetime:
        return moment + timedelta(minutes=between(self.rng, 1, minutes))

    # -- people and codes -----------------------------------------------------------------
    def code(self, prefix: str, year: int) -> str:
        """A reference code such as ``WSP-2023-7F3K9Q``, drawn from the seeded rng."""
        while True:
            code = f"{prefix}-{year}-{''.join(self.rng.choices(ALPHABET, k=6))}"
            if code not in self._drawn:
                self._drawn.add(code)
                self.drawn_codes.append(code)
                return code

    def user(self, org: Org, role: Role) -> int:
        return one_of(self.rng, org.users[role.value])
