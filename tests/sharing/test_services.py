"""The release register: agreements in force, four eyes, the file and its hash, downloads,
the ledger's append-only rule, and the HTCDS export's consent and field rules."""

from __future__ import annotations

import csv
import hashlib
import io
import zipfile
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from waspada.audit.models import AuditEvent
from waspada.legal.models import LegalCase, Suspect
from waspada.privacy import services as privacy
from waspada.sharing import ledger, services
from waspada.sharing.models import (
    AppendOnlyError,
    BudgetEntry,
    Release,
    ReleaseDownload,
    ReleaseStatus,
)
from waspada.ui.workbench import sections_for

pytestmark = pytest.mark.django_db


def _request(people, agreement, **data):  # type: ignore[no-untyped-def]
    return services.release_request(actor=people["analyst"], agreement=agreement, data=data)


def test_request_approve_download_records_everything(people, agreement, make_case):
    for _ in range(12):
        make_case()
    release = _request(people, agreement, kind="ctdc", k=11)
    assert release.status == ReleaseStatus.REQUESTED and not release.file_name
    approved = services.release_approve(actor=people["supervisor"], release=release)
    assert approved.status == ReleaseStatus.APPROVED and approved.decided_by == people["supervisor"]
    path, content_type = services.release_download(
        actor=people["analyst"], release=approved, channel="page"
    )
    assert hashlib.sha256(path.read_bytes()).hexdigest() == approved.sha256
    assert content_type.startswith("text/csv") and approved.rows == 12
    assert approved.checks["check_k"]["ok"] and approved.checks["approval"] == "four eyes"
    assert ReleaseDownload.objects.get().user == people["analyst"]
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"sharing.release.requested", "sharing.release.approved"} <= actions
    assert "sharing.release.downloaded" in actions


def test_the_requester_cannot_approve_their_own_release(people, agreement, make_case, tmp_path):
    make_case()
    release = services.release_request(
        actor=people["supervisor"], agreement=agreement, data={"kind": "ctdc"}
    )
    with pytest.raises(ValidationError, match="Empat mata"):
        services.release_approve(actor=people["supervisor"], release=release)
    release.refresh_from_db()
    assert release.status == ReleaseStatus.REQUESTED and not release.file_name
    assert not any(services.release_path(release).parent.glob("*"))


def test_a_caseworker_or_another_organisations_supervisor_cannot_approve(
    people, agreement, make_user, org_ngo
):
    release = _request(people, agreement, kind="ctdc")
    outsider = make_user("sup.ngo", "supervisor", organisation=org_ngo)
    for actor in (people["caseworker"], outsider):
        with pytest.raises(PermissionDenied):
            services.release_approve(actor=actor, release=release)


def test_an_expired_agreement_refuses_requests_and_approvals(people, agreement):
    release = _request(people, agreement, kind="ctdc")
    agreement.valid_to = timezone.localdate() - timedelta(days=1)
    agreement.save()
    with pytest.raises(ValidationError) as caught:
        _request(people, agreement, kind="ctdc")
    assert "sudah berakhir" in str(caught.value.message_dict["agreement"])
    with pytest.raises(ValidationError, match="sudah berakhir"):
        services.release_approve(actor=people["supervisor"], release=release)
    assert Release.objects.filter(status=ReleaseStatus.APPROVED).count() == 0


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"kind": "ctdc", "quasi_identifiers": "year,shoeSize"}, "quasi_identifiers"),
        ({"kind": "ctdc", "k": 1}, "k"),
        ({"kind": "synthetic", "epsilon": 0}, "epsilon"),
        ({"kind": "synthetic", "epsilon": -2}, "epsilon"),
        ({"kind": "synthetic", "epsilon": 99}, "epsilon"),
        ({"kind": "htcds", "tables": "person,secret"}, "tables"),
        ({"kind": "ctdc", "year_from": 2024, "year_to": 2021}, "year_to"),
    ],
)
def test_bad_input_names_the_field_and_writes_nothing(people, agreement, data, field):
    with pytest.raises(ValidationError) as caught:
        _request(people, agreement, **data)
    assert field in caught.value.message_dict
    assert not Release.objects.exists()


def test_a_kind_the_agreement_does_not_allow_is_refused(people, agreement):
    agreement.kinds = ["ctdc"]
    agreement.save()
    with pytest.raises(ValidationError) as caught:
        _request(people, agreement, kind="synthetic", epsilon=1)
    assert "kind" in caught.value.message_dict


