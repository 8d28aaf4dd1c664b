"""Pages: who sees and who manages, forms with field errors, quick entry, import, export."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.trainings.conftest import CERTIFICATE_NAME, PARTICIPANT, TRAINING, add
from waspada import xlsx
from waspada.audit.models import AuditEvent
from waspada.downloads import FORMATS
from waspada.trainings import services
from waspada.trainings.models import Participant, Training

BASE = "/penegakan-hukum/pelatihan/"
VIEWERS = ["officer", "supervisor", "legal_officer", "caseworker", "analyst", "admin",
           "other_officer", "other_legal_officer"]  # fmt: skip
MANAGERS = ["officer", "supervisor", "legal_officer"]
XLSX_TYPE = FORMATS["xlsx"]
NOT_MANAGERS = ["caseworker", "analyst", "admin", "other_officer", "other_legal_officer"]


def _pages(training: Training, participant: Participant) -> list[str]:
    return [
        f"{BASE}{training.pk}/ubah/",
        f"{BASE}{training.pk}/peserta/baru/",
        f"{BASE}{training.pk}/peserta/impor/",
        f"{BASE}{training.pk}/peserta/{participant.pk}/ubah/",
    ]


@pytest.mark.parametrize("who", VIEWERS)
def test_viewers_see_list_detail_and_results(client, training, cast_t, who):
    add(training, cast_t.officer, certificate_name=CERTIFICATE_NAME)
    client.force_login(getattr(cast_t, who))
    listing = client.get(BASE)
    assert listing.status_code == 200 and TRAINING["title"] in listing.text
    detail = client.get(f"{BASE}{training.pk}/")
    assert detail.status_code == 200
    assert "Polda Jawa Barat" in detail.text and "+30,0" in detail.text  # Indonesian decimal comma
    assert "Wahyuningsih" not in detail.text
    assert client.get(f"{BASE}hasil/").status_code == 200
    can_manage = who in MANAGERS
    assert ("Tambah peserta" in detail.text) is can_manage
    assert ("dengan nama untuk sertifikat" in detail.text) is (
        who in ("supervisor", "legal_officer")
    )


@pytest.mark.parametrize("who", MANAGERS)
def test_managers_open_every_form(client, training, cast_t, who):
    participant = add(training, cast_t.officer)
    client.force_login(getattr(cast_t, who))
    for url in _pages(training, participant):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("who", NOT_MANAGERS)
def test_non_managers_are_refused_every_form(client, training, cast_t, who):
    participant = add(training, cast_t.officer)
    client.force_login(getattr(cast_t, who))
    # managers of another organisation may create trainings of their own, not edit this one
    creates = who in ("other_officer", "other_legal_officer")
    assert client.get(f"{BASE}baru/").status_code == (200 if creates else 403)
    for url in _pages(training, participant):
        assert client.get(url).status_code == 403, url
        assert client.post(url, {**PARTICIPANT, "title": "x"}).status_code == 403, url
    remove = f"{BASE}{training.pk}/peserta/{participant.pk}/hapus/"
    assert client.post(remove).status_code == 403
    assert Participant.objects.count() == 1


def test_user_without_role_and_anonymous(client, training, cast_t):
    assert client.get(BASE)["Location"].startswith("/akun/login/")
    client.force_login(cast_t.no_role)
    assert client.get(BASE).status_code == 403
    assert client.get(f"{BASE}{training.pk}/").status_code == 403
    assert client.get(f"{BASE}{training.pk}/ekspor/csv/").status_code == 403


def test_unknown_training_and_participant_are_404(client, training, cast_t):
    client.force_login(cast_t.officer)
    assert client.get(f"{BASE}999/").status_code == 404
    assert client.get(f"{BASE}{training.pk}/peserta/999/ubah/").status_code == 404
    assert client.get(f"{BASE}{training.pk}/ekspor/pdf/").status_code == 404


def test_create_page_shows_field_errors_and_saves_nothing(client, cast_t):
    client.force_login(cast_t.officer)
    response = client.post(
        f"{BASE}baru/",
        {**TRAINING, "title": "", "start_date": "2023-03-09", "end_date": "2023-03-01"},
    )
    assert response.status_code == 200
    assert "tidak boleh sebelum tanggal mulai" in response.text
    assert "has-error" in response.text
    assert not Training.objects.exists()


def test_create_page_saves_and_redirects(client, cast_t):
    client.force_login(cast_t.supervisor)
    response = client.post(f"{BASE}baru/", TRAINING)
    training = Training.objects.get()
    assert response.status_code == 302 and response["Location"] == f"{BASE}{training.pk}/"
    assert training.organiser == cast_t.organisation
    assert AuditEvent.objects.filter(action="trainings.training.created").count() == 1


def test_edit_page_saves_and_detects_conflicts(client, training, cast_t):
    client.force_login(cast_t.officer)
    response = client.post(
        f"{BASE}{training.pk}/ubah/", {**TRAINING, "city": "Bogor", "version": 1}
    )
    assert response.status_code == 302
    training.refresh_from_db()
    assert (training.city, training.version) == ("Bogor", 2)
    stale = client.post(f"{BASE}{training.pk}/ubah/", {**TRAINING, "city": "Depok", "version": 1})
    assert stale.status_code == 200 and "sudah diubah orang lain" in stale.text
    training.refresh_from_db()
    assert training.city == "Bogor"


def test_quick_entry_save_and_add_another(client, training, cast_t):
    client.force_login(cast_t.officer)
    url = f"{BASE}{training.pk}/peserta/baru/"
    data = {**PARTICIPANT, "attended": "on", "pre_score": "45,5", "add_another": "1"}
    response = client.post(url, data)
    assert response.status_code == 302
    assert response["Location"].startswith(url + "?institution_type=police")
    form = client.get(response["Location"])
    assert 'value="Polda Jawa Barat"' in form.text and "1 peserta sekarang" in form.text
    response = client.post(url, {**PARTICIPANT, "attended": "on", "certificate_name": "Sri"})
    assert response["Location"] == f"{BASE}{training.pk}/"
    assert Participant.objects.count() == 2
    assert str(Participant.objects.first().pre_score) == "45.5"
    assert Participant.objects.last().has_name


def test_participant_form_shows_field_errors(client, training, cast_t):
    client.force_login(cast_t.officer)
    response = client.post(
        f"{BASE}{training.pk}/peserta/baru/", {**PARTICIPANT, "sex": "", "post_score": "120"}
    )
    assert response.status_code == 200
    assert "Nilai harus angka dari 0 sampai 100." in response.text
    assert not Participant.objects.exists()


def test_edit_and_remove_participant(client, training, cast_t):
    participant = add(training, cast_t.officer, certificate_name=CERTIFICATE_NAME)
    client.force_login(cast_t.legal_officer)
    url = f"{BASE}{training.pk}/peserta/{participant.pk}/ubah/"
    page = client.get(url)
    assert "sudah tersimpan" in page.text and "Wahyuningsih" not in page.text
    data = {k: v for k, v in PARTICIPANT.items() if k != "attended"}  # unticked
    response = client.post(url, {**data, "role": "Kanit", "remove_name": "on"})
    assert response.status_code == 302
    participant.refresh_from_db()
    assert (participant.role, participant.sealed_name, participant.attended) == ("Kanit", "", False)
    asked = client.post(f"{BASE}{training.pk}/peserta/{participant.pk}/hapus/")
    assert asked.status_code == 200 and "Hapus peserta ini dari pelatihan?" in asked.text
    assert Participant.objects.exists()
    client.post(f"{BASE}{training.pk}/peserta/{participant.pk}/hapus/", {"confirmed": "1"})
    assert not Participant.objects.exists()
    assert AuditEvent.objects.filter(action="trainings.participant.removed").exists()


def test_import_page_reports_line_numbers(client, training, cast_t):
    client.force_login(cast_t.officer)
    upload = SimpleUploadedFile(
        "peserta.csv",
        b"institution_type,sex,pre_score,post_score\npolice,female,40,70\nxx,male,,\n",
        content_type="text/csv",
    )
    response = client.post(f"{BASE}{training.pk}/peserta/impor/", {"file": upload})
    assert response.status_code == 200
    assert "1 peserta diimpor" in response.text
    assert "<td>3</td>" in response.text
    assert Participant.objects.count() == 1


def test_a_large_import_is_read_back_from_the_encrypted_spool(client, training, cast_t, settings):
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 64  # the file below is spooled (waspada.uploads)
    rows = b"".join(b"police,female,40,%d\n" % (50 + n) for n in range(40))
    upload = SimpleUploadedFile(
        "peserta.csv", b"institution_type,sex,pre_score,post_score\n" + rows,
        content_type="text/csv",
    )  # fmt: skip
    client.force_login(cast_t.officer)
    response = client.post(f"{BASE}{training.pk}/peserta/impor/", {"file": upload})
    assert response.status_code == 200 and "40 peserta diimpor" in response.text
    assert Participant.objects.count() == 40


def test_import_page_refuses_unusable_file_on_the_field(client, training, cast_t):
    client.force_login(cast_t.officer)
    upload = SimpleUploadedFile("peserta.csv", b"nama\nBudi\n", content_type="text/csv")
    response = client.post(f"{BASE}{training.pk}/peserta/impor/", {"file": upload})
    assert response.status_code == 200
    assert "Kolom wajib tidak ada" in response.text and "has-error" in response.text
    assert not Participant.objects.exists()


def test_a_large_xlsx_import_is_read_back_from_the_encrypted_spool(
    client, training, cast_t, settings
):
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 64  # the file below is spooled (waspada.uploads)
    rows = [["police", "female", 40, 50 + n] for n in range(40)] + [["pilot", "male"]]
    content = xlsx.workbook([["institution_type", "sex", "pre_score", "post_score"], *rows])
    upload = SimpleUploadedFile("peserta.xlsx", content, content_type=XLSX_TYPE)
    client.force_login(cast_t.officer)
    response = client.post(f"{BASE}{training.pk}/peserta/impor/", {"file": upload})
    assert response.status_code == 200 and "40 peserta diimpor" in response.text
    assert "<td>42</td>" in response.text and "institution_type" in response.text
    assert Participant.objects.count() == 40


def test_import_page_refuses_a_csv_renamed_xlsx_on_the_field(client, training, cast_t):
    client.force_login(cast_t.officer)
    upload = SimpleUploadedFile(
        "peserta.xlsx", b"institution_type,sex\npolice,male\n", content_type=XLSX_TYPE
    )
    response = client.post(f"{BASE}{training.pk}/peserta/impor/", {"file": upload})
    assert response.status_code == 200 and "has-error" in response.text
    assert "Berkas bernama .xlsx tetapi isinya bukan XLSX" in response.text
    assert not Participant.objects.exists()


def test_import_page_refuses_a_file_over_one_megabyte(client, training, cast_t):
    client.force_login(cast_t.officer)
    upload = SimpleUploadedFile("peserta.csv", b"institution_type,sex\n" + b"x" * 1_500_000)
    response = client.post(f"{BASE}{training.pk}/peserta/impor/", {"file": upload})
    assert "Berkas terlalu besar" in response.text and not Participant.objects.exists()


def test_export_downloads_and_names_need_the_right(client, training, cast_t):
    add(training, cast_t.officer, certificate_name=CERTIFICATE_NAME)
    client.force_login(cast_t.analyst)
    response = client.get(f"{BASE}{training.pk}/ekspor/csv/")
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('kehadiran.csv"')
    assert b"Wahyuningsih" not in response.content
    assert client.get(f"{BASE}{training.pk}/ekspor/csv/?names=1").status_code == 403
    client.force_login(cast_t.legal_officer)
    named = client.get(f"{BASE}{training.pk}/ekspor/xlsx/?names=1")
    assert named.status_code == 200 and named["Content-Type"].startswith(
        "application/vnd.openxmlformats"
    )
    assert named.content[:2] == b"PK"
    assert AuditEvent.objects.filter(action="trainings.attendance.exported").count() == 2


def test_list_filters(client, training, cast_t):
    services.training_create(
        actor=cast_t.other_officer, data={**TRAINING, "title": "Pelatihan mitra"}
    )
    client.force_login(cast_t.analyst)
    page = client.get(BASE, {"year": 2023, "topic": "victim_identification"}).text
    assert TRAINING["title"] in page and "Pelatihan mitra" in page
    assert TRAINING["title"] not in client.get(BASE, {"topic": "digital_evidence"}).text
    other = client.get(BASE, {"organiser": cast_t.other_organisation.pk}).text
    assert TRAINING["title"] not in other and "Pelatihan mitra" in other


def test_results_page_year_range(client, training, cast_t):
    add(training, cast_t.officer)
    client.force_login(cast_t.analyst)
    page = client.get(f"{BASE}hasil/", {"year_from": 2023, "year_to": 2023})
    assert "Kepolisian" in page.text and "30,0" in page.text
    assert "Kepolisian" not in client.get(f"{BASE}hasil/", {"year_from": 2024}).text
    bad = client.get(f"{BASE}hasil/", {"year_from": 2024, "year_to": 2022})
    assert "Tahun akhir tidak boleh sebelum tahun awal." in bad.text


def test_the_validator_decides_every_field_of_the_participant_form(client, cast_t, training):
    """The form only parses: an unknown sex, an over-long role and a score above 100 are
    all reported by the one validator, in one answer."""
    client.force_login(cast_t.officer)
    response = client.post(
        f"{BASE}{training.pk}/peserta/baru/",
        {"institution_type": "police", "sex": "robot", "role": "R" * 121, "pre_score": "101",
         "attended": "on"},
    )  # fmt: skip
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["sex"] == ["Pilih jenis kelamin dari daftar."]
    assert errors["role"] == ["Paling banyak 120 karakter (sekarang 121)."]
    assert errors["pre_score"] == ["Nilai harus angka dari 0 sampai 100."]
    assert not training.participants.exists()
