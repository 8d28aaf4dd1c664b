"""Per-cluster aggregates kept on write (issue 13 at national scale): the rows per source, the
counts per organisation and country and the identifiers' sighting counts always equal what a
re-derivation from the sightings gives; and the paged timeline, which asks visibility only
for the page's sources, shows each viewer exactly what reading every source would."""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

import pytest
from django.utils import timezone

from waspada.accounts.roles import Role
from waspada.cases.services import case_erase, case_register, case_update
from waspada.identification.services import interview_record
from waspada.intel import aggregates, selectors, services
from waspada.intel.models import Cluster, ClusterSource, Entity, Link, SourceKind
from waspada.intel.normalise import identify
from waspada.intel.rebuild import intel_rebuild
from waspada.legal.records import suspect_add
from waspada.legal.services import legal_case_create

pytestmark = pytest.mark.django_db

PHONE = "0812 3456 7890"


def _manual(n: int, *values: str, org: int | None = None, day: int = 1) -> Cluster | None:
    idents = [i for i in (identify(v) for v in values) if i is not None]
    return services.source_index(
        services.Source(
            SourceKind.MANUAL, 20_000 + n, org, date(2026, 2, day), f"staff:manual:{n}", idents
        )  # fmt: skip
    )


def _snapshot() -> tuple[set[tuple[Any, ...]], dict[int, tuple[Any, ...]], dict[int, int]]:
    rows = set(
        ClusterSource.objects.values_list(
            "cluster_id", "source_kind", "source_id", "organisation_id", "seen_on", "entity_id",
            "country",
        )
    )  # fmt: skip
    clusters = {
        c.pk: (
            c.entity_count,
            c.sighting_count,
            c.source_counts,
            c.org_counts,
            c.country_counts,
            c.in_case,
            c.prosecuted,
        )  # fmt: skip
        for c in Cluster.objects.filter(merged_into=None, entity_count__gt=0)
    }
    entities = dict(Entity.objects.values_list("pk", "sighting_count"))
    return rows, clusters, entities


def _assert_consistent() -> None:
    """What writes kept equals a derivation from scratch of every row and count."""
    kept = _snapshot()
    aggregates.sources_derive(None)
    services._refresh(Cluster.objects.filter(merged_into=None).values_list("pk", flat=True))
    assert _snapshot() == kept


def _phone_cluster() -> Cluster:
    return Entity.objects.get(
        kind="phone", value_index=services.value_index("phone", "+6281234567890")
    ).cluster


def test_rows_and_counts_follow_every_kind_of_write(scene, make_user, org_ngo):
    _assert_consistent()  # the scene: an offer, a report and a case, each bumped on write
    cw_ngo = make_user("cw2.ngo", Role.CASEWORKER, organisation=org_ngo)
    data = {"full_name": "Ani", "sex": "female", "destination_country": "KH",
            "recruiter_contacts": "@agen.kh\n@agen.baru"}  # fmt: skip
    kh = case_register(actor=cw_ngo, data=data)
    cluster = _phone_cluster()
    assert cluster.country_counts == {"KH": 1}
    assert cluster.org_counts[f"case:{org_ngo.pk}"] == 1
    _assert_consistent()
    _manual(1, "@lain.a", "+855 12 000 001", org=org_ngo.pk)  # a cluster of its own
    _manual(2, "@lain.a", PHONE, org=org_ngo.pk)  # joins it into the phone's cluster
    _assert_consistent()
    # the destination changes without the contacts: the countries follow
    kh = case_update(actor=cw_ngo, case=kh, version=kh.version,
                     data={"destination_country": "MM"})  # fmt: skip
    assert _phone_cluster().country_counts == {"MM": 1}
    _assert_consistent()
    # the recruitment date changes without the contacts: the sightings and rows follow (the
    # timeline is ordered by it); before, they kept the old date until the next rebuild
    kh = case_update(actor=cw_ngo, case=kh, version=kh.version,
                     data={"recruited_on": date(2025, 3, 9)})  # fmt: skip
    row = ClusterSource.objects.get(source_kind=SourceKind.CASE, source_id=kh.pk)
    assert row.seen_on == date(2025, 3, 9)
    _assert_consistent()
    # re-saved contacts: the case leaves the cluster
    case_update(actor=cw_ngo, case=kh, version=kh.version,
                data={"recruiter_contacts": "@sendiri.saja"})  # fmt: skip
    assert _phone_cluster().country_counts == {}
    _assert_consistent()
    analyst = scene.analyst
    other = services.manual_entry(actor=analyst, text="@terpisah\nloker-kamboja.site")
    target = services.cluster_merge(actor=analyst, cluster=_phone_cluster(), other=other,
                                    reason="same script")  # fmt: skip
    _assert_consistent()
    handle = Entity.objects.get(
        kind="handle", value_index=services.value_index("handle", "terpisah")
    )
    domain = Entity.objects.get(kind="domain")
    services.link_split(actor=analyst, cluster=target, a_id=handle.pk, b_id=domain.pk,
                        reason="different people")  # fmt: skip
    _assert_consistent()
    scene.offer.delete()
    _assert_consistent()
    case_erase(actor=None, case=scene.case)
    _assert_consistent()
    intel_rebuild()
    _assert_consistent()


def test_the_rebuild_writes_the_rows_incremental_linking_writes(scene, make_user, org_ngo):
    cw_ngo = make_user("cw2.ngo", Role.CASEWORKER, organisation=org_ngo)
    case_register(actor=cw_ngo, data={"full_name": "Ani", "sex": "female",
                                      "destination_country": "KH",
                                      "recruiter_contacts": PHONE})  # fmt: skip
    for n in range(6):
        _manual(n, f"@jaringan{n % 3}", f"+855 12 100 {n % 4:03d}", day=n + 1)
    incremental = _snapshot()
    intel_rebuild()
    assert _snapshot() == incremental


