"""Hand-over of a case between organisations (transfer), a transition of the case kernel.

request → accept / decline. Accepting makes the receiver the owner of the case, ends the
grants that the transfer makes pointless, and gives the sender a read-only grant that ends
by itself after ``WASPADA_TRANSFER_READ_DAYS``. Every accepted transfer is a BAST (berita acara
serah terima) with its own number, printed from ``views_transfers``. Every step is audited.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from waspada.accounts.models import Organisation, User
from waspada.accounts.permissions import Perm, can
from waspada.audit import services as audit
from waspada.cases import reference
from waspada.cases.grants import case_access_grant
from waspada.cases.models import (
    AccessReason,
    Case,
    CaseAccessGrant,
    CaseStatus,
    CaseTransfer,
    Consent,
    ConsentKind,
    TransferStatus,
)
from waspada.cases.selectors import is_owner_side
from waspada.privacy import services as privacy

NOTE_LIMIT = 2000


def _note_context(transfer: CaseTransfer) -> str:
    return f"cases.transfer:{transfer.pk}"


def sharing_consented(case: Case) -> bool:
    latest = Consent.objects.filter(case=case, kind=ConsentKind.SHARING).first()
    return bool(latest and latest.granted)


def validate_transfer(
    *, case: Case, to_organisation_id: Any, items: Iterable[str], note: str
) -> tuple[Organisation, list[str], str]:
    """Every problem at once, per field (``to_organisation``, ``items``, ``note``)."""
    errors: dict[str, list[str]] = {}
    organisation = None
    if str(to_organisation_id or "").strip().isdigit() and len(str(to_organisation_id)) < 19:
        organisation = Organisation.objects.filter(
            pk=int(to_organisation_id), is_active=True
        ).first()
    if organisation is None:
        errors["to_organisation"] = [_("Pilih organisasi penerima dari daftar.")]
    elif organisation.pk == case.organisation_id:
        errors["to_organisation"] = [_("Organisasi penerima harus organisasi lain.")]
    chosen = list(dict.fromkeys(items))
    unknown = [i for i in chosen if i not in reference.codes("handover_items")]
    if unknown:
        errors["items"] = [_("Pilihan tidak dikenal: %(value)s") % {"value": ", ".join(unknown)}]
    note = (note or "").strip()
    if len(note) > NOTE_LIMIT:
        errors["note"] = [
            _("Paling banyak %(limit)d karakter (sekarang %(n)d).")
            % {"limit": NOTE_LIMIT, "n": len(note)}
        ]
    if case.status == CaseStatus.CLOSED:
        errors.setdefault("__all__", []).append(_("Kasus yang ditutup tidak bisa diserahkan."))
    if not sharing_consented(case):
        errors.setdefault("__all__", []).append(
            _("Orang ini belum setuju datanya dibagikan: serah terima tidak bisa diminta.")
        )
    if CaseTransfer.objects.filter(case=case, status=TransferStatus.PENDING).exists():
        errors.setdefault("__all__", []).append(_("Sudah ada serah terima yang menunggu jawaban."))
    if errors:
        raise ValidationError(errors)
    assert organisation is not None
    return organisation, chosen, note


def transfer_request(
    *,
    actor: User,
    case: Case,
    to_organisation_id: Any,
    items: Iterable[str] = ("case_file",),
    note: str = "",
    request: HttpRequest | None = None,
) -> CaseTransfer:
    """Ask another organisation to take over the case. Only the owning side may ask (with
    PROTECTION_MANAGE); the person must have consented to sharing; one pending at a time."""
    if not can(actor, Perm.PROTECTION_MANAGE) or not is_owner_side(actor, case):
        raise PermissionDenied
    organisation, chosen, clean_note = validate_transfer(
        case=case, to_organisation_id=to_organisation_id, items=items, note=note
    )
    try:
        with transaction.atomic():
            transfer = CaseTransfer.objects.create(
                case=case,
                from_organisation_id=case.organisation_id,
                to_organisation=organisation,
                items=chosen,
                requested_by=actor,
                requested_at=timezone.now(),
            )
            if clean_note:
                transfer.sealed_note = privacy.seal(
                    case.person.data_key, {"note": clean_note}, context=_note_context(transfer)
                )
                transfer.save(update_fields=["sealed_note"])
            audit.record(
                "cases.transfer.requested",
                actor=actor,
                obj=case,
                request=request,
                details={"transfer_id": transfer.pk, "to_organisation_id": organisation.pk,
                         "items": chosen},
            )  # fmt: skip
    except IntegrityError as exc:  # a second request raced this one
        raise ValidationError(
            {"__all__": [_("Sudah ada serah terima yang menunggu jawaban.")]}
        ) from exc
    return transfer


def incoming_for(user: User) -> QuerySet[CaseTransfer]:
    """Pending transfers to the user's organisation (those with PROTECTION_MANAGE)."""
    if not can(user, Perm.PROTECTION_MANAGE) or user.organisation_id is None:
        return CaseTransfer.objects.none()
    return (
        CaseTransfer.objects.filter(
            to_organisation_id=user.organisation_id, status=TransferStatus.PENDING
        )
        .select_related("case", "from_organisation", "requested_by")
        .order_by("requested_at", "pk")
    )


