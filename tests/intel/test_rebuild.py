"""``intel rebuild`` over demo data: recruiters recur across cases and reports."""

from __future__ import annotations

import pytest
from django.db.models import Count

from waspada.demodata import recruiters
from waspada.demodata.generator import demo_data_generate
from waspada.identification.models import Interview
from waspada.identification.services import interview_recruiter_contacts
from waspada.intel.models import Cluster, Sighting
from waspada.intel.normalise import identify
from waspada.intel.rebuild import intel_rebuild

pytestmark = pytest.mark.django_db


def test_rebuild_links_demo_recruiters_across_sources():
    demo_data_generate(cases=120, seed=3)
    seen: list[int] = []
    sources = intel_rebuild(on_progress=seen.append)
    assert sources >= 120 and seen[-1] == sources
    assert Sighting.objects.filter(source_kind="case").exists()
    # identification interviews record contacts of their case's network too
    interviews = set(
        Sighting.objects.filter(source_kind="interview").values_list("source_id", flat=True)
    )
    assert interviews
    for interview in Interview.objects.filter(pk__in=interviews).select_related("case"):
        contacts = interview_recruiter_contacts(interview)
        assert contacts == recruiters.interview_contacts_for(interview.case_id)
        # identifiers of the network the case's own contacts come from
        _rng, number = recruiters._network_of(interview.case_id)
        assert number is not None
        network = {identify(form) for forms in recruiters.network(number) for form in forms}
        assert {identify(line) for line in contacts.splitlines()} <= network
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
