"""``intel rebuild`` over demo data: recruiters recur across cases and reports."""

from __future__ import annotations

import pytest
from django.db.models import Count

from waspada.demodata.generator import demo_data_generate
from waspada.intel.models import Cluster, Sighting
from waspada.intel.rebuild import intel_rebuild

pytestmark = pytest.mark.django_db


def test_rebuild_links_demo_recruiters_across_sources():
    demo_data_generate(cases=120, seed=3)
    seen: list[int] = []
    sources = intel_rebuild(on_progress=seen.append)
    assert sources >= 120 and seen[-1] == sources
    assert Sighting.objects.filter(source_kind="case").exists()
    busy = (
        Cluster.objects.filter(merged_into=None)
        .annotate(sources=Count("entities__sightings__source_id", distinct=True))
        .filter(sources__gte=2)
    )
    assert busy.exists()
    # a second rebuild gives the same sightings (idempotent)
    before = Sighting.objects.count()
    intel_rebuild()
    assert Sighting.objects.count() == before
