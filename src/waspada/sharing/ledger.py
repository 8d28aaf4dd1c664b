"""The privacy-budget ledger: a total epsilon per organisation (or the platform) and year, and
what each synthetic release spent from it. Append-only (``BudgetEntry`` refuses updates and
deletes); every entry is audited. With no allocation recorded, the year's total is the
default of ``data/sharing.json``."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from waspada.accounts.permissions import Perm, can
from waspada.audit import services as audit
from waspada.sharing import reference
from waspada.sharing.models import BudgetEntry, BudgetEntryKind, Release

_LOCK = 0x5EA7_17  # advisory lock namespace of the ledger on PostgreSQL


@dataclass(frozen=True)
class Budget:
    organisation_id: int | None
    year: int
    total: Decimal
    spent: Decimal

    @property
    def remaining(self) -> Decimal:
        return self.total - self.spent


def lock(organisation_id: int | None) -> None:
    """Serialise spending of one budget (SQLite serialises every write transaction)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [_LOCK, organisation_id or 0])


def budget(organisation_id: int | None, year: int) -> Budget:
    entries = BudgetEntry.objects.filter(year=year)
    if organisation_id is None:
        entries = entries.filter(organisation__isnull=True)
    else:
        entries = entries.filter(organisation_id=organisation_id)
    allocation = (
        entries.filter(kind=BudgetEntryKind.ALLOCATION).order_by("-recorded_at", "-pk").first()
    )
    total = allocation.epsilon if allocation else Decimal(str(reference.get("annual_epsilon")))
    spent = entries.filter(kind=BudgetEntryKind.SPEND).aggregate(s=Sum("epsilon"))["s"] or Decimal(
        0
    )
    places = Decimal("0.001")
    return Budget(
        organisation_id, year, Decimal(total).quantize(places), Decimal(spent).quantize(places)
    )


def require(organisation_id: int | None, year: int, epsilon: float) -> Budget:
    """The budget, or ValidationError on ``epsilon`` when it exceeds what remains."""
    current = budget(organisation_id, year)
    if Decimal(str(epsilon)) > current.remaining:
        raise ValidationError(
            {
                "epsilon": _(
                    "Anggaran privasi tahun %(year)s tidak cukup: tersisa epsilon %(left)s dari "
                    "%(total)s, diminta %(asked)s."
                )
                % {
                    "year": year,
                    "left": current.remaining,
                    "total": current.total,
                    "asked": epsilon,
                }
            }
        )
    return current


def spend(*, release: Release, epsilon: float, delta: float | None, year: int) -> BudgetEntry:
    """Book a release's epsilon (inside the caller's transaction, after ``lock``)."""
    organisation_id = release.agreement.organisation_id
    require(organisation_id, year, epsilon)
    entry = BudgetEntry.objects.create(
        organisation_id=organisation_id,
        year=year,
        kind=BudgetEntryKind.SPEND,
        epsilon=Decimal(str(epsilon)),
        delta=delta,
        release=release,
        recorded_by=release.decided_by,
    )
    audit.record(
        "sharing.budget.spent",
        actor=release.decided_by,
        obj=entry,
        details={
            "release": release.pk,
            "epsilon": str(entry.epsilon),
            "year": year,
            "organisation": organisation_id,
        },
    )
    return entry


def allocate(
    *, actor: Any, organisation_id: int | None, year: int, epsilon: Decimal, note: str = ""
) -> BudgetEntry:
    """Set the total epsilon of a year (a new entry; the latest allocation holds).
    Administrators only (``actor`` None: the command line)."""
    if actor is not None and not can(actor, Perm.SHARING_AGREEMENTS):
        raise PermissionDenied
    if epsilon < 0:
        raise ValidationError({"epsilon": _("Anggaran tidak boleh negatif.")})
    with transaction.atomic():
        lock(organisation_id)
        entry = BudgetEntry.objects.create(
            organisation_id=organisation_id,
            year=year,
            kind=BudgetEntryKind.ALLOCATION,
            epsilon=epsilon,
            recorded_by=actor,
            note=note[:200],
        )
        audit.record(
            "sharing.budget.allocated",
            actor=actor,
            obj=entry,
            details={"epsilon": str(epsilon), "year": year, "organisation": organisation_id},
        )
    return entry
