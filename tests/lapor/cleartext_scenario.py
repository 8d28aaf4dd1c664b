"""Run as a separate process by ``test_cleartext``: a whole public-report story against a real
SQLite database in ``WASPADA_DATA_DIR`` (a family's SOS with files, a large upload spooled to
disk, an offer through the API, the duty officer's messages, notes, the conversion into a
case with the attachments moved into the evidence vault). Prints the tracking code."""

from __future__ import annotations

import io
import json
import logging

import django

django.setup()

from django.contrib.auth.hashers import make_password  # noqa: E402
from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django_otp import DEVICE_ID_SESSION_KEY  # noqa: E402
from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: E402
from fpdf import FPDF  # noqa: E402
from PIL import Image  # noqa: E402

from waspada.accounts.models import Organisation, User  # noqa: E402
from waspada.accounts.roles import OrganisationType, Role  # noqa: E402

VICTIM, REPORTER = "Dewi Anggraini Saputri", "Rudi Hartono Saputra"


def photo() -> bytes:
    exif = Image.Exif()
    exif[0x010F] = VICTIM  # the camera "make": a stand-in for anything personal in EXIF
    exif.get_ifd(0x8825).update({1: "N", 2: (11.0, 33.0, 12.5)})
    out = io.BytesIO()
    Image.new("RGB", (64, 64), (10, 120, 30)).save(out, "JPEG", exif=exif)
    return out.getvalue()


def big_pdf() -> bytes:
    """Over 2 MB, so Django spools it to disk (encrypted, by waspada.uploads)."""
    pdf = FPDF()
    pdf.set_author(REPORTER)
    pdf.set_font("helvetica", size=10)
    pdf.set_compression(False)
    for _page in range(520):
        pdf.add_page()
        for _line in range(50):
            pdf.cell(text=f"Kontrak {VICTIM} nomor +855 97 555 0142", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def main() -> None:
    call_command("migrate", verbosity=0)
    org = Organisation.objects.create(name="IOM", type=OrganisationType.INTERNATIONAL)
    User.objects.create(
        username="piket", role=Role.DUTY_OFFICER, organisation=org, password=make_password("x")
    )
    family = Client()
    logging.disable(logging.CRITICAL)  # making the test files is not what is checked
    pdf, jpeg = big_pdf(), photo()
    logging.disable(logging.NOTSET)
    assert len(pdf) > 2 * 1024 * 1024, len(pdf)
    response = family.post(
        "/lapor/sos/",
        {
            "person_name": VICTIM, "person_age_or_year": "23", "person_sex": "female",
            "person_phone": "+855 97 555 0142", "person_contacts": "Telegram @dewi_angg",
            "country": "KH", "city": "Sihanoukville", "place": "Gedung Golden Lotus Blok C",
            "situations": ["confined"], "description": f"{VICTIM} disekap di Golden Lotus",
            "reporter_name": REPORTER, "reporter_contact": "0812-7788-9900",
            "reporter_relation": "family", "submission": "scenario-1",
            "attachments": [SimpleUploadedFile("dewi.jpg", jpeg),
                            SimpleUploadedFile("kontrak-dewi.pdf", pdf)],
        },
    )  # fmt: skip
    assert response.status_code == 200, response.status_code
    body = response.content.decode()
    code = body.split('id="kode">', 1)[1].split("<", 1)[0]
    api = family.post(
        "/api/v1/public-reports",
        json.dumps({"kind": "suspicious_offer", "description": f"Perekrut {REPORTER}",
                    "recruiter_contacts": ["0812-7788-9900"], "reporter_name": REPORTER}),
        content_type="application/json",
    )  # fmt: skip
    assert api.status_code == 201, api.content
    staff = Client()
    piket = User.objects.get(username="piket")
    staff.force_login(piket)
    # The duty officer has passed the second factor (an enrolled authenticator app).
    device = TOTPDevice.objects.create(user=piket, name="scenario", confirmed=True)
    session = staff.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    staff.post(f"/lapor/piket/{code}/pesan/", {"body": f"Halo {REPORTER}", "to_reporter": "1"})
    staff.post(f"/lapor/piket/{code}/pesan/", {"body": f"Telepon {VICTIM} di +855 97 555 0142"})
    page = staff.get(f"/lapor/piket/{code}/jadikan-kasus/")
    assert VICTIM in page.content.decode()
    converted = staff.post(
        f"/lapor/piket/{code}/jadikan-kasus/",
        {"full_name": VICTIM, "sex": "female", "phone": "+855 97 555 0142",
         "family_contact": f"{REPORTER} 0812-7788-9900", "destination_country": "KH",
         "narrative": f"{VICTIM} disekap"},
    )  # fmt: skip
    assert converted.status_code == 302, converted.status_code
    status = family.post("/lapor/status/", {"code": code, "pin": body.split('id="pin">')[1][:6]})
    assert f"Halo {REPORTER}" in status.content.decode()
    print(code)


if __name__ == "__main__":
    main()
