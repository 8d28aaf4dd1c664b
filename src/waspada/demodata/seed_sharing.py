"""Two clearly labelled data-sharing agreements for the demo (idempotent): IOM Indonesia's
with CTDC (de-identified and synthetic releases) and a platform agreement for HTCDS exports
without personal data, so the release pages can be tried at once."""

from __future__ import annotations

from datetime import date

from waspada.accounts.models import User
from waspada.sharing.models import Agreement
from waspada.sharing.services import agreement_create

DEMO_MARK = "(contoh)"


def demo_agreements_load() -> int:
    """Create the demo agreements by the demo administrator; skipped when any exists."""
    if Agreement.objects.filter(partner__endswith=DEMO_MARK).exists():
        return 0
    admin = User.objects.get(username="admin")
    today = date.today()
    period = {"valid_from": date(today.year - 1, 1, 1), "valid_to": date(today.year + 1, 12, 31)}
    agreement_create(
        actor=admin, organisation_id=admin.organisation_id,
        data={"partner": f"IOM CTDC {DEMO_MARK}", "kinds": ["ctdc", "synthetic"],
              "purpose": "Kontribusi data tanpa identitas ke dataset global CTDC.", **period},
    )  # fmt: skip
    agreement_create(
        actor=admin, organisation_id=None,
        data={"partner": f"Mitra HTCDS {DEMO_MARK}", "kinds": ["htcds"],
              "tables": ["person", "victim", "perpetrator", "case", "event", "support_plan",
                         "consent"],
              "purpose": "Pertukaran catatan kasus HTCDS tanpa data pribadi.", **period},
    )  # fmt: skip
    return 2
