"""API of recruitment intelligence: lookup, cluster, watch; and the public contact check."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Router, Schema, Status

from waspada.accounts.permissions import Perm, can
from waspada.accounts.requests import AuthenticatedRequest
from waspada.audit.services import client_ip
from waspada.intel import selectors, services
from waspada.ratelimit import rate_limited
from waspada.ui.api_kit import ErrorOut, invalid

router = Router(tags=["intel"])

NOT_AN_IDENTIFIER = "not a phone number, handle, link, e-mail, account or company name"


class IdentifierOut(Schema):
    kind: str
    value: str


class SightingOut(Schema):
    source: str
    date: date
    organisation: str
    reference: str


class HiddenOut(Schema):
    source: str
    organisation: str
    count: int


class ClusterOut(Schema):
    id: int
    identifiers: list[IdentifierOut]
    counts: dict[str, int]
    sightings: list[SightingOut]
    sightings_total: int
    page: int
    pages: int
    not_visible: list[HiddenOut]
    by_organisation: list[HiddenOut]
    prosecuted: bool
    watched: bool


class LookupOut(Schema):
    entity: IdentifierOut
    cluster: int | None
    counts: dict[str, int]
    sightings: list[SightingOut]
    sightings_total: int
    not_visible: list[HiddenOut]
    by_organisation: list[HiddenOut]


class WatchIn(Schema):
    watch: bool = True


class WatchOut(Schema):
    cluster: int
    watching: bool


class CheckOut(Schema):
    reported: bool
    sources: int | None


def _cluster_out(view: selectors.ClusterView) -> dict[str, object]:
    return {
        "id": view.cluster.pk,
        "identifiers": [{"kind": i["kind"], "value": i["value"]} for i in view.identifiers],
        "counts": view.counts,
        "sightings": [
            {
                "source": s.kind,
                "date": s.seen_on,
                "organisation": s.organisation,
                "reference": s.ref,
            }
            for s in view.visible
        ],
        "sightings_total": view.sources_total,
        "page": view.page,
        "pages": view.pages,
        "not_visible": [
            {"source": h.kind, "organisation": h.organisation, "count": h.count}
            for h in view.hidden
        ],
        "by_organisation": [
            {"source": h.kind, "organisation": h.organisation, "count": h.count}
            for h in view.by_organisation
        ],
        "prosecuted": view.cluster.prosecuted,
        "watched": view.watched,
    }


@router.get(
    "/intel/lookup",
    url_name="intel_lookup",
    response={200: LookupOut, 400: ErrorOut, 403: ErrorOut},
    summary="Look up a phone number, handle, link or account and its recruiter cluster",
)
def lookup(request: AuthenticatedRequest, value: str) -> Status:
    """``counts`` are per source kind (``offers``, ``reports``, ``cases``, ``legal_cases``,
    ``interviews``, ``manual``); of the newest 20 of the cluster's ``sightings_total`` sources
    (the cluster endpoint pages them all), ``sightings`` are those the caller may open and
    ``not_visible`` the others summed per kind and organisation; ``by_organisation`` counts
    all the cluster's sources per kind and organisation. A value that is no identifier answers
    400 naming ``value``."""
    user = request.user
    if not can(user, Perm.INTEL_VIEW):
        return Status(403, {"detail": "Permission denied"})
    try:
        result = selectors.lookup(viewer=user, text=value, request=request)
    except selectors.NotAnIdentifier:
        return invalid(ValidationError({"value": [NOT_AN_IDENTIFIER]}))
    entity = {"kind": result.identifier.kind.value, "value": result.identifier.value}
    if result.view is None:
        empty = {key: 0 for key in selectors.COUNT_KEYS.values()}
        return Status(200, {"entity": entity, "cluster": None, "counts": empty,
                            "sightings": [], "sightings_total": 0,
                            "not_visible": [], "by_organisation": []})  # fmt: skip
    out = _cluster_out(result.view)
    keys = ("counts", "sightings", "sightings_total", "not_visible", "by_organisation")
    return Status(200, {"entity": entity, "cluster": out["id"], **{k: out[k] for k in keys}})


@router.get(
    "/intel/clusters/{cluster_id}",
    url_name="intel_cluster",
    response={200: ClusterOut, 403: ErrorOut, 404: ErrorOut},
    summary="A recruiter cluster as the caller may see it",
)
def cluster(request: AuthenticatedRequest, cluster_id: int, page: int = 1) -> Status:
    """One page (newest first, 50 a page) of the cluster's ``sightings_total`` sources:
    ``sightings`` those of the page the caller may open, ``not_visible`` the others of the
    page summed per kind and organisation; ``page`` and ``pages`` say where it is;
    ``by_organisation`` counts all the cluster's sources per kind and organisation."""
    user = request.user
    if not can(user, Perm.INTEL_VIEW):
        return Status(403, {"detail": "Permission denied"})
    found = selectors.get_cluster_for(user, cluster_id)
    view = selectors.cluster_view(viewer=user, cluster=found, request=request, page=page)
    return Status(200, _cluster_out(view))


@router.post(
    "/intel/clusters/{cluster_id}/watch",
    url_name="intel_watch",
    response={200: WatchOut, 403: ErrorOut, 404: ErrorOut},
    summary="Watch (or stop watching) a recruiter cluster",
)
def watch(request: AuthenticatedRequest, cluster_id: int, payload: WatchIn) -> Status:
    user = request.user
    if not can(user, Perm.INTEL_VIEW):
        return Status(403, {"detail": "Permission denied"})
    found = selectors.get_cluster_for(user, cluster_id)
    on = services.watch_set(user=user, cluster=found, on=payload.watch)
    return Status(200, {"cluster": found.pk, "watching": on})


@router.get(
    "/check-contact",
    auth=None,
    url_name="check_contact",
    response={200: CheckOut, 400: ErrorOut, 429: ErrorOut},
    summary="Public: was this contact reported by at least three independent sources?",
)
def check_contact(request: HttpRequest, value: str) -> Status:
    """``{"reported": true, "sources": N}`` only when at least three independent sources
    (reports from distinct clients, or staff-entered sources) name it; otherwise
    ``{"reported": false, "sources": null}``. Rate-limited per client address."""
    limit = settings.WASPADA_SCREEN_RATE_PER_MINUTE
    if rate_limited("check-contact-api", client_ip(request) or "-", limit=limit):
        return Status(429, {"detail": f"Too many requests: at most {limit} a minute."})
    try:
        reported, count = selectors.public_check(value)
    except selectors.NotAnIdentifier:
        return invalid(ValidationError({"value": [NOT_AN_IDENTIFIER]}))
    return Status(200, {"reported": reported, "sources": count})
