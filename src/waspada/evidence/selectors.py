"""Who may see and handle evidence. Every read of evidence goes through this module.

Legal cases:
- handle (upload, open, download, hand over, verify, export): ``can_manage_legal_case``
  (legal officers and supervisors of the owning organisation);
- list item metadata (kind, type, size, SHA-256, dates): legal officers and supervisors who
  can see the legal case, including organisations it was shared with; caseworkers see the
  legal status of the case but not its evidence.
Victims' cases: the owning organisation's users with PROTECTION_MANAGE who can see the case.
Analysts, administrators, programme officers and anonymous users: nothing.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from waspada.accounts.permissions import Perm, can
from waspada.cases.models import Case
from waspada.cases.selectors import case_queryset_for, is_owner_side
from waspada.evidence.models import CustodyEvent, EvidenceItem
from waspada.legal.models import LegalCase
from waspada.legal.selectors import can_manage_legal_case, legal_case_queryset_for, status_only


def can_list_legal_case(user: Any, legal_case: LegalCase) -> bool:
    """May the user see the metadata of this legal case's evidence (not the files)?"""
    return bool(
        can(user, Perm.PROSECUTION_MANAGE)
        and legal_case_queryset_for(user).filter(pk=legal_case.pk).exists()
        and not status_only(user, legal_case)
    )


def can_manage_case(user: Any, case: Case) -> bool:
    """Evidence of a victim's case: owning side with PROTECTION_MANAGE, case visible."""
    return bool(
        can(user, Perm.PROTECTION_MANAGE)
        and is_owner_side(user, case)
        and case_queryset_for(user).filter(pk=case.pk).exists()
    )


def can_manage_item(user: Any, item: EvidenceItem) -> bool:
    if item.legal_case_id is not None:
        assert item.legal_case is not None
        return can_manage_legal_case(user, item.legal_case)
    assert item.case is not None
    return can_manage_case(user, item.case)


def can_list_item(user: Any, item: EvidenceItem) -> bool:
    if item.legal_case_id is not None:
        assert item.legal_case is not None
        return can_list_legal_case(user, item.legal_case)
    assert item.case is not None
    return can_manage_case(user, item.case)


def _items() -> QuerySet[EvidenceItem]:
    return EvidenceItem.objects.select_related(
        "legal_case", "case", "data_key", "uploaded_by", "organisation"
    )


def get_item_for(user: Any, pk: int, *, manage: bool = True) -> EvidenceItem:
    """The item if the user may handle it (``manage``) or at least list it.

    404 when the user may not even list it (its existence is not revealed); 403 when they
    may list it but not handle it (e.g. an organisation the legal case was shared with).
    """
    item = _items().filter(pk=pk).first()
    if item is None or not can_list_item(user, item):
        raise Http404
    if manage and not can_manage_item(user, item):
        raise PermissionDenied
    return item


def items_for_legal_case(legal_case: LegalCase) -> QuerySet[EvidenceItem]:
    """Callers check ``can_list_legal_case`` first."""
    return _items().filter(legal_case=legal_case)


def items_for_case(case: Case) -> QuerySet[EvidenceItem]:
    """Callers check ``can_manage_case`` first."""
    return _items().filter(case=case)


def custody_for(item: EvidenceItem) -> QuerySet[CustodyEvent]:
    return item.custody.select_related("actor").order_by("at", "pk")