def test_synthetic_over_the_remaining_budget_is_refused_at_request(people, agreement):
    ledger.allocate(
        actor=people["admin"],
        organisation_id=agreement.organisation_id,
        year=timezone.localdate().year,
        epsilon=1,
    )
    with pytest.raises(ValidationError) as caught:
        _request(people, agreement, kind="synthetic", epsilon=1.5)
    assert "tersisa epsilon 1.000" in caught.value.message_dict["epsilon"][0]


def test_synthetic_release_spends_and_the_next_is_refused_at_approval(people, agreement, make_case):
    for i in range(80):
        make_case(sex="male" if i % 3 else "female")
    year = timezone.localdate().year
    ledger.allocate(
        actor=people["admin"], organisation_id=agreement.organisation_id, year=year, epsilon=2.5
    )
    first = _request(people, agreement, kind="synthetic", epsilon=1.5)
    second = _request(people, agreement, kind="synthetic", epsilon=1)
    third = _request(people, agreement, kind="synthetic", epsilon=0.5)
    services.release_approve(actor=people["supervisor"], release=first)
    services.release_approve(actor=people["supervisor"], release=second)
    with pytest.raises(ValidationError, match="tidak cukup"):
        services.release_approve(actor=people["supervisor"], release=third)
    budget = ledger.budget(agreement.organisation_id, year)
    assert (budget.total, budget.spent, budget.remaining) == (Decimal("2.5"), Decimal("2.5"), 0)
    third.refresh_from_db()
    assert third.status == ReleaseStatus.REQUESTED and not third.file_name
    first.refresh_from_db()
    utility = first.checks["utility"]
    assert 0 <= utility["two_way_within_10pct"] <= 1 and utility["one_way_mae"] >= 0
    assert first.checks["rows_real"] == 80


def test_the_ledger_is_append_only(people, agreement):
    entry = ledger.allocate(actor=people["admin"], organisation_id=None, year=2026, epsilon=3)
    entry.epsilon = 100
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    assert BudgetEntry.objects.get().epsilon == 3
    assert AuditEvent.objects.filter(action="sharing.budget.allocated").count() == 1


def _zip_tables(path):  # type: ignore[no-untyped-def]
    with zipfile.ZipFile(path) as archive:
        return {
            name.removesuffix(".csv"): list(
                csv.DictReader(io.StringIO(archive.read(name).decode("utf-8")))
            )
            for name in archive.namelist()
        }


def test_htcds_has_no_case_without_sharing_consent_and_no_excluded_field(
    people, agreement, make_case
):
    shared = make_case(full_name="Dewi Terbagi", nik="3273015704980002", sharing=True)
    shared.also_suspect = True  # a victim who is also a suspect (forced criminality)
    shared.save(update_fields=["also_suspect"])
    refused = make_case(full_name="Rina Menolak", sharing=False)
    silent = make_case(full_name="Tuti Diam", sharing=None)
    legal = LegalCase.objects.create(
        code="LGL-1",
        organisation=shared.organisation,
        title="x",
        data_key=privacy.data_key_create(),
    )
    legal.victim_cases.add(shared, refused)
    Suspect.objects.create(legal_case=legal, data_key=legal.data_key, sealed="", role="recruiter")
    release = _request(people, agreement, kind="htcds")
    release = services.release_approve(actor=people["supervisor"], release=release)
    path = services.release_path(release)
    tables = _zip_tables(path)
    assert set(tables) == {
        "person",
        "victim",
        "perpetrator",
        "case",
        "event",
        "support_plan",
        "consent",
        "data_dictionary",
    }
    assert len(tables["person"]) == len(tables["victim"]) == len(tables["case"]) == 1
    assert len(tables["perpetrator"]) == 1
    raw = b"".join(zipfile.ZipFile(path).read(n) for n in zipfile.ZipFile(path).namelist())
    for secret in (
        "Dewi",
        "Rina",
        "Tuti",
        "3273015704980002",
        shared.code,
        refused.code,
        silent.code,
    ):
        assert secret.encode() not in raw
    assert "per_FullName" not in tables["person"][0]
    assert tables["victim"][0]["x_wsp_ForcedCriminalityScam"] == "1"
    assert tables["victim"][0]["x_wsp_QuotaRegime"] == "1"
    assert tables["victim"][0]["x_wsp_DualVictimSuspect"] == "1"
    ids = {
        tables["person"][0]["per_id"],
        tables["case"][0]["case_id"],
        tables["perpetrator"][0]["case_id"],
    }
    assert len(ids) == 1 and next(iter(ids)).startswith("C-")
    dictionary = {row["column"] for row in tables["data_dictionary"]}
    assert "per_FullName" not in dictionary and "x_wsp_ScamTypology" in dictionary