def get_incoming_for(user: User, transfer_id: int) -> CaseTransfer:
    transfer = incoming_for(user).filter(pk=transfer_id).first()
    if transfer is None:
        raise Http404
    return transfer


def transfer_answer(
    *,
    actor: User,
    transfer: CaseTransfer,
    accept: bool,
    request: HttpRequest | None = None,
) -> CaseTransfer:
    """Accept or decline a pending transfer to the actor's organisation.

    On acceptance, in one transaction: the receiver owns the case and the accepting user is
    assigned to it; the receiver's own earlier grants (a referral, a repatriation stage) end,
    being covered by ownership; the sender gets a read grant that expires after
    ``WASPADA_TRANSFER_READ_DAYS`` days; the transfer gets its BAST number.
    """
    if (
        not can(actor, Perm.PROTECTION_MANAGE)
        or actor.organisation_id != transfer.to_organisation_id
    ):
        raise PermissionDenied
    with transaction.atomic():
        locked = CaseTransfer.objects.select_for_update().get(pk=transfer.pk)
        if locked.status != TransferStatus.PENDING:
            raise ValidationError({"__all__": [_("Serah terima ini sudah dijawab.")]})
        now = timezone.now()
        locked.status = TransferStatus.ACCEPTED if accept else TransferStatus.DECLINED
        locked.answered_by = actor
        locked.answered_at = now
        case = Case.objects.select_for_update().get(pk=locked.case_id)
        if accept:
            locked.bast_number = f"BAST/{now:%Y}/{case.code}/{locked.pk}"
            case.organisation_id = locked.to_organisation_id
            case.version += 1
            case.save(update_fields=["organisation", "version", "updated_at"])
            case.assigned.set([actor])
            CaseAccessGrant.objects.filter(
                CaseAccessGrant.live_q(now), case=case, organisation_id=locked.to_organisation_id
            ).update(revoked_at=now)
            days = settings.WASPADA_TRANSFER_READ_DAYS
            if days:
                case_access_grant(
                    actor=actor,
                    case=case,
                    organisation=locked.from_organisation,
                    reason=AccessReason.TRANSFER,
                    source_id=locked.pk,
                    request=request,
                    ends_at=now + timedelta(days=days),
                )
        locked.save(update_fields=["status", "answered_by", "answered_at", "bast_number"])
        audit.record(
            "cases.transfer.accepted" if accept else "cases.transfer.declined",
            actor=actor,
            obj=case,
            request=request,
            details={"transfer_id": locked.pk, "from_organisation_id": locked.from_organisation_id,
                     "to_organisation_id": locked.to_organisation_id},
        )  # fmt: skip
    return locked


def transfer_chain(case: Case) -> list[CaseTransfer]:
    """Every transfer of the case, oldest first (the chain of owners)."""
    return list(
        case.transfers.select_related(
            "from_organisation", "to_organisation", "requested_by", "answered_by"
        )
    )


def bast_for(*, viewer: User, case: Case, transfer_id: int, request: HttpRequest | None = None
             ) -> dict[str, Any]:  # fmt: skip
    """What the printed BAST shows, for a user of either side who can see the case; the read
    of the person's name and the note is audited. 404 for anyone else or a pending transfer."""
    transfer = (
        case.transfers.filter(pk=transfer_id, status=TransferStatus.ACCEPTED)
        .select_related("from_organisation", "to_organisation", "requested_by", "answered_by")
        .first()
    )
    sides = {transfer.from_organisation_id, transfer.to_organisation_id} if transfer else set()
    if transfer is None or viewer.organisation_id not in sides:
        raise Http404
    person = case.person
    personal = privacy.open_sealed(
        person.data_key, person.sealed, context=f"cases.person:{person.pk}"
    )
    note = ""
    if transfer.sealed_note and personal is not privacy.ERASED:
        opened = privacy.open_sealed(
            person.data_key, transfer.sealed_note, context=_note_context(transfer)
        )
        note = opened.get("note", "") if isinstance(opened, dict) else ""
    audit.record("cases.transfer.bast_printed", actor=viewer, obj=case, request=request,
                 details={"transfer_id": transfer.pk})  # fmt: skip
    return {
        "transfer": transfer,
        "personal": personal if isinstance(personal, dict) else None,
        "items": [reference.label("handover_items", code) for code in transfer.items],
        "note": note,
    }
