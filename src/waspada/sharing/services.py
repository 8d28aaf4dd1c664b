"""Agreements and the release register: record an agreement, request a release, approve it
(which makes the file), refuse it, download it. Every step is audited with ids and parameters
only; a release outside a valid agreement, over the privacy budget or approved by its own
requester is refused before anything is written."""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from waspada.accounts.permissions import Perm, can
from waspada.accounts.roles import Role
from waspada.audit import services as audit
from waspada.cases.models import ConsentKind
from waspada.sharing import ctdc, files, generate, htcds, ledger
from waspada.sharing.access import may_approve
from waspada.sharing.generate import Progress
from waspada.sharing.models import Agreement, Release, ReleaseDownload, ReleaseKind, ReleaseStatus
from waspada.sharing.validation import (
    agreement_valid_on,
    validate_agreement,
    validate_covered,
    validate_request,
)

EXTENSIONS = {ReleaseKind.CTDC: "csv", ReleaseKind.SYNTHETIC: "csv", ReleaseKind.HTCDS: "zip"}
CONTENT_TYPES = {"csv": "text/csv; charset=utf-8", "zip": "application/zip"}


def agreement_create(
    *,
    actor: Any,
    data: Mapping[str, Any],
    organisation_id: int | None,
    request: HttpRequest | None = None,
) -> Agreement:
    """Record a data-sharing agreement (administrators; ``actor`` None: the command line).
    ``organisation_id`` None makes a platform agreement: over the organisations listed in
    ``data["covered_organisations"]`` (ids), or every organisation's cases when none is."""
    if actor is not None and not can(actor, Perm.SHARING_AGREEMENTS):
        raise PermissionDenied
    clean = validate_agreement(data)
    covered = validate_covered(organisation_id, data.get("covered_organisations"))
    with transaction.atomic():
        agreement = Agreement.objects.create(
            organisation_id=organisation_id, created_by=actor, **clean
        )
        agreement.covered_organisations.set(covered)
        audit.record(
            "sharing.agreement.created",
            actor=actor,
            obj=agreement,
            request=request,
            details={
                "kinds": clean["kinds"],
                "tables": clean["tables"],
                "personal_fields": clean["personal_fields"],
                "organisation": organisation_id,
                "covered_organisations": agreement.organisation_ids(),
            },
        )
    return agreement


def _may_request(actor: Any, agreement: Agreement) -> bool:
    if actor is None:
        return True  # the command line, in demo mode only (commands.py)
    if not can(actor, Perm.SHARING_REQUEST):
        return False
    if actor.role == Role.ADMIN:
        return True
    return agreement.organisation_id in (None, actor.organisation_id)


def release_request(
    *,
    actor: Any,
    agreement: Agreement,
    data: Mapping[str, Any],
    request: HttpRequest | None = None,
) -> Release:
    """Record a release request. Raises PermissionDenied outside the actor's scope and
    ValidationError (per field) for an agreement not in force, a kind or table it does not
    allow, bad parameters, or an epsilon over the remaining budget."""
    if not _may_request(actor, agreement):
        raise PermissionDenied
    today = timezone.localdate()
    clean = validate_request(agreement, data, today=today)
    if clean["kind"] == ReleaseKind.SYNTHETIC:
        ledger.require(agreement.organisation_id, today.year, clean["parameters"]["epsilon"])
    with transaction.atomic():
        release = Release.objects.create(agreement=agreement, requested_by=actor, **clean)
        audit.record(
            "sharing.release.requested",
            actor=actor,
            obj=release,
            request=request,
            details={
                "kind": release.kind,
                "agreement": agreement.pk,
                "years": [release.year_from, release.year_to],
                "parameters": release.parameters,
            },
        )
    return release


def release_path(release: Release) -> Path:
    extension = EXTENSIONS[ReleaseKind(release.kind)]
    return files.release_dir() / f"waspada-{release.kind}-{release.pk}.{extension}"


def _generate(release: Release, target: Path, on_progress: Progress | None) -> dict[str, Any]:
    agreement = release.agreement
    params = release.parameters
    consent = ConsentKind.SHARING if release.kind == ReleaseKind.HTCDS else ConsentKind.STATISTICS
    organisations = agreement.organisation_ids()
    cases = ctdc.cases_for(
        organisation_ids=organisations,
        year_from=release.year_from,
        year_to=release.year_to,
        kind=consent,
    )
    if release.kind == ReleaseKind.CTDC:
        summary = generate.write_ctdc(
            cases, target, k=params["k"], qis=params["quasi_identifiers"], on_progress=on_progress
        )
        summary["rows"] = summary["rows_written"]
    elif release.kind == ReleaseKind.SYNTHETIC:
        summary = generate.write_synthetic(
            cases, target, epsilon=params["epsilon"], rows=params.get("rows"),
            on_progress=on_progress,
        )  # fmt: skip
        summary["rows"] = summary["rows_written"]
    else:
        summary = htcds.write_htcds(
            cases, target, tables=params["tables"], personal=set(params["personal_fields"]),
            on_progress=on_progress,
        )  # fmt: skip
        summary["rows"] = summary["tables"].get("victim", summary["tables"].get("case", 0))
    summary["consent"] = str(consent)
    summary["organisations"] = organisations  # None: every organisation
    return summary


def _decidable(release: Release, today: date) -> None:
    """ValidationError when the release can no longer be made: decided, agreement ended, or
    (synthetic) over the remaining budget. Checked before the file is made, and again under
    the locks when it is booked."""
    if release.status != ReleaseStatus.REQUESTED:
        raise ValidationError(_("Rilis ini sudah diputuskan."))
    agreement_valid_on(release.agreement, today)
    if release.kind == ReleaseKind.SYNTHETIC:
        ledger.require(release.agreement.organisation_id, today.year, release.parameters["epsilon"])