def test_htcds_personal_fields_only_those_the_agreement_allows(people, agreement, make_case):
    case = make_case(full_name="Dewi Terbagi", nik="3273015704980002")
    agreement.personal_fields = ["case_code", "full_name"]
    agreement.save()
    release = services.release_approve(
        actor=people["supervisor"], release=_request(people, agreement, kind="htcds")
    )
    person = _zip_tables(services.release_path(release))["person"][0]
    assert person["per_FullName"] == "Dewi Terbagi" and person["per_id"] == case.code
    assert "per_NationalId" not in person
    assert release.checks["people_decrypted"] == 1


def test_a_requested_release_waits_on_the_approvers_workbench_not_the_requesters(
    people, agreement, make_user, org_ngo
):
    release = _request(people, agreement, kind="ctdc")
    outsider = make_user("sup.ngo2", "supervisor", organisation=org_ngo)

    def listed(user):  # type: ignore[no-untyped-def]
        found = [f for f in sections_for(user) if f.section.key == "releases_to_decide"]
        return [item.text for item in found[0].items] if found else None

    assert listed(people["supervisor"]) == [f"#{release.pk}"]
    assert listed(people["admin"]) == [f"#{release.pk}"]
    assert listed(outsider) == []  # another organisation's agreement
    assert listed(people["analyst"]) is None  # requests, never approves
    services.release_approve(actor=people["supervisor"], release=release)
    assert listed(people["supervisor2"]) == []


def test_an_attempt_killed_mid_file_leaves_nothing_once_the_release_is_made(
    people, agreement, make_case
):
    make_case()
    release = _request(people, agreement, kind="ctdc", k=2, quasi_identifiers="gender")
    target = services.release_path(release)
    target.parent.mkdir(parents=True, exist_ok=True)
    leftover = target.parent / f".{target.name}.x1y2.part"  # a killed process's temporary file
    leftover.write_text("yearOfRegistration\n2024\n", encoding="utf-8")
    other = target.parent / ".waspada-ctdc-999999.csv.x1y2.part"  # another release's: kept
    other.write_text("", encoding="utf-8")
    services.release_approve(actor=people["supervisor"], release=release)
    assert not leftover.exists() and other.exists()
    assert sorted(p.name for p in target.parent.iterdir()) == sorted([target.name, other.name])


def test_progress_is_reported_while_the_file_is_made(people, agreement, make_case):
    for _ in range(12):
        make_case()
    release = _request(people, agreement, kind="ctdc", k=2, quasi_identifiers="gender")
    reports: list[tuple[int, int]] = []
    services.release_approve(
        actor=people["supervisor"],
        release=release,
        on_progress=lambda done, total: reports.append((done, total)),
    )
    assert reports and reports[-1] == (12, 12)


def test_htcds_progress_is_reported_per_table_while_the_file_is_made(
    people, agreement, make_case, monkeypatch
):
    # Before, the HTCDS export reported nothing: a large release showed no progress at all.
    from waspada.sharing import htcds

    monkeypatch.setattr(htcds, "PROGRESS_EVERY", 2)
    for _ in range(5):
        make_case()
    release = _request(people, agreement, kind="htcds")
    n_tables = len(release.parameters["tables"])
    reports: list[tuple[int, int]] = []
    services.release_approve(
        actor=people["supervisor"],
        release=release,
        on_progress=lambda done, total: reports.append((done, total)),
    )
    total = 5 * n_tables
    assert reports[-1] == (total, total)
    assert {t for _, t in reports} == {total}
    done = [d for d, _ in reports]
    assert done == sorted(done)  # never goes backwards
    assert {5 * (i + 1) for i in range(n_tables)} <= set(done)  # the end of every table
    assert any(d % 5 for d in done)  # reports inside a table too, not only at its end


def test_an_attempt_that_loses_the_race_removes_only_its_own_file(
    people, agreement, make_case, monkeypatch
):
    from waspada.sharing import generate

    make_case()
    release = _request(people, agreement, kind="ctdc", k=2, quasi_identifiers="gender")
    target = services.release_path(release)
    write_ctdc = generate.write_ctdc

    def decided_meanwhile(cases, path, **options):  # type: ignore[no-untyped-def]
        summary = write_ctdc(cases, path, **options)
        target.write_text("the winner's file", encoding="utf-8")
        Release.objects.filter(pk=release.pk).update(status=ReleaseStatus.REFUSED)
        return summary

    monkeypatch.setattr(generate, "write_ctdc", decided_meanwhile)
    with pytest.raises(ValidationError, match="sudah diputuskan"):
        services.release_approve(actor=people["supervisor"], release=release)
    assert [p.name for p in target.parent.iterdir()] == [target.name]
    assert target.read_text(encoding="utf-8") == "the winner's file"
