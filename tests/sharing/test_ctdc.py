"""The CTDC release: consent, mapping, k-anonymity on demo-like data, atomic files."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from waspada.cases.models import ConsentKind
from waspada.sharing import ctdc, generate, kanon

pytestmark = pytest.mark.django_db


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_rows_map_our_fields_to_ctdc(make_case):
    make_case(full_name="Ayu")
    rows = list(
        ctdc.rows(
            ctdc.cases_for(
                organisation_ids=None, year_from=2000, year_to=2100, kind=ConsentKind.STATISTICS
            )
        )
    )
    assert len(rows) == 1
    row = rows[0]
    assert row["gender"] == "Female" and row["CountryOfExploitation"] == "KHM"
    assert row["citizenship"] == "IDN" and row["traffickMonths"] == "0--12 (0-1 yr)"
    assert row["typeOfLabourIllicitActivities"] == "1" and row["isForcedLabour"] == "1"
    assert row["meansThreats"] == "1" and row["recruiterRelationFriend"] == "1"
    assert row["isSexualExploit"] == "0"
    assert "Ayu" not in str(row)


def test_only_cases_whose_latest_statistics_consent_is_granted(make_case, people):
    from waspada.cases.services import consent_record

    make_case(statistics=True)
    make_case(statistics=False)
    make_case(statistics=None)
    withdrawn = make_case(statistics=True)
    consent_record(
        case=withdrawn, kind=ConsentKind.STATISTICS, granted=False, actor=people["caseworker"]
    )
    cases = ctdc.cases_for(
        organisation_ids=None, year_from=2000, year_to=2100, kind=ConsentKind.STATISTICS
    )
    assert cases.count() == 1


def test_release_is_k_anonymous_and_reports_what_it_changed(make_case, tmp_path):
    for i in range(24):
        make_case(sex="female" if i % 2 else "male", destination_country="KH" if i < 20 else "MM")
    target = tmp_path / "ctdc.csv"
    cases = ctdc.cases_for(
        organisation_ids=None, year_from=2000, year_to=2100, kind=ConsentKind.STATISTICS
    )
    summary = generate.write_ctdc(cases, target, k=11, qis=list(kanon.COUNTRY_COLUMNS) + ["gender"])
    rows = _read(target)
    assert kanon.check_rows(rows, qis=["citizenship", "CountryOfExploitation", "gender"], k=11).ok
    assert summary["rows_in"] == 24
    assert summary["rows_written"] == len(rows) == 24 - summary["rows_suppressed"]
    assert summary["check_k"]["ok"]


def test_an_interrupted_export_leaves_no_file(make_case, tmp_path, monkeypatch):
    make_case()
    target = tmp_path / "ctdc.csv"

    def broken(_cases):  # type: ignore[no-untyped-def]
        yield ["0"] * len(ctdc.columns())
        raise KeyboardInterrupt

    monkeypatch.setattr(ctdc, "records", broken)  # the pass that writes (counts come grouped)
    cases = ctdc.cases_for(
        organisation_ids=None, year_from=2000, year_to=2100, kind=ConsentKind.STATISTICS
    )
    with pytest.raises(KeyboardInterrupt):
        generate.write_ctdc(cases, target, k=2, qis=["gender"])
    assert list(tmp_path.iterdir()) == []


def test_flags_are_cached_per_list_without_mixing_cases(make_case):
    make_case(exploitation_types=["forced_criminality_scam"], means_of_control=["threats"])
    make_case(
        exploitation_types=["sexual_exploitation"],
        means_of_control=["passport_confiscated", "debt_bondage"],
        recruiter_relation="family",
    )
    make_case(exploitation_types=["forced_criminality_scam"], means_of_control=["threats"])
    cases = ctdc.cases_for(
        organisation_ids=None, year_from=2000, year_to=2100, kind=ConsentKind.STATISTICS
    )
    rows = sorted(ctdc.rows(cases), key=lambda row: row["isSexualExploit"])
    flags = [{name for name, value in row.items() if value == "1"} for row in rows]
    scam = {"typeOfLabourIllicitActivities", "isForcedLabour", "meansThreats",
            "recruiterRelationFriend"}  # fmt: skip
    assert flags[0] == flags[1] == scam
    assert flags[2] == {"isSexualExploit", "meansWithholdDocs", "meansDebtBondageEarnings",
                        "recruiterRelationFamily"}  # fmt: skip


def test_the_checker_reads_short_and_blank_lines_as_empty_cells(tmp_path):
    path = tmp_path / "hand.csv"
    path.write_text("gender,citizenship\nFemale,IDN\n\nFemale\n", encoding="utf-8")
    result = kanon.check_file(path, qis=["gender", "citizenship"], k=2, aliases={})
    assert not result.ok and result.rows == 2 and result.smallest_size == 1


@pytest.mark.django_db(transaction=True)
def test_rows_are_read_outside_a_transaction_so_progress_written_meanwhile_is_seen(make_case):
    from django.db import connection

    make_case()
    cases = ctdc.cases_for(
        organisation_ids=None, year_from=2000, year_to=2100, kind=ConsentKind.STATISTICS
    )
    assert [connection.in_atomic_block for _row in ctdc.records(cases)] == [False]
