"""Sources added after the first cut: recruiter contacts answered in an identification
interview and the evidence descriptions of legal cases; each seen as far as its source is."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from waspada.accounts.roles import Role
from waspada.cases.services import case_erase
from waspada.evidence.services import item_upload
from waspada.identification.services import interview_record, interview_texts
from waspada.intel import selectors, services
from waspada.intel.models import Entity, Sighting, SourceKind
from waspada.intel.rebuild import intel_rebuild
from waspada.legal.services import legal_case_create

pytestmark = pytest.mark.django_db

INTERVIEW = {
    "interviewed_on": "2026-03-02",
    "process": ["recruitment"],
    "means": ["fraud_deception"],
    "purpose": ["forced_criminality_scam"],
    "ilo": [],
    "summary": "Direkrut lewat WA.",
    "recruiter_contacts": "wa.me/6281234567890\n@rekrut.kamboja\nDANA 0813 1111 2222",
}


def _entity(kind: str, value: str) -> Entity:
    return Entity.objects.get(kind=kind, value_index=services.value_index(kind, value))


@pytest.fixture
def interview(scene, make_user):  # type: ignore[no-untyped-def]
    caseworker = make_user("cw.owner", Role.CASEWORKER)
    scene.case.assigned.add(caseworker)
    return interview_record(actor=caseworker, case=scene.case, data=INTERVIEW)


def test_interview_contacts_become_sightings_in_the_cases_cluster(scene, interview):
    phone = _entity("phone", "+6281234567890")
    handle = _entity("handle", "rekrut.kamboja")
    assert handle.cluster_id == phone.cluster_id
    kinds = set(Sighting.objects.filter(entity=phone).values_list("source_kind", flat=True))
    assert SourceKind.INTERVIEW in kinds
    assert phone.cluster.source_counts.get(SourceKind.INTERVIEW) == 1
    # the contacts are sealed with the summary and shown to the owning side
    texts = interview_texts(viewer=scene.supervisor, interview=interview)
    assert "@rekrut.kamboja" in texts.recruiter_contacts and texts.summary


def test_interview_sightings_follow_who_may_read_the_interview(scene, interview):
    own = selectors.lookup(viewer=scene.supervisor, text="@rekrut.kamboja")
    assert own.view is not None
    rows = [r for r in own.view.visible if r.kind == SourceKind.INTERVIEW]
    assert len(rows) == 1 and rows[0].url.endswith(f"/identifikasi/{interview.pk}/")
    other = selectors.lookup(viewer=scene.outsider, text="@rekrut.kamboja")
    assert other.view is not None
    assert all(r.kind != SourceKind.INTERVIEW for r in other.view.visible)
    assert ("interview", "IOM Indonesia", 1) in {
        (h.kind, h.organisation, h.count) for h in other.view.hidden
    }
    # an analyst of the owning organisation reads no interviews either
    analyst = selectors.lookup(viewer=scene.analyst, text="@rekrut.kamboja")
    assert analyst.view is not None
    assert all(r.kind != SourceKind.INTERVIEW for r in analyst.view.visible)


def test_interview_contacts_are_rebuilt_and_forgotten_on_erasure(scene, interview):
    Sighting.objects.filter(source_kind=SourceKind.INTERVIEW).delete()
    intel_rebuild()
    assert (
        Sighting.objects.filter(source_kind=SourceKind.INTERVIEW, source_id=interview.pk).count()
        == 3
    )
    case_erase(actor=None, case=scene.case)
    assert not Sighting.objects.filter(source_kind=SourceKind.INTERVIEW).exists()
    assert not Sighting.objects.filter(source_kind=SourceKind.CASE).exists()
    intel_rebuild()  # the sealed contacts are unreadable now: nothing comes back
    assert not Sighting.objects.filter(source_kind=SourceKind.INTERVIEW).exists()


def test_a_bad_interview_contacts_field_is_named(scene, make_user):
    from django.core.exceptions import ValidationError

    caseworker = make_user("cw.owner", Role.CASEWORKER)
    scene.case.assigned.add(caseworker)
    with pytest.raises(ValidationError) as error:
        interview_record(actor=caseworker, case=scene.case,
                         data={**INTERVIEW, "recruiter_contacts": "x" * 20_001})  # fmt: skip
    assert "recruiter_contacts" in error.value.message_dict


@pytest.fixture
def legal_case(scene, make_user, settings, tmp_path, django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    settings.DATA_DIR = tmp_path / "data"
    settings.DATA_DIR.mkdir()
    legal = make_user("legal.iom", Role.LEGAL_OFFICER)
    legal_case = legal_case_create(actor=legal, data={"title": "Perkara TPPO Kamboja"})
    with django_capture_on_commit_callbacks(execute=True):
        item = item_upload(
            actor=legal,
            upload=SimpleUploadedFile("chat.txt", b"tangkapan layar percakapan"),
            kind="chat_screenshot",
            description="Tangkapan layar chat dengan perekrut di WA +62 812-3456-7890, "
            "Telegram @agen_kh; rekening:\nBCA 987-654-3210",
            legal_case=legal_case,
        )
    legal_case.item = item
    legal_case.officer = legal
    return legal_case


def test_evidence_descriptions_of_a_legal_case_are_sightings(scene, legal_case):
    phone = _entity("phone", "+6281234567890")
    account = _entity("account", "bca:9876543210")
    assert account.cluster_id == phone.cluster_id
    assert phone.cluster.prosecuted
    legal_rows = Sighting.objects.filter(source_kind=SourceKind.LEGAL_CASE, source_id=legal_case.pk)
    assert legal_rows.count() == 3
    seen = selectors.lookup(viewer=legal_case.officer, text="BCA 9876543210")
    assert seen.view is not None
    assert [r.ref for r in seen.view.visible if r.kind == SourceKind.LEGAL_CASE] == [
        legal_case.code
    ]
    hidden = selectors.lookup(viewer=scene.outsider, text="BCA 9876543210")
    assert hidden.view is not None
    assert all(r.kind != SourceKind.LEGAL_CASE for r in hidden.view.visible)
    Sighting.objects.filter(source_kind=SourceKind.LEGAL_CASE).delete()
    intel_rebuild()
    assert legal_rows.count() == 3


def test_erasing_a_single_public_report_forgets_its_sightings(scene):
    from waspada.lapor.erasure import report_erase

    handle = _entity("handle", "agen.kh")  # named by the report only
    phone = _entity("phone", "+6281234567890")
    assert handle.cluster_id == phone.cluster_id
    report_erase(report=scene.report)
    assert not Sighting.objects.filter(source_kind=SourceKind.REPORT).exists()
    phone.refresh_from_db()
    handle.refresh_from_db()
    assert handle.cluster_id != phone.cluster_id  # its only link went with the report
    assert SourceKind.REPORT not in phone.cluster.source_counts
    assert handle.cluster.sighting_count == 0
    result = selectors.lookup(viewer=scene.supervisor, text="0812 3456 7890")
    assert result.view is not None and result.view.counts["reports"] == 0
    assert all(r.kind != SourceKind.REPORT for r in result.view.visible)
    intel_rebuild()  # an erased report is not read again
    assert not Sighting.objects.filter(source_kind=SourceKind.REPORT).exists()


def test_erasing_a_person_forgets_the_sightings_of_each_of_their_cases(scene, make_user):
    from waspada.cases.models import Case
    from waspada.cases.services import case_register, person_erase
    from waspada.intel import sources

    # a second case of the same person (one person row, two cases)
    again = Case.objects.create(
        code="KSS-2",
        organisation=scene.case.organisation,
        person=scene.case.person,
    )
    services.source_index(sources.case_source(again, "@kasus.kedua"))
    other = case_register(
        actor=scene.supervisor,
        data={"full_name": "Rina", "sex": "female", "recruiter_contacts": "@kasus.ketiga"},
    )
    assert Sighting.objects.filter(source_kind=SourceKind.CASE).count() == 4
    person_erase(actor=None, cases=[scene.case, other])
    assert not Sighting.objects.filter(source_kind=SourceKind.CASE).exists()
    assert Sighting.objects.filter(source_kind=SourceKind.REPORT).exists()
