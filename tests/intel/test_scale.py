"""The speed work (issue 13) keeps the answers exact: precomputed counts equal a recount,
the bulk rebuild makes the clusters incremental linking makes, and a lookup's queries do not
grow with the cluster's sightings. Timings are in ``benchmarks/bench_intel.py``."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from waspada.accounts.roles import Role
from waspada.cases.models import AccessReason, CaseAccessGrant
from waspada.intel import selectors, services
from waspada.intel.models import Cluster, Entity, Link, Sighting, SourceKind
from waspada.intel.normalise import identify
from waspada.intel.rebuild import intel_rebuild

pytestmark = pytest.mark.django_db


def _manual(n: int, *values: str, org: int | None = None) -> Cluster | None:
    idents = [i for i in (identify(v) for v in values) if i is not None]
    return services.source_index(
        services.Source(
            SourceKind.MANUAL,
            10_000 + n,
            org,
            date(2026, 1, 1 + n % 28),
            f"staff:manual:{n}",
            idents,
        )  # fmt: skip
    )


def _state() -> dict[int, tuple[int, int, dict[str, int], bool, bool]]:
    return {
        c.pk: (c.entity_count, c.sighting_count, c.source_counts, c.in_case, c.prosecuted)
        for c in Cluster.objects.filter(merged_into=None, entity_count__gt=0)
    }


def _partition() -> set[frozenset[int]]:
    groups: dict[int, set[int]] = {}
    for pk, cluster_id in Entity.objects.values_list("pk", "cluster_id"):
        groups.setdefault(cluster_id, set()).add(pk)
    return {frozenset(g) for g in groups.values()}


def test_incremental_counts_equal_a_recount_through_joins_and_resaves(scene):
    _manual(1, "@net_a", "+855 12 000 001")
    _manual(2, "@net_a", "+855 12 000 002")  # a new source in one cluster: counts bumped
    _manual(3, "@net_b")
    _manual(4, "@net_b", "0812-3456-7890")  # joins net_b into the scene's cluster
    _manual(5, "+855 12 000 002", "@net_b")  # joins everything
    _manual(2, "@net_a")  # a re-saved source drops an identifier
    incremental = _state()
    services._refresh(incremental)
    assert _state() == incremental
    assert sum(v[2].get("manual", 0) for v in incremental.values()) == 5


def test_a_new_source_bumps_counts_without_recounting(scene):
    cluster = _manual(1, "0812-3456-7890", "@baru")
    assert cluster is not None
    before = cluster.source_counts.get("manual", 0)
    with CaptureQueriesContext(connection) as queries:
        cluster = _manual(2, "0812-3456-7890", "+855 12 999 999")
    assert cluster is not None and cluster.source_counts["manual"] == before + 1
    assert not any("COUNT(DISTINCT" in q["sql"].upper() for q in queries.captured_queries)


def test_bulk_rebuild_gives_the_clusters_and_counts_of_incremental_linking(scene):
    for n in range(12):
        _manual(n, f"@jaringan{n % 4}", f"+855 12 100 {n % 5:03d}")
    incremental, parts = _state(), _partition()
    sightings = set(Sighting.objects.values_list("entity_id", "source_kind", "source_id"))
    links = Link.objects.count()
    intel_rebuild()  # re-reads the offer, report and case; keeps the analysts' entries
    assert _partition() == parts
    assert set(Sighting.objects.values_list("entity_id", "source_kind", "source_id")) == sightings
    assert Link.objects.count() == links
    assert sorted(_state().values(), key=repr) == sorted(incremental.values(), key=repr)


def test_rebuild_keeps_cluster_numbers_and_recounts(scene):
    cluster = _manual(1, "0812-3456-7890")
    assert cluster is not None
    Cluster.objects.filter(pk=cluster.pk).update(sighting_count=0, source_counts={})
    intel_rebuild()
    after = Entity.objects.get(
        kind="phone", value_index=services.value_index("phone", "+6281234567890")
    ).cluster
    assert after.pk == cluster.pk
    assert after.source_counts == {"offer": 1, "report": 1, "case": 1, "manual": 1}
    assert after.in_case and not after.prosecuted and after.sighting_count == 6


def _queries_of_lookup(viewer) -> int:
    with CaptureQueriesContext(connection) as queries:
        result = selectors.lookup(viewer=viewer, text="0812 3456 7890")
    assert result.view is not None
    return len(queries.captured_queries)


def test_lookup_queries_do_not_grow_with_the_sightings(scene):
    few = _queries_of_lookup(scene.supervisor)
    for n in range(60):
        _manual(n, "0812 3456 7890", f"+855 12 200 {n:03d}", org=scene.owner_org.pk)
    many = _queries_of_lookup(scene.supervisor)
    assert many <= few + 1  # the same queries (at most one more kind to resolve)
    result = selectors.lookup(viewer=scene.supervisor, text="0812 3456 7890")
    assert result.view is not None
    assert len(result.view.visible) == selectors.LOOKUP_PER_PAGE
    assert result.view.sources_total == 63 and result.view.counts["manual"] == 60


def test_cluster_page_pages_the_timeline_newest_first(scene, client):
    for n in range(selectors.PER_PAGE + 5):
        _manual(n, "0812 3456 7890")
    cluster = Entity.objects.get(
        kind="phone", value_index=services.value_index("phone", "+6281234567890")
    ).cluster
    first = selectors.cluster_view(viewer=scene.supervisor, cluster=cluster)
    second = selectors.cluster_view(viewer=scene.supervisor, cluster=cluster, page=2)
    assert (first.page, first.pages, len(first.visible)) == (1, 2, selectors.PER_PAGE)
    assert len(second.visible) == 3 + 5  # offer, report, case and the rest of the entries
    dates = [row.seen_on for row in first.visible + second.visible]
    assert dates == sorted(dates, reverse=True)
    shown = {(r.kind, r.ref) for r in first.visible} | {(r.kind, r.ref) for r in second.visible}
    assert len(shown) == selectors.PER_PAGE + 8
    beyond = selectors.cluster_view(viewer=scene.supervisor, cluster=cluster, page=99)
    assert beyond.page == 2
    client.force_login(scene.supervisor)
    oldest = b"#10000<"  # the first entry, dated earliest: on the second page only
    one = client.get(f"/intelijen/jaringan/{cluster.pk}/")
    two = client.get(f"/intelijen/jaringan/{cluster.pk}/", {"page": "2"})
    assert one.status_code == two.status_code == 200
    assert oldest not in one.content and oldest in two.content
    assert b"?page=1" in two.content and b"?page=2" in one.content
    assert client.get(f"/intelijen/jaringan/{cluster.pk}/", {"page": "x"}).status_code == 200


def test_hidden_sources_are_counted_per_source_not_per_identifier(scene):
    # the case names two identifiers of the cluster: still one case for the outsider
    result = selectors.lookup(viewer=scene.outsider, text="BCA 1234567890")
    assert result.view is not None
    hidden = {(h.kind, h.count) for h in result.view.hidden}
    assert ("case", 1) in hidden


def test_a_case_opened_by_an_access_grant_is_shown_and_hidden_again_when_it_ends(
    scene, make_user, org_ngo
):
    # Visibility is asked of the cases' own selector for the cluster's case ids: a grant to
    # the viewer's organisation opens the case, and its end closes it again.
    viewer = make_user("sup.ngo", Role.SUPERVISOR, organisation=org_ngo)

    def seen() -> tuple[set[str], set[tuple[str, str, int]], int]:
        result = selectors.lookup(viewer=viewer, text="0812 3456 7890")
        assert result.view is not None
        return ({r.ref for r in result.view.visible if r.kind == SourceKind.CASE},
                {(h.kind, h.organisation, h.count) for h in result.view.hidden},
                result.view.sources_total)  # fmt: skip

    refs, hidden, before = seen()
    assert refs == set() and ("case", "IOM Indonesia", 1) in hidden
    grant = CaseAccessGrant.objects.create(
        case=scene.case, organisation=org_ngo, reason=AccessReason.REFERRAL,
        granted_at=timezone.now(),
    )  # fmt: skip
    refs, hidden, total = seen()
    assert refs == {scene.case.code} and not any(h[0] == "case" for h in hidden)
    assert total == before  # every source of the cluster, visible or not
    grant.revoked_at = timezone.now() - timedelta(seconds=1)
    grant.save(update_fields=["revoked_at"])
    refs, hidden, total = seen()
    assert refs == set() and ("case", "IOM Indonesia", 1) in hidden and total == before
