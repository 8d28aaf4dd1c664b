"""What each 3P section will hold; shown as an honest empty state until it is built."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from waspada.accounts.permissions import Perm


@dataclass(frozen=True)
class Section:
    slug: str
    title: Any
    intro: Any
    planned: tuple[Any, ...]
    perm: Perm


SECTIONS: dict[str, Section] = {
    s.slug: s
    for s in [
        Section(
            "reports",
            _("Laporan"),
            _("Indikator 3P, dasbor dan laporan tahunan dari data yang sudah dianonimkan."),
            (
                _("Dasbor 3P dengan filter tahun, organisasi dan wilayah"),
                _("Laporan tahunan dan ekspor sesuai standar CTDC dan HTCDS"),
            ),
            Perm.REPORTS_VIEW,
        ),
    ]
}
