"""The attendance export of one training, as CSV or XLSX. Every export is audited.

Certificate names are included only on request and only for ``access.can_export_names``;
otherwise the file holds no name at all.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext as _

from waspada.audit import services as audit
from waspada.downloads import FORMATS, ExportFile, table_file
from waspada.privacy import services as privacy
from waspada.trainings import reference
from waspada.trainings.access import can_export_names, can_view_trainings
from waspada.trainings.models import Participant, Training
from waspada.trainings.services import name_context


def _name(training: Training, participant: Participant) -> str:
    if not participant.sealed_name:
        return ""
    opened = privacy.open_sealed(
        training.data_key, participant.sealed_name, context=name_context(participant)
    )
    return opened.get("name", "") if isinstance(opened, dict) else ""  # "" once erased


def attendance_rows(training: Training, *, with_names: bool) -> list[list[Any]]:
    """The header and one row per participant (labels in the active language)."""
    header: list[Any] = [
        _("No."), _("Jenis instansi"), _("Nama instansi"), _("Jabatan / peran"),
        _("Jenis kelamin"), _("Hadir"), _("Nilai pre-test"), _("Nilai post-test"),
        _("Selisih"),
    ]  # fmt: skip
    if with_names:
        header.append(_("Nama untuk sertifikat"))
    rows = [header]
    for number, participant in enumerate(training.participants.order_by("pk"), start=1):
        pre, post = participant.pre_score, participant.post_score
        row: list[Any] = [
            number,
            reference.label("institution_types", participant.institution_type),
            participant.institution_name,
            participant.role,
            reference.label("sex", participant.sex),
            _("ya") if participant.attended else _("tidak"),
            pre,
            post,
            post - pre if pre is not None and post is not None else None,
        ]
        if with_names:
            row.append(_name(training, participant))
        rows.append(row)
    return rows


def attendance_export(
    *,
    actor: Any,
    training: Training,
    fmt: str,
    with_names: bool = False,
    request: HttpRequest | None = None,
) -> ExportFile:
    """Build the file and record ``trainings.attendance.exported`` (format, number of rows,
    whether names were included). Raises PermissionDenied for names without the right."""
    if not can_view_trainings(actor) or (with_names and not can_export_names(actor, training)):
        raise PermissionDenied
    if fmt not in FORMATS:
        raise ValueError(fmt)
    rows = attendance_rows(training, with_names=with_names)
    audit.record(
        "trainings.attendance.exported", actor=actor, obj=training, request=request,
        details={"format": fmt, "rows": len(rows) - 1, "with_names": with_names},
    )  # fmt: skip
    return table_file(
        f"pelatihan-{training.pk}-kehadiran.{fmt}", fmt, rows, sheet_name=_("Kehadiran")
    )
