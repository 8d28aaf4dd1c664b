"""Demo organisations and users (idempotent). Demo accounts only log in when demo mode is on."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from waspada.accounts import services
from waspada.accounts.models import Organisation, User
from waspada.accounts.roles import OrganisationType, Role

DEMO_PASSWORD = "waspada-demo"  # noqa: S105  (public by design; refused outside demo mode)


@dataclass(frozen=True)
class DemoUser:
    username: str
    role: Role
    organisation: str


DEMO_ORGANISATIONS: list[tuple[str, str, OrganisationType]] = [
    ("IOM Indonesia", "IOM", OrganisationType.INTERNATIONAL),
    ("Yayasan Migran Sejahtera (demo)", "YMS", OrganisationType.NGO_LEGAL_AID),
    ("LBH Pelita Keadilan (demo)", "LBH PK", OrganisationType.NGO_LEGAL_AID),
    ("UPT KP2MI Jakarta (demo)", "UPT KP2MI", OrganisationType.GOVERNMENT),
    ("KBRI Phnom Penh (demo)", "KBRI PNH", OrganisationType.EMBASSY),
    ("UPTD PPA Jawa Barat (demo)", "UPTD PPA Jabar", OrganisationType.GOVERNMENT),
]

DEMO_USERS: list[DemoUser] = [
    DemoUser("admin", Role.ADMIN, "IOM Indonesia"),
    DemoUser("sup.iom", Role.SUPERVISOR, "IOM Indonesia"),
    DemoUser("cw.iom", Role.CASEWORKER, "IOM Indonesia"),
    DemoUser("cw.ngo", Role.CASEWORKER, "Yayasan Migran Sejahtera (demo)"),
    DemoUser("legal.lbh", Role.LEGAL_OFFICER, "LBH Pelita Keadilan (demo)"),
    DemoUser("prog.iom", Role.PROGRAMME_OFFICER, "IOM Indonesia"),
    DemoUser("analyst", Role.ANALYST, "IOM Indonesia"),
    DemoUser("piket.iom", Role.DUTY_OFFICER, "IOM Indonesia"),
    # The hand-over chain KBRI → KP2MI → UPTD PPA → NGO (transfers and their BAST).
    DemoUser("cw.kbri", Role.CASEWORKER, "KBRI Phnom Penh (demo)"),
    DemoUser("cw.kp2mi", Role.CASEWORKER, "UPT KP2MI Jakarta (demo)"),
    DemoUser("sup.kp2mi", Role.SUPERVISOR, "UPT KP2MI Jakarta (demo)"),
    DemoUser("cw.ppa", Role.CASEWORKER, "UPTD PPA Jawa Barat (demo)"),
]


def demo_load() -> tuple[int, int]:
    """Create missing demo organisations and users; return how many of each were created.

    Existing demo users keep their password (someone may have changed it) but get their
    role and organisation back, so the demo always matches this list.
    """
    created_orgs = created_users = 0
    with transaction.atomic():
        organisations: dict[str, Organisation] = {}
        for name, short_name, org_type in DEMO_ORGANISATIONS:
            organisation = Organisation.objects.filter(name=name).first()
            if organisation is None:
                organisation = services.organisation_create(
                    name=name, short_name=short_name, type=org_type
                )
                created_orgs += 1
            organisations[name] = organisation
        for demo in DEMO_USERS:
            user = User.objects.filter(username=demo.username).first()
            if user is None:
                services.user_create(
                    username=demo.username,
                    organisation=organisations[demo.organisation],
                    role=demo.role,
                    password=DEMO_PASSWORD,
                    is_demo=True,
                )
                created_users += 1
            elif user.is_demo and (
                user.role != demo.role
                or user.organisation_id != organisations[demo.organisation].pk
            ):
                user.role = demo.role
                user.organisation = organisations[demo.organisation]
                user.save(update_fields=["role", "organisation"])
        # The demo administrator administers the platform (organisations and every user).
        User.objects.filter(is_demo=True, role=Role.ADMIN).update(is_platform_admin=True)
    return created_orgs, created_users
