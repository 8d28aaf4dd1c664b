"""What the pages show of a repatriation: rows built once for the tab and the pages."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from waspada.repatriation import reference
from waspada.repatriation.models import StageEntry
from waspada.repatriation.selectors import Summary


def rupiah(value: int | None) -> str:
    return "" if value is None else "Rp " + number_format(value, force_grouping=True)


@dataclass(frozen=True)
class Row:
    entry: StageEntry
    label: str
    reached_on: date
    responsible: str
    cost: str
    payer: str
    has_note: bool

    @property
    def details(self) -> str:
        """Responsible party, cost and payer on one line, for small screens."""
        payer = _("dibayar oleh %(payer)s") % {"payer": self.payer} if self.payer else ""
        return " · ".join(part for part in (self.responsible, self.cost, payer) if part)


def timeline(summary: Summary) -> list[Row]:
    return [
        Row(
            entry=entry,
            label=reference.stage_label(entry.stage),
            reached_on=entry.reached_on,
            responsible=", ".join(
                part
                for part in (
                    str(entry.organisation) if entry.organisation else "",
                    entry.responsible_party,
                )
                if part
            ),
            cost=rupiah(entry.cost_idr),
            payer=reference.payer_label(entry.cost_payer) if entry.cost_payer else "",
            has_note=bool(entry.sealed_note),
        )
        for entry in summary.entries
    ]