def _make(
    release: Release,
    *,
    actor: Any,
    approval: str,
    request: HttpRequest | None,
    on_progress: Progress | None = None,
) -> Release:
    """Generate the file and book it, all or nothing.

    The file is made first, outside any transaction (so ``on_progress`` reports, for example
    to a job's progress bar, can be seen while it is made), into an attempt file of its own
    next to the release's name; then, in one transaction under the release row's lock (and
    the budget's), the checks are made again, the attempt file is renamed to the release's
    name and the release is booked. On any error the attempt file is removed, and the
    release's file too when this attempt had put it in place; a concurrent attempt that lost
    the race finds the release decided and removes only its own file."""
    today = timezone.localdate()
    target = release_path(release)
    current = Release.objects.select_related("agreement").get(pk=release.pk)
    _decidable(current, today)
    attempt = target.with_name(f".{target.name}.{secrets.token_hex(6)}.attempt")
    placed = False
    try:
        summary = _generate(current, attempt, on_progress)
        written = files.digest(attempt)
        with transaction.atomic():
            locked = (
                Release.objects.select_for_update().select_related("agreement").get(pk=release.pk)
            )
            if locked.kind == ReleaseKind.SYNTHETIC:
                ledger.lock(locked.agreement.organisation_id)
            _decidable(locked, today)
            files.remove_leftovers(target, keep=attempt)  # of attempts that were killed
            os.replace(attempt, target)
            placed = True
            locked.decided_by, locked.decided_at = actor, timezone.now()
            locked.checks = {**summary, "approval": approval}
            locked.status = ReleaseStatus.APPROVED
            locked.file_name, locked.sha256, locked.size = target.name, written.sha256, written.size
            locked.rows = summary.get("rows")
            locked.save()
            if locked.kind == ReleaseKind.SYNTHETIC:
                ledger.spend(
                    release=locked,
                    epsilon=locked.parameters["epsilon"],
                    delta=summary.get("delta"),
                    year=today.year,
                )
            audit.record(
                "sharing.release.approved",
                actor=actor,
                obj=locked,
                request=request,
                details={
                    "kind": locked.kind,
                    "sha256": written.sha256,
                    "rows": locked.rows,
                    "approval": approval,
                    "people_decrypted": summary.get("people_decrypted", 0),
                },
            )
    except BaseException:
        files.remove(attempt)
        if placed:
            files.remove(target)
        raise
    return locked


def release_approve(
    *,
    actor: Any,
    release: Release,
    request: HttpRequest | None = None,
    on_progress: Progress | None = None,
) -> Release:
    """Approve (four eyes: never by its requester) and generate the file. Raises
    PermissionDenied outside the approver's scope, ValidationError when the requester
    approves, the agreement is no longer in force or the budget no longer suffices.
    ``on_progress(done, total)`` is called as the file is made (rows read or written)."""
    if not may_approve(actor, release):
        raise PermissionDenied
    if release.requested_by_id == actor.pk:
        raise ValidationError(
            _(
                "Empat mata: peminta rilis tidak boleh menyetujuinya sendiri. Minta supervisor "
                "atau administrator lain."
            )
        )
    return _make(
        release, actor=actor, approval="four eyes", request=request, on_progress=on_progress
    )


def release_approve_demo(*, release: Release) -> Release:
    """The command line in demo mode: no second person exists, the approval is skipped and
    the release records that it was."""
    return _make(release, actor=None, approval="skipped: demo mode, command line", request=None)


def release_refuse(
    *, actor: Any, release: Release, reason: str, request: HttpRequest | None = None
) -> Release:
    if not may_approve(actor, release):
        raise PermissionDenied
    with transaction.atomic():
        locked = Release.objects.select_for_update().get(pk=release.pk)
        if locked.status != ReleaseStatus.REQUESTED:
            raise ValidationError(_("Rilis ini sudah diputuskan."))
        locked.status, locked.decided_by, locked.decided_at = (
            ReleaseStatus.REFUSED,
            actor,
            timezone.now(),
        )
        locked.checks = {"refused": reason.strip()[:500]}
        locked.save()
        audit.record("sharing.release.refused", actor=actor, obj=locked, request=request)
    return locked


def release_download(
    *, actor: Any, release: Release, channel: str, request: HttpRequest | None = None
) -> tuple[Path, str]:
    """The path and content type of an approved release's file; the download is recorded
    and audited. ValidationError when it is not approved, the file is missing or altered
    (size differs), or its agreement has ended."""
    if actor is not None and not can(actor, Perm.SHARING_REQUEST):
        raise PermissionDenied
    if release.status != ReleaseStatus.APPROVED:
        raise ValidationError(_("Rilis belum disetujui."))
    agreement_valid_on(release.agreement, timezone.localdate())
    path = files.release_dir() / release.file_name
    if not path.is_file() or path.stat().st_size != release.size:
        raise ValidationError(_("Berkas rilis tidak ada atau berubah."))
    with transaction.atomic():
        ReleaseDownload.objects.create(release=release, user=actor, channel=channel)
        audit.record(
            "sharing.release.downloaded",
            actor=actor,
            obj=release,
            request=request,
            details={"channel": channel, "sha256": release.sha256},
        )
    return path, CONTENT_TYPES[EXTENSIONS[ReleaseKind(release.kind)]]
