"""Attachments: type by content, metadata stripped, size limit, encrypted at rest."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from fpdf import FPDF
from PIL import Image
from pypdf import PdfReader

from waspada.lapor import files, services
from waspada.lapor.models import ReportAttachment
from waspada.privacy import crypto
from waspada.privacy import services as privacy

pytestmark = pytest.mark.django_db

GPS_LATITUDE = 0x8825  # the GPS IFD of EXIF


def jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (40, 20), (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "SecretPhoneMaker"  # Make
    exif[0x0112] = 6  # Orientation: rotate 90° to show upright
    exif.get_ifd(GPS_LATITUDE).update({1: "N", 2: (11.0, 33.0, 12.5)})
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()


def png_with_text() -> bytes:
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_text("Author", "SecretAuthorName")
    out = io.BytesIO()
    Image.new("RGB", (10, 10)).save(out, "PNG", pnginfo=info)
    return out.getvalue()


def pdf_with_metadata() -> bytes:
    pdf = FPDF()
    pdf.set_author("SecretAuthorName")
    pdf.set_creator("SecretCreatorApp")
    pdf.set_title("Kontrak kerja")
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(text="Kontrak kerja di Kamboja")
    return bytes(pdf.output())


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def test_a_jpeg_loses_its_exif_and_gps_but_keeps_its_orientation():
    cleaned = files.clean_upload(upload("foto.jpg", jpeg_with_gps()))
    assert cleaned.content_type == "image/jpeg"
    with Image.open(io.BytesIO(cleaned.content)) as image:
        assert dict(image.getexif()) == {}
        assert image.size == (20, 40)  # turned as the EXIF orientation said
    assert b"SecretPhoneMaker" not in cleaned.content
    assert b"Exif" not in cleaned.content


def test_a_png_loses_its_text_chunks():
    cleaned = files.clean_upload(upload("layar.png", png_with_text()))
    assert b"SecretAuthorName" not in cleaned.content
    with Image.open(io.BytesIO(cleaned.content)) as image:
        assert image.format == "PNG" and "Author" not in image.info


def test_a_pdf_loses_its_document_information_and_keeps_its_pages():
    original = pdf_with_metadata()
    assert b"SecretAuthorName" in original
    cleaned = files.clean_upload(upload("kontrak.pdf", original))
    assert b"SecretAuthorName" not in cleaned.content
    assert b"SecretCreatorApp" not in cleaned.content
    reader = PdfReader(io.BytesIO(cleaned.content))
    assert not reader.metadata
    assert len(reader.pages) == 1
    assert "Kontrak kerja di Kamboja" in reader.pages[0].extract_text()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("virus.exe", b"MZ\x90\x00" + b"\x00" * 100, "Hanya gambar"),
        ("foto.jpg", b"MZ\x90\x00" + b"\x00" * 100, "Hanya gambar"),
        ("foto.jpg", b"%PDF-1.4 not a jpeg", "tidak sesuai"),
        ("suara.mp3", b"ID3" + b"\x00" * 100, "Hanya gambar"),
        ("catatan.txt", b"hello", "Hanya gambar"),
        ("kosong.png", b"", "kosong"),
        ("rusak.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 50, "tidak bisa dibaca"),
        ("rusak.pdf", b"%PDF-1.4\n garbage", "tidak bisa dibaca"),
    ],
)
def test_a_wrong_or_broken_file_is_refused_on_the_files_field(name, content, message):
    with pytest.raises(ValidationError) as raised:
        files.clean_upload(upload(name, content))
    assert message in " ".join(raised.value.message_dict["files"])


def test_a_file_over_the_limit_is_refused_with_the_limit(settings):
    settings.WASPADA_LAPOR_FILE_MAX_MB = 1
    big = upload("besar.jpg", b"\xff\xd8\xff" + b"\x00" * (1024 * 1024 + 1))
    with pytest.raises(ValidationError) as raised:
        files.clean_upload(big)
    assert "paling besar 1 MB" in raised.value.message_dict["files"][0]


def test_more_than_three_files_are_refused_and_nothing_is_written(sos_data):
    uploads = [upload(f"f{n}.png", png_with_text()) for n in range(4)]
    with pytest.raises(ValidationError) as raised:
        services.report_submit(data=sos_data, uploads=uploads)
    assert "files" in raised.value.message_dict
    assert not ReportAttachment.objects.exists()


def test_bad_fields_and_a_bad_file_are_named_together(sos_data):
    sos_data["description"] = ""
    with pytest.raises(ValidationError) as raised:
        services.report_submit(data=sos_data, uploads=[upload("x.exe", b"MZ" + b"\0" * 9)])
    assert {"description", "files"} <= set(raised.value.message_dict)


def test_attachments_are_encrypted_at_rest_under_the_report_key(
    sos_data, django_capture_on_commit_callbacks
):  # noqa: E501
    with django_capture_on_commit_callbacks(execute=True):
        report = services.report_submit(
            data=sos_data, uploads=[upload("kontrak-dewi.pdf", pdf_with_metadata())]
        ).report
    attachment = ReportAttachment.objects.get(report=report)
    stored = files.final_path(attachment.storage_name).read_bytes()
    assert b"Kontrak" not in stored and b"%PDF" not in stored
    key = crypto.unwrap_key(report.data_key.wrapped, privacy.keyring())
    plain = b"".join(files.decrypted(attachment.storage_name, key))
    assert plain.startswith(b"%PDF") and len(plain) == attachment.size
    assert attachment.content_type == "application/pdf"
    assert "kontrak-dewi" not in attachment.sealed
    opened = privacy.open_sealed(
        report.data_key, attachment.sealed, context=f"lapor.attachment:{attachment.pk}"
    )
    assert opened == {"file_name": "kontrak-dewi.pdf"}