@pytest.fixture
def busy(scene, make_user, org_ngo):  # type: ignore[no-untyped-def]
    """One cluster with every kind of source, owned by two organisations, on many dates."""
    cw_iom = make_user("cw.owner", Role.CASEWORKER)
    cw_ngo = make_user("cw2.ngo", Role.CASEWORKER, organisation=org_ngo)
    scene.case.assigned.add(cw_iom)
    interview_record(actor=cw_iom, case=scene.case, data={
        "interviewed_on": "2026-03-02", "process": ["recruitment"],
        "means": ["fraud_deception"], "purpose": ["forced_criminality_scam"], "ilo": [],
        "summary": "Direkrut lewat WA.", "recruiter_contacts": PHONE,
    })  # fmt: skip
    for n, actor in enumerate([cw_iom, cw_ngo, cw_ngo, cw_iom]):
        case_register(actor=actor, data={"full_name": f"Korban {n}", "sex": "female",
                                         "recruited_on": f"2026-01-{n + 10}",
                                         "destination_country": "KH",
                                         "recruiter_contacts": PHONE})  # fmt: skip
    legal = make_user("legal.iom", Role.LEGAL_OFFICER)
    legal_case = legal_case_create(actor=legal, data={"title": "Perkara TPPO Kamboja"})
    suspect_add(actor=legal, legal_case=legal_case,
                data={"full_name": "Bos", "identifiers": PHONE, "role": "recruiter"})  # fmt: skip
    for n in range(7):
        _manual(n, PHONE, org=org_ngo.pk if n % 2 else scene.owner_org.pk, day=n + 1)
    return {
        "supervisor": scene.supervisor,
        "outsider": scene.outsider,
        "analyst": scene.analyst,
        "caseworker": cw_iom,
        "caseworker_ngo": cw_ngo,
        "legal": legal,
        "supervisor_ngo": make_user("sup.ngo", Role.SUPERVISOR, organisation=org_ngo),
    }


def _row(r: selectors.SightingRow) -> tuple[Any, ...]:
    return (r.kind, r.seen_on, r.organisation, r.ref, r.url, r.entity_id)


@pytest.mark.parametrize("per_page", [1, 4, 50])
def test_the_paged_timeline_shows_what_reading_every_source_shows(busy, per_page):
    cluster = _phone_cluster()
    ids = list(Entity.objects.filter(cluster=cluster).values_list("pk", flat=True))
    total = sum(cluster.source_counts.values())
    assert total >= 16 and cluster.prosecuted and cluster.country_counts == {"KH": 4}
    for role, viewer in busy.items():
        oracle_visible, oracle_hidden, _n, _page = selectors.sightings_all(viewer, ids)
        first = selectors.cluster_view(viewer=viewer, cluster=cluster, per_page=per_page)
        assert first.sources_total == total and first.pages == -(-total // per_page)
        visible: list[tuple[Any, ...]] = []
        hidden: Counter[tuple[str, str]] = Counter()
        for page in range(1, first.pages + 1):
            view = selectors.cluster_view(viewer=viewer, cluster=cluster, page=page,
                                          per_page=per_page)  # fmt: skip
            assert len(view.visible) + sum(h.count for h in view.hidden) == min(
                per_page, total - (page - 1) * per_page
            )
            visible += [_row(r) for r in view.visible]
            hidden.update({(h.kind, h.organisation): h.count for h in view.hidden})
        assert visible == [_row(r) for r in oracle_visible], role
        assert hidden == Counter({(h.kind, h.organisation): h.count for h in oracle_hidden}), role
        # the totals per organisation are every source, whoever looks
        shown = Counter((r[0], r[2]) for r in visible) + hidden
        assert Counter({(h.kind, h.organisation): h.count for h in first.by_organisation}) == (
            shown
        )


def test_roles_see_what_the_access_rules_give(busy):
    cluster = _phone_cluster()

    def kinds(role: str) -> set[str]:
        view = selectors.cluster_view(viewer=busy[role], cluster=cluster, per_page=50)
        return {r.kind for r in view.visible}

    assert SourceKind.INTERVIEW in kinds("supervisor")
    assert SourceKind.INTERVIEW not in kinds("analyst")  # analysts never read interviews
    assert SourceKind.INTERVIEW not in kinds("outsider")
    assert SourceKind.LEGAL_CASE in kinds("legal")
    assert SourceKind.LEGAL_CASE not in kinds("outsider")
    outsider = selectors.cluster_view(viewer=busy["outsider"], cluster=cluster, per_page=50)
    assert ("interview", "IOM Indonesia", 1) in {
        (h.kind, h.organisation, h.count) for h in outsider.hidden
    }


def test_links_probed_pair_by_pair_are_the_distinct_live_links(busy):
    services.manual_entry(actor=busy["analyst"], text=f"{PHONE}\n@kedua\n@ketiga")
    cluster = _phone_cluster()
    ids = list(Entity.objects.filter(cluster=cluster).values_list("pk", flat=True))
    every = sorted(
        set(Link.objects.filter(a_id__in=ids, severed_at__isnull=True).values_list("a_id", "b_id"))
    )
    assert len(every) >= 2 and len(ids) <= selectors._PAIRS_AT_MOST
    assert selectors._links(ids) == every
    Link.objects.filter(a_id=every[0][0], b_id=every[0][1]).update(severed_at=timezone.now())
    assert selectors._links(ids) == every[1:]
