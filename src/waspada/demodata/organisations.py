"""The synthetic organisations and their demo users (one per role, more caseworkers).

Organisations are found or created by name, so that running the generator again, or after
``waspada demo``, reuses them (``IOM Indonesia`` and the ``(demo)`` organisations of the fixed
demo are the same rows). Users are demo accounts (``is_demo=True``): they can log in only in
demo mode, with the demo password, hashed once for all of them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password

from waspada.accounts.models import Organisation, User
from waspada.accounts.roles import OrganisationType, Role
from waspada.demodata.seed_accounts import DEMO_PASSWORD

T = OrganisationType
# name, short name, type, slug for usernames, share of cases registered, destination served.
ORGANISATIONS: list[tuple[str, str, OrganisationType, str, float, str]] = [
    ("IOM Indonesia", "IOM", T.INTERNATIONAL, "iom", 30, ""),
    ("Yayasan Migran Sejahtera (demo)", "YMS", T.NGO_LEGAL_AID, "yms", 10, ""),
    ("Serikat Buruh Migran Nusantara (demo)", "SBMN", T.NGO_LEGAL_AID, "sbmn", 6, ""),
    ("LBH Pelita Keadilan (demo)", "LBH PK", T.NGO_LEGAL_AID, "lbh", 2, ""),
    ("UPT KP2MI Jakarta (demo)", "UPT KP2MI", T.GOVERNMENT, "kp2mi", 8, ""),
    ("UPTD PPA Jawa Barat (demo)", "UPTD PPA Jabar", T.GOVERNMENT, "ppajabar", 5, ""),
    ("UPTD PPA Sulawesi Utara (demo)", "UPTD PPA Sulut", T.GOVERNMENT, "ppasulut", 3, ""),
    ("KBRI Phnom Penh (demo)", "KBRI PNH", T.EMBASSY, "kbripnh", 0, "KH"),
    ("KBRI Yangon (demo)", "KBRI YGN", T.EMBASSY, "kbriygn", 0, "MM"),
    ("KBRI Manila (demo)", "KBRI MNL", T.EMBASSY, "kbrimnl", 0, "PH"),
    ("KBRI Vientiane (demo)", "KBRI VTE", T.EMBASSY, "kbrivte", 0, "LA"),
    ("KBRI Bangkok (demo)", "KBRI BKK", T.EMBASSY, "kbribkk", 0, "TH"),
    ("Polda Jawa Barat (demo)", "Polda Jabar", T.LAW_ENFORCEMENT, "poldajabar", 0, ""),
]
# Share of cases registered by the embassy of the destination, when there is one.
EMBASSY_SHARE = 36
CASEWORKERS = 3
ROLES = (
    Role.SUPERVISOR, Role.LEGAL_OFFICER, Role.PROGRAMME_OFFICER, Role.ANALYST, Role.DUTY_OFFICER,
)  # fmt: skip


@dataclass
class Org:
    """One organisation and the ids of its demo users by role."""

    id: int
    name: str
    slug: str
    type: str
    weight: float
    destination: str
    users: dict[str, list[int]] = field(default_factory=dict)

    def first(self, role: Role) -> int:
        return self.users[role.value][0]


def organisations_load() -> list[Org]:
    """Find or create the organisations and their demo users; return them in a fixed order."""
    password = make_password(DEMO_PASSWORD)
    found: list[Org] = []
    for name, short_name, org_type, slug, weight, destination in ORGANISATIONS:
        organisation, _created = Organisation.objects.get_or_create(
            name=name, defaults={"short_name": short_name, "type": org_type}
        )
        org = Org(organisation.pk, name, slug, org_type.value, weight, destination)
        wanted = [(role, f"{slug}.{_ROLE_SLUG[role]}") for role in ROLES]
        wanted += [(Role.CASEWORKER, f"{slug}.pendamping{n}") for n in range(1, CASEWORKERS + 1)]
        if slug == "iom":
            wanted.append((Role.ADMIN, "iom.admin"))
        for role, username in wanted:
            user = User.objects.filter(username=f"demo.{username}").first()
            if user is None:
                user = User.objects.create(
                    username=f"demo.{username}", password=password, organisation=organisation,
                    role=role, is_demo=True, first_name=username.split(".")[1].title(),
                    last_name=f"({short_name}, demo)",
                )  # fmt: skip
            org.users.setdefault(role.value, []).append(user.pk)
        found.append(org)
    return found


_ROLE_SLUG = {
    Role.SUPERVISOR: "supervisor",
    Role.LEGAL_OFFICER: "hukum",
    Role.PROGRAMME_OFFICER: "program",
    Role.ANALYST: "analis",
    Role.DUTY_OFFICER: "piket",
}
