"""The workbench and notifications API: ``GET /api/v1/workbench``, ``GET /api/v1/notifications``,
``POST /api/v1/notifications/{id}/read``."""

from __future__ import annotations

from datetime import datetime

from ninja import Router, Schema, Status

from waspada.accounts.requests import AuthenticatedRequest
from waspada.notifications import selectors as notes
from waspada.notifications import services as note_services
from waspada.ui.api_kit import ErrorOut
from waspada.ui.workbench import sections_for
from waspada.workbench.selectors import reads_without_jit

router = Router(tags=["workbench"])


class WorkbenchItemOut(Schema):
    text: str
    link: str
    meta: str
    overdue: bool


class WorkbenchSectionOut(Schema):
    key: str
    title: str
    count: int
    # True when more than ``count`` (the cap, 1000) are waiting: counting stops there.
    count_capped: bool
    items: list[WorkbenchItemOut]


class WorkbenchOut(Schema):
    sections: list[WorkbenchSectionOut]


class NotificationOut(Schema):
    id: int
    kind: str
    text: str
    link: str
    created_at: datetime
    read: bool


@router.get("/workbench", response={200: WorkbenchOut})
def workbench(request: AuthenticatedRequest) -> Status:
    """The caller's workbench sections as on the page: each with its key, count and first items."""
    with reads_without_jit():
        sections = [
            {
                "key": filled.section.key,
                "title": str(filled.section.title),
                "count": filled.count,
                "count_capped": filled.capped,
                "items": [vars(item) for item in filled.items],
            }
            for filled in sections_for(request.user)
        ]
    return Status(200, {"sections": sections})


def _out(notification: object) -> dict[str, object]:
    return {
        "id": notification.pk,  # type: ignore[attr-defined]
        "kind": notification.kind,  # type: ignore[attr-defined]
        "text": notes.text_of(notification),  # type: ignore[arg-type]
        "link": notification.link,  # type: ignore[attr-defined]
        "created_at": notification.created_at,  # type: ignore[attr-defined]
        "read": notification.read_at is not None,  # type: ignore[attr-defined]
    }


@router.get("/notifications", response={200: list[NotificationOut]})
def notification_list(request: AuthenticatedRequest, limit: int = 50) -> Status:
    """The caller's notifications, newest first (at most ``limit``, 1–200)."""
    limit = max(1, min(limit, 200))
    return Status(200, [_out(n) for n in notes.notifications_for(request.user)[:limit]])


@router.post(
    "/notifications/{notification_id}/read", response={200: NotificationOut, 404: ErrorOut}
)
def notification_read(request: AuthenticatedRequest, notification_id: int) -> Status:
    """Mark one of the caller's notifications read (404 for anyone else's)."""
    notification = notes.get_notification_for(request.user, notification_id)
    note_services.notification_read(user=request.user, notification=notification)
    return Status(200, _out(notification))
